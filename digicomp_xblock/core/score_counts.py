"""How often each score occurs among some moments of a cohort, per cluster (and per knowledge / skills /
attitudes): what the cohort's medians are taken from (`core.counted`).

Two ways to count, with the same results:
- `AnswerCounts` sums the moments' answers (`core.compact.answers_text`, one character per statement): a score of
  some statements is `scale.percentage(sum of levels / number of levels)` (`core.scoring.score`), so a moment's
  (sum, number) pair is all a score needs. The characters of one statement in every moment, cut from the answers
  joined, become one big integer with a byte per moment (its level, or whether it has one); adding a cluster's
  statements adds every moment's sum at once, without Python code per moment; the (sum, number) bytes of all
  moments, interleaved, are then counted by one `Counter` (`_tally`). A byte holds a sum up to 255: a
  group of statements may have at most 255 // (the scale's highest level) (63 on a scale of 0 to 4; the levels
  stored are the scale's, which `answers.check_submit` makes sure of).
- `FigureCounts` reads the moments' stored scores (`core.compact.scores_text`), cut into a column per cluster:
  for moments whose answers cannot be summed (another framework version, a level that is not a digit, another
  scale).
A rating of "not relevant", or none, adds nothing: a score with no level is None.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from . import compact
from .model import COMPONENT_KINDS
from .scales import Scale

_BYTE = 255  # the largest sum a byte holds
_DIGITS = compact.LEVEL_CHARS


def byte_table(values: Mapping[str, int]) -> bytes:
    """A `bytes.translate` table: each character's byte becomes its value, every other byte 0."""
    table = bytearray(256)
    for char, value in values.items():
        table[ord(char)] = value
    return bytes(table)


_LEVEL = byte_table({char: int(char) for char in _DIGITS})
#: A `bytes.translate` table: 1 for the character of any level, 0 for any other.
HAS_LEVEL = byte_table(dict.fromkeys(_DIGITS, 1))
_ANSWERED = byte_table(dict.fromkeys(_DIGITS + compact.NOT_RELEVANT_CHAR, 1))


_UNITS = {2: "H", 4: "I"}  # the memoryview format of an unsigned integer of 2 and 4 bytes


def _tally(columns: Sequence[bytes]) -> dict[tuple[int, ...], int]:
    """How often each tuple (columns[0][i], columns[1][i], ...) occurs, for 2 to 4 columns of one length: one
    column that varies is counted value by value with `bytes.count`; two or more are interleaved, a byte each, into
    one unsigned integer per i, and those counted by one `Counter` (no Python code per i either way)."""
    n = len(columns[0])
    if not n:
        return {}
    fixed = [column[0] if column.count(column[0]) == n else None for column in columns]
    varying = [column for column, value in zip(columns, fixed, strict=True) if value is None]
    width = (0, 1, 2, 4, 4)[len(varying)]
    if width == 0:
        counted = {0: n}
    elif width == 1:
        counted = {value: varying[0].count(value) for value in set(varying[0])}
    else:
        units = bytearray(width * n)
        for k, column in enumerate(varying):
            units[k::width] = column
        counted = Counter(memoryview(units).cast(_UNITS[width]))
    # each tuple picked by one itemgetter from a unit's bytes followed by the fixed values
    varied, held = iter(range(width)), iter(range(width, width + len(columns)))
    tuple_of = itemgetter(*(next(varied) if value is None else next(held) for value in fixed))
    known = bytes(value for value in fixed if value is not None)
    return {tuple_of(unit.to_bytes(width, sys.byteorder) + known): count for unit, count in counted.items()}


def take(column: Sequence, rows: Sequence[int]) -> Sequence:
    """The column's values in these rows (an itemgetter: no Python code per row)."""
    return itemgetter(*rows)(column) if len(rows) > 1 else [column[i] for i in rows]


def _add(counts: dict, value, n: int) -> None:
    counts[value] = counts.get(value, 0) + n


def cut(answers: Sequence[str], width: int) -> list[bytes]:
    """Answers of `width` characters cut into a column per statement: column k holds character k of each answer."""
    joined = "".join(answers).encode("ascii")
    return [joined[k::width] for k in range(width)]


@dataclass
class _Cut:
    """Some rows' answers cut into columns, with what was counted from them."""

    rows: tuple[int, ...]
    lists: list[Sequence[int]]  # the lists of these rows asked for: found by identity
    columns: list[bytes]
    sums: list[tuple[int, int]]  # per column: its levels, and whether it has one, a byte per row, as big integers
    groups: dict[tuple[str, str], tuple[bytes, bytes]] = field(default_factory=dict)  # `AnswerCounts._group`
    counted: dict[tuple[str, str], dict[float, int]] = field(default_factory=dict)  # `AnswerCounts._counts`


