"""How often each score occurs among some moments of a cohort, per cluster (and per knowledge / skills /
attitudes): what the cohort's medians are taken from (`core.counted`).

Two ways to count, with the same results:
- `AnswerCounts` sums the moments' answers (`core.compact.answers_text`, one character per statement): a score of
  some statements is `scale.percentage(sum of levels / number of levels)` (`core.scoring.score`), so a moment's
  (sum, number) pair is all a score needs. The characters of one statement in every moment, cut from the answers
  joined, become one big integer with a byte per moment (its level, or whether it has one); adding a cluster's
  statements adds every moment's sum at once, without Python code per moment. A byte holds a sum up to 255: a
  group of statements may have at most 255 // (the scale's highest level) (63 on a scale of 0 to 4; the levels
  stored are the scale's, which `answers.check_submit` makes sure of).
- `FigureCounts` reads the moments' stored scores (`core.compact.scores_text`), cut into a column per cluster:
  for moments whose answers cannot be summed (another framework version, a level that is not a digit, another
  scale).
A rating of "not relevant", or none, adds nothing: a score with no level is None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from operator import itemgetter

from . import compact
from .model import COMPONENT_KINDS
from .scales import Scale

_BYTE = 254  # the largest sum: one more (`_joint`) still fits a byte
_DIGITS = compact.LEVEL_CHARS


def byte_table(values: Mapping[str, int]) -> bytes:
    """A `bytes.translate` table: each character's byte becomes its value, every other byte 0."""
    table = bytearray(256)
    for char, value in values.items():
        table[ord(char)] = value
    return bytes(table)


_LEVEL = byte_table({char: int(char) for char in _DIGITS})
_HAS_LEVEL = byte_table(dict.fromkeys(_DIGITS, 1))
_ANSWERED = byte_table(dict.fromkeys(_DIGITS + compact.NOT_RELEVANT_CHAR, 1))
_ONE_MORE = bytes([*range(1, 256), 0])


@lru_cache(maxsize=256)
def _only(value: int) -> bytes:
    """A translation table that keeps 255 for a byte of this value, 0 for any other."""
    return byte_table({chr(value): 255})


def _joint(first: bytes, second: bytes) -> dict[tuple[int, int], int]:
    """How often each pair (first[i], second[i]) occurs, `first` below 255: for each value of `second`, the bytes
    of `first` (one more) where `second` has that value, and zeros elsewhere, are counted by `bytes.count`."""
    found = {}
    shifted = int.from_bytes(first.translate(_ONE_MORE), "big")
    for value in set(second):
        where = int.from_bytes(second.translate(_only(value)), "big")
        kept = (shifted & where).to_bytes(len(first), "big")
        for one_more in set(kept) - {0}:
            found[one_more - 1, value] = kept.count(one_more)
    return found


def take(column: Sequence, rows: Sequence[int]) -> Sequence:
    """The column's values in these rows (an itemgetter: no Python code per row)."""
    return itemgetter(*rows)(column) if len(rows) > 1 else [column[i] for i in rows]


def _add(counts: dict, value, n: int) -> None:
    counts[value] = counts.get(value, 0) + n


class AnswerCounts:
    """Scores summed from answers all written in one layout, rated on one scale."""

    def __init__(self, answers: Sequence[str], groups: Mapping[tuple[str, str], Sequence[int]], scale: Scale):
        """`groups`: (cluster, kind or "") -> the positions in the layout of its statements."""
        self.answers, self.groups, self.scale = answers, groups, scale
        self.width = len(answers[0]) if answers else 0
        self._sums: list[tuple[Sequence[int], tuple, dict]] = []

    @staticmethod
    def fits(answers: Sequence[str], groups: Mapping[tuple[str, str], Sequence[int]], scale: Scale | None) -> bool:
        """Whether these answers can be summed: groups and one scale known, every answer written, no group's sum
        too large for a byte."""
        if not groups or scale is None:
            return False
        highest = max(*scale.values, 1)
        return all(answers) and all(highest * len(positions) <= _BYTE for positions in groups.values())

    def _of(self, rows: Sequence[int]) -> dict:
        """The rows' answers, cut into a column per statement, and per group (both kept for the last few lists of
        rows: the same list, or one with the same rows, is not cut again)."""
        for known, _key, found in self._sums:
            if known is rows:
                return found
        key = tuple(rows)
        for _known, other, found in self._sums:
            if other == key:
                return found
        joined = "".join(take(self.answers, rows)).encode("ascii")
        columns = [joined[k::self.width] for k in range(self.width)]
        found = {"columns": columns, "sums": [(int.from_bytes(column.translate(_LEVEL), "big"),
                                               int.from_bytes(column.translate(_HAS_LEVEL), "big"))
                                              for column in columns]}
        self._sums = [(rows, key, found), *self._sums[:3]]
        return found

    def _group(self, rows: Sequence[int], group: tuple[str, str]) -> tuple[bytes, bytes]:
        """Every row's sum of levels and number of levels in the group's statements, a byte each."""
        found = self._of(rows)
        if group not in found:
            total = levels = 0
            for k in self.groups[group]:
                column_total, column_levels = found["sums"][k]
                total, levels = total + column_total, levels + column_levels
            found[group] = (total.to_bytes(len(rows), "big"), levels.to_bytes(len(rows), "big"))
        return found[group]

    def _answered(self, rows: Sequence[int], group: tuple[str, str]) -> bool:
        """Whether any row answered one of the group's statements (with a level or "not relevant")."""
        columns = self._of(rows)["columns"]
        return any(columns[k].translate(_ANSWERED).count(1) for k in self.groups[group])

    def _value(self, total: int, levels: int) -> float | None:
        return self.scale.percentage(total / levels) if levels else None

    def _counts(self, sums: tuple[bytes, bytes]) -> dict[float, int]:
        found: dict[float, int] = {}
        for (total, levels), n in _joint(sums[0], sums[1]).items():
            if levels:
                _add(found, self._value(total, levels), n)
        return found

    def overall(self, cluster_id: str, rows: Sequence[int]) -> dict[float, int]:
        if not rows or (cluster_id, "") not in self.groups:
            return {}
        return self._counts(self._group(rows, (cluster_id, "")))

    def kinds(self, cluster_id: str, rows: Sequence[int]) -> dict[str, dict[float, int]]:
        """Kind -> its counts, for the kinds some row answered."""
        return {kind: self._counts(self._group(rows, (cluster_id, kind))) for kind in COMPONENT_KINDS
                if rows and (cluster_id, kind) in self.groups and self._answered(rows, (cluster_id, kind))}

    def pairs(self, cluster_id: str, before: Sequence[int], after: Sequence[int]) -> dict[tuple, int]:
        """(score in `before[i]`, score in `after[i]`) -> how many i."""
        if not before or (cluster_id, "") not in self.groups:
            return {}
        (total_a, levels_a), (total_b, levels_b) = self._group(before, (cluster_id, "")), self._group(
            after, (cluster_id, ""))
        found: dict[tuple, int] = {}
        for (ta, la, tb, lb), n in Counter(zip(total_a, levels_a, total_b, levels_b, strict=True)).items():
            _add(found, (self._value(ta, la), self._value(tb, lb)), n)
        return found


