"""A moment's cohort figures as short text, stored beside its JSON so that reading a cohort decodes no JSON.

- `scores_text`: per cluster in scope, `cluster,overall,knowledge,skills,attitudes`, clusters joined by `;`; a
  score is `repr(float)`, `` when nothing was rated, `-` for a kind the scope does not have. `figures_from_text`
  gives back the values as tuples (only the scores: the cohort figures read nothing else).
- `answers_text`: one character per statement of a framework, in the framework's order: the rating's character
  (`rating_char`: the level, a digit, or `n` for "not relevant"), `.` for a statement not rated or not in scope;
  "" when a level is not a digit (then the JSON is the only form). The learner's own record uses the same
  characters (core.moments).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import COMPONENT_KINDS
from .scales import NOT_RELEVANT

_ABSENT_KIND = "-"
_NO_RATING = "."
_NOT_RELEVANT = "n"
#: The rating each character of `rating_char` stands for.
RATING_OF = {str(level): level for level in range(10)} | {_NOT_RELEVANT: NOT_RELEVANT}
#: The characters of `answers_text`: a level, and "not relevant".
LEVEL_CHARS = "0123456789"
NOT_RELEVANT_CHAR = _NOT_RELEVANT


def _number(value) -> str:
    return "" if value is None else repr(float(value))


def scores_text(scores: Mapping | None) -> str:
    """The per-cluster and K/S/A scores of a stored profile (the shape of `Profile.to_dict()`) as text."""
    parts = []
    for cluster in (scores or {}).get("clusters") or []:
        kinds = cluster.get("by_kind") or {}
        values = [_number(cluster["overall"]["value"]),
                  *(_number(kinds[kind]["value"]) if kind in kinds else _ABSENT_KIND for kind in COMPONENT_KINDS)]
        parts.append(",".join([cluster["cluster"], *values]))
    return ";".join(parts)


def figures_text(figures: Sequence[tuple]) -> str:
    """`figures_from_text`'s tuples written back as `scores_text` writes them."""
    parts = []
    for cluster_id, overall, by_kind in figures:
        kinds = dict(by_kind)
        parts.append(",".join([cluster_id, _number(overall),
                               *(_number(kinds[kind]) if kind in kinds else _ABSENT_KIND for kind in COMPONENT_KINDS)]))
    return ";".join(parts)


def figures_from_text(text: str) -> tuple:
    """The values written by `scores_text` as tuples, ((cluster, overall, ((kind, score), ...)), ...), kinds in
    K/S/A order: the `figures` of a cohort row (core.cohort). Tuples of numbers, which Python's garbage collector
    stops tracking: as dicts of dicts, 200,000 rows took three times as long to make."""
    return tuple(map(cluster_from_text, text.split(";"))) if text else ()


def cluster_from_text(part: str) -> tuple:
    """One cluster of `scores_text` (a part between semicolons) as (cluster, overall, ((kind, score), ...))."""
    knowledge, skills, attitudes = COMPONENT_KINDS
    cluster_id, overall, k, s, a = part.split(",")
    if _ABSENT_KIND in (k, s, a):
        by_kind = tuple((kind, float(value) if value else None)
                        for kind, value in zip(COMPONENT_KINDS, (k, s, a), strict=True) if value != _ABSENT_KIND)
    else:  # the scope has every kind of the cluster: unrolled, the common case and the cheapest
        by_kind = ((knowledge, float(k) if k else None), (skills, float(s) if s else None),
                   (attitudes, float(a) if a else None))
    return cluster_id, float(overall) if overall else None, by_kind


def cluster_ids_text(scores: Mapping | None) -> str:
    """The clusters a profile covers, space-separated (a short column the database lists distinct values of)."""
    return " ".join(cluster["cluster"] for cluster in (scores or {}).get("clusters") or [])


def rating_char(rating) -> str | None:
    """A rating as one character: its level (a single digit) or `n` for "not relevant"; None for anything else."""
    if rating == NOT_RELEVANT:
        return _NOT_RELEVANT
    if isinstance(rating, int) and not isinstance(rating, bool) and 0 <= rating <= 9:
        return str(rating)
    return None


def answers_text(ratings: Mapping, statement_ids: Sequence[str]) -> str:
    """The ratings as one character per statement of `statement_ids`; "" when a level is not a single digit."""
    chars = []
    for statement_id in statement_ids:
        if statement_id not in ratings:
            chars.append(_NO_RATING)
            continue
        char = rating_char(ratings[statement_id])
        if char is None:
            return ""
        chars.append(char)
    if set(ratings) - set(statement_ids):  # a rating of a statement the framework does not list
        return ""
    return "".join(chars)


def ratings_from_answers(text: str, statement_ids: Sequence[str]) -> dict:
    """The ratings written by `answers_text` with the same `statement_ids`: {statement id: level or "na"}."""
    return {sid: RATING_OF[char] for sid, char in zip(statement_ids, text, strict=True) if char != _NO_RATING}
