"""A learner's submitted moments as the self-assessment stores them: each as one short text, decoded when read.

A moment (`core.snapshots.make_snapshot`) is a dict of some 5 kB, most of it its ratings and scores; a learner's
state holds all of their moments and is decoded and encoded whole at every save. Stored as text, a moment costs
the JSON of one string until it is read. `encode` writes a JSON array:

    [1, id, submitted_at, shared, framework, framework_version, scale, ratings, reflections, scores]

- `ratings`: runs of consecutively numbered statements, separated by spaces, each the first statement's ID, `:`
  and a character per statement (`core.compact.rating_char`): `5.1.1:3n2 6.1.1:4` is 5.1.1 = 3, 5.1.2 = not
  relevant, 5.1.3 = 2, 6.1.1 = 4. The numbering is the IDs', not a framework's: the text decodes without a
  framework, whatever version of it is installed later.
- `scores` (`Profile.to_dict()`): `[overall, [[cluster, overall, knowledge, skills, attitudes], ...]]`, each score
  `[value, rated, not_relevant, total]`, null for a kind the scope does not have; floats as JSON writes them, so
  they come back exactly.
- the other values as they are (reflections as a JSON object).

A moment that the text would not give back exactly, to the key order and the type of every value (an older
shape, an unusual ID or level), is stored as its JSON object; `decode` reads both, so older records (objects
only) are read as they are and written as text when the learner next submits.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from .compact import RATING_OF, rating_char
from .model import COMPONENT_KINDS

#: The first member of a moment's text: the layout described above.
_LAYOUT = 1
_KEYS = ("id", "submitted_at", "shared", "framework", "framework_version", "scale", "ratings", "reflections",
         "scores")


def _next_id(statement_id: str) -> str | None:
    """The ID numbered one after `statement_id` (5.1.9 -> 5.1.10); None when its last part is no plain number."""
    head, dot, number = statement_id.rpartition(".")
    if not (number.isascii() and number.isdigit()) or (len(number) > 1 and number.startswith("0")):
        return None
    return f"{head}{dot}{int(number) + 1}"


def _ratings_text(ratings: Mapping) -> str:
    runs: list[list[str]] = []  # [first ID, characters...]
    expected = None
    for statement_id, rating in ratings.items():
        char = rating_char(rating)
        if char is None:
            raise ValueError(f"no character for the rating {rating!r}")
        if statement_id == expected:
            runs[-1].append(char)
        else:
            runs.append([statement_id, ":", char])
        expected = _next_id(statement_id)
    return " ".join("".join(run) for run in runs)


@lru_cache(maxsize=256)
def _statement_ids(runs: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    """The statements of runs (first ID, length): the same for every moment of a scope, so worked out once."""
    ids = []
    for first, length in runs:
        ids.append(first)
        if length > 1:
            head, dot, number = first.rpartition(".")
            ids.extend(f"{head}{dot}{n}" for n in range(int(number) + 1, int(number) + length))
    return tuple(ids)


def _ratings(text: str) -> dict:
    runs = [run.rpartition(":") for run in text.split(" ")] if text else []
    ids = _statement_ids(tuple((first, len(chars)) for first, _, chars in runs))
    return dict(zip(ids, map(RATING_OF.__getitem__, "".join(chars for _, _, chars in runs)), strict=True))


# A score as Profile.to_dict() writes it (the fields of scoring.Score, spelt out: this is the hot path of reading a
# learner's moments; should Score change, `encode` finds the text no longer gives the moment back and keeps JSON).
def _score_values(score: Mapping | None) -> list | None:
    return None if score is None else [score["value"], score["rated"], score["not_relevant"], score["total"]]


def _score(values: list | None) -> dict | None:
    if values is None:
        return None
    value, rated, not_relevant, total = values
    return {"value": value, "rated": rated, "not_relevant": not_relevant, "total": total}


def _scores_values(scores: Mapping) -> list:
    return [_score_values(scores["overall"]),
            [[cluster["cluster"], _score_values(cluster["overall"]),
              *(_score_values(cluster["by_kind"].get(kind)) for kind in COMPONENT_KINDS)]
             for cluster in scores["clusters"]]]


def _scores(values: list) -> dict:
    overall, clusters = values
    return {"overall": _score(overall),
            "clusters": [{"cluster": cluster_id, "overall": _score(cluster_overall),
                          "by_kind": {kind: _score(kind_values)
                                      for kind, kind_values in zip(COMPONENT_KINDS, by_kind, strict=True)
                                      if kind_values is not None}}
                         for cluster_id, cluster_overall, *by_kind in clusters]}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode(moment: Mapping) -> str | Mapping:
    """The stored form of a moment: its text, or the moment itself when the text would not give it back exactly."""
    try:
        values = [moment[key] for key in _KEYS]
        values[6], values[8] = _ratings_text(moment["ratings"]), _scores_values(moment["scores"])
        text = _json([_LAYOUT, *values])
        exact = _json(decode(text)) == _json(moment)
    except (KeyError, TypeError, AttributeError, ValueError):  # a shape the layout does not have
        return moment
    return text if exact else moment


def _values(text: str) -> list:
    layout, *values = json.loads(text)
    if layout != _LAYOUT:
        raise ValueError(f"a stored moment of an unknown layout: {layout!r}")
    return values


def decode(stored: str | Mapping) -> Mapping:
    """A moment from its stored form (text written by `encode`, or a JSON object as older records hold)."""
    if not isinstance(stored, str):
        return stored
    moment = dict(zip(_KEYS, _values(stored), strict=True))
    moment["ratings"], moment["scores"] = _ratings(moment["ratings"]), _scores(moment["scores"])
    return moment


def _head(stored: str | Mapping) -> Mapping:
    if not isinstance(stored, str):
        return stored
    moment_id, submitted_at, *_ = _values(stored)
    return {"id": moment_id, "submitted_at": submitted_at}


class Moments(Sequence):
    """A learner's moments as stored (oldest first), each decoded when it is first read: `len()` decodes none.

    `stored` is the list as the learner's state holds it; the moments read are kept, so each is decoded once. A deep
    copy (XBlock takes one of a saved field's value) is the same stored list, decoded anew when read.
    """

    __slots__ = ("_decoded", "stored")

    def __init__(self, stored: Sequence):
        self.stored = stored
        self._decoded: dict[int, Mapping] = {}

    def __len__(self) -> int:
        return len(self.stored)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.stored)))]
        position = range(len(self.stored))[index]  # IndexError as a list's
        if position not in self._decoded:
            self._decoded[position] = decode(self.stored[position])
        return self._decoded[position]

    def __iter__(self) -> Iterator[Mapping]:
        return (self[i] for i in range(len(self.stored)))

    def __eq__(self, other) -> bool:
        if isinstance(other, Moments) and list(other.stored) == list(self.stored):
            return True  # the same stored moments, none decoded for it
        if isinstance(other, Moments | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None

    def heads(self) -> list[Mapping]:
        """Each moment's `id` and `submitted_at` (what `snapshots.moment_id` reads, e.g. to check the dashboard's
        copy at every view), without making the ratings and scores of those stored as text."""
        return [self._decoded.get(position) or _head(each) for position, each in enumerate(self.stored)]

    def __deepcopy__(self, memo) -> Moments:
        return Moments(copy.deepcopy(self.stored, memo))

    def __repr__(self) -> str:
        return f"Moments({len(self)} stored)"


def appended(moments: Sequence[Mapping], moment: Mapping) -> Moments:
    """The moments and one more, to be stored: what is stored as text kept as it is (none decoded for it), the rest
    (an older record's objects, the new moment) encoded."""
    kept = moments.stored if isinstance(moments, Moments) else moments
    return Moments([*(each if isinstance(each, str) else encode(each) for each in kept), encode(moment)])


def moments_of(state: Mapping) -> Moments:
    """The moments of a learner's state of a self-assessment as stored (its field `snapshots`), e.g. a row that
    the platform read."""
    return Moments(state.get("snapshots") or [])


def stored(moments: Sequence[Mapping]) -> list:
    """The stored form of a list of moments (a `Moments` as it was read, anything else encoded anew)."""
    if isinstance(moments, Moments):
        return list(moments.stored)
    return [encode(moment) for moment in moments]