class FigureCounts:
    """Scores read from the moments' stored scores."""

    def __init__(self, figures: Sequence[str]):
        n = len(figures)
        parts = ";".join(figures).split(";") if n else []
        size = len(parts) // n if n else 0
        columns: dict[str, list[str]] | None = {} if size and len(parts) == size * n else None
        for k in range(size if columns is not None else 0):  # every moment with the same clusters: cut, not read
            column = parts[k::size]
            found = {part.split(",", 1)[0] for part in set(column)}
            if len(found) != 1 or "" in found:
                columns = None
                break
            columns[found.pop()] = column
        if columns is None:  # moments with other clusters: one by one
            columns = {}
            for i, text in enumerate(figures):
                for part in text.split(";") if text else ():
                    columns.setdefault(part.split(",", 1)[0], [""] * n)[i] = part
        self.columns = columns
        self.parsed = {part: compact.cluster_from_text(part) for column in columns.values() for part in set(column)
                       if part}
        self._value = {part: parsed[1] for part, parsed in self.parsed.items()} | {"": None}  # text -> overall
        self._overall: dict[str, list] = {}

    def _texts(self, cluster_id: str, rows: Sequence[int]) -> Counter:
        column = self.columns.get(cluster_id)
        found = Counter(take(column, rows)) if column and rows else Counter()
        found.pop("", None)
        return found

    def _overall_of(self, cluster_id: str) -> list[float | None]:
        """The cluster's overall score in each moment (None where it has none)."""
        found = self._overall.get(cluster_id)
        if found is None:
            found = self._overall[cluster_id] = list(map(self._value.__getitem__, self.columns.get(cluster_id, ())))
        return found

    def overall(self, cluster_id: str, rows: Sequence[int]) -> dict[float, int]:
        found: dict[float, int] = {}
        for part, n in self._texts(cluster_id, rows).items():
            value = self.parsed[part][1]
            if value is not None:
                _add(found, value, n)
        return found

    def kinds(self, cluster_id: str, rows: Sequence[int]) -> dict[str, dict[float, int]]:
        """Kind -> its counts, for the kinds in some row's scope."""
        found: dict[str, dict[float, int]] = {}
        for part, n in self._texts(cluster_id, rows).items():
            for kind, value in self.parsed[part][2]:
                bucket = found.setdefault(kind, {})
                if value is not None:
                    _add(bucket, value, n)
        return found

    def pairs(self, cluster_id: str, before: Sequence[int], after: Sequence[int]) -> dict[tuple, int]:
        """(score in `before[i]`, score in `after[i]`) -> how many i."""
        if not before or cluster_id not in self.columns:
            return {}
        overall = self._overall_of(cluster_id)
        return dict(Counter(zip(take(overall, before), take(overall, after), strict=True)))


def groups_of(statements: Sequence) -> dict[tuple[str, str], list[int]]:
    """(cluster, kind or "") -> the positions of its statements among `statements` (a framework's, in its order:
    the layout of `answers`)."""
    found: dict[tuple[str, str], list[int]] = {}
    for position, statement in enumerate(statements):
        found.setdefault((statement.cluster_id, ""), []).append(position)
        found.setdefault((statement.cluster_id, statement.kind), []).append(position)
    return found