class AnswerCounts:
    """Scores summed from answers all written in one layout, rated on one scale."""

    def __init__(self, answers: Sequence[str], groups: Mapping[tuple[str, str], Sequence[int]], scale: Scale):
        """`groups`: (cluster, kind or "") -> the positions in the layout of its statements."""
        self.answers, self.groups, self.scale = answers, groups, scale
        self.width = len(answers[0]) if answers else 0
        self._cuts: list[_Cut] = []
        self._values: dict[tuple[int, int], float | None] = {}  # (sum, number of levels) -> score

    @staticmethod
    def fits(answers: Sequence[str], groups: Mapping[tuple[str, str], Sequence[int]], scale: Scale | None) -> bool:
        """Whether these answers can be summed: groups and one scale known, every answer written, no group's sum
        too large for a byte."""
        if not groups or scale is None:
            return False
        highest = max(*scale.values, 1)
        return all(answers) and all(highest * len(positions) <= _BYTE for positions in groups.values())

    def _of(self, rows: Sequence[int]) -> _Cut:
        """The rows' answers cut, kept for the last few lists of rows: the same list, or one with the same rows in
        the same order, is not cut (nor counted) again."""
        for found in self._cuts:
            if any(known is rows for known in found.lists):
                return found
        key = tuple(rows)
        for found in self._cuts:
            if found.rows == key:
                found.lists.append(rows)
                return found
        columns = cut(take(self.answers, rows), self.width)
        found = _Cut(key, [rows], columns, [(int.from_bytes(column.translate(_LEVEL), "big"),
                                             int.from_bytes(column.translate(HAS_LEVEL), "big"))
                                            for column in columns])
        self._cuts = [found, *self._cuts[:3]]
        return found

    def columns(self, rows: Sequence[int]) -> list[bytes]:
        """`cut` of the rows' answers."""
        return self._of(rows).columns

    def _group(self, rows: Sequence[int], group: tuple[str, str]) -> tuple[bytes, bytes]:
        """Every row's sum of levels and number of levels in the group's statements, a byte each."""
        found = self._of(rows)
        if group not in found.groups:
            total = levels = 0
            for k in self.groups[group]:
                column_total, column_levels = found.sums[k]
                total, levels = total + column_total, levels + column_levels
            found.groups[group] = (total.to_bytes(len(rows), "big"), levels.to_bytes(len(rows), "big"))
        return found.groups[group]

    def _answered(self, rows: Sequence[int], group: tuple[str, str]) -> bool:
        """Whether any row answered one of the group's statements (with a level or "not relevant")."""
        columns = self._of(rows).columns
        return any(columns[k].translate(_ANSWERED).count(1) for k in self.groups[group])

    def _value(self, total: int, levels: int) -> float | None:
        found = self._values.get((total, levels), False)
        if found is False:
            found = self._values[total, levels] = self.scale.percentage(total / levels) if levels else None
        return found

    def _counts(self, rows: Sequence[int], group: tuple[str, str]) -> dict[float, int]:
        counted = self._of(rows).counted
        if group not in counted:
            found: dict[float, int] = {}
            for (total, levels), n in _tally(self._group(rows, group)).items():
                if levels:
                    _add(found, self._value(total, levels), n)
            counted[group] = found
        return counted[group]

    def overall(self, cluster_id: str, rows: Sequence[int]) -> dict[float, int]:
        if not rows or (cluster_id, "") not in self.groups:
            return {}
        return self._counts(rows, (cluster_id, ""))

    def kinds(self, cluster_id: str, rows: Sequence[int]) -> dict[str, dict[float, int]]:
        """Kind -> its counts, for the kinds some row answered."""
        return {kind: self._counts(rows, (cluster_id, kind)) for kind in COMPONENT_KINDS
                if rows and (cluster_id, kind) in self.groups and self._answered(rows, (cluster_id, kind))}

    def pairs(self, cluster_id: str, before: Sequence[int], after: Sequence[int]) -> dict[tuple, int]:
        """(score in `before[i]`, score in `after[i]`) -> how many i."""
        if not before or (cluster_id, "") not in self.groups:
            return {}
        found: dict[tuple, int] = {}
        sums = (*self._group(before, (cluster_id, "")), *self._group(after, (cluster_id, "")))
        for (total_a, levels_a, total_b, levels_b), n in _tally(sums).items():
            _add(found, (self._value(total_a, levels_a), self._value(total_b, levels_b)), n)
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
