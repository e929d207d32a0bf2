"""A moment's cohort figures as short text, stored beside its JSON so that reading a cohort decodes no JSON.

- `scores_text`: per cluster in scope, `cluster,overall,knowledge,skills,attitudes`, clusters joined by `;`; a
  score is `repr(float)`, `` when nothing was rated, `-` for a kind the scope does not have. `scores_from_text`
  gives back the values of `Profile.to_dict()` (only `value`: the cohort figures read nothing else).
- `answers_text`: one character per statement of a framework, in the framework's order: the level (a digit),
  `n` for "not relevant", `.` for a statement not rated or not in scope; "" when a level is not a digit (then
  the JSON is the only form).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import COMPONENT_KINDS
from .scales import NOT_RELEVANT

_ABSENT_KIND = "-"
_NO_RATING = "."
_NOT_RELEVANT = "n"
_RATING_OF = {str(level): level for level in range(10)} | {_NOT_RELEVANT: NOT_RELEVANT}


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


def scores_from_text(text: str) -> dict:
    """The values of a profile written by `scores_text`, in the shape of `Profile.to_dict()` (values only)."""
    knowledge, skills, attitudes = COMPONENT_KINDS
    clusters = []
    for part in text.split(";") if text else ():  # unrolled: this is most of the time a cohort takes to read
        cluster_id, overall, k, s, a = part.split(",")
        by_kind = {}
        if k != _ABSENT_KIND:
            by_kind[knowledge] = {"value": float(k) if k else None}
        if s != _ABSENT_KIND:
            by_kind[skills] = {"value": float(s) if s else None}
        if a != _ABSENT_KIND:
            by_kind[attitudes] = {"value": float(a) if a else None}
        clusters.append({"cluster": cluster_id, "overall": {"value": float(overall) if overall else None},
                         "by_kind": by_kind})
    return {"clusters": clusters}


def cluster_ids_text(scores: Mapping | None) -> str:
    """The clusters a profile covers, space-separated (a short column the database lists distinct values of)."""
    return " ".join(cluster["cluster"] for cluster in (scores or {}).get("clusters") or [])


def answers_text(ratings: Mapping, statement_ids: Sequence[str]) -> str:
    """The ratings as one character per statement of `statement_ids`; "" when a level is not a single digit."""
    chars = []
    for statement_id in statement_ids:
        rating = ratings.get(statement_id, _NO_RATING)
        if rating == NOT_RELEVANT:
            chars.append(_NOT_RELEVANT)
        elif rating == _NO_RATING:
            chars.append(_NO_RATING)
        elif isinstance(rating, int) and not isinstance(rating, bool) and 0 <= rating <= 9:
            chars.append(str(rating))
        else:
            return ""
    if set(ratings) - set(statement_ids):  # a rating of a statement the framework does not list
        return ""
    return "".join(chars)


def ratings_from_answers(text: str, statement_ids: Sequence[str]) -> dict:
    """The ratings written by `answers_text` with the same `statement_ids`: {statement id: level or "na"}."""
    return {sid: _RATING_OF[char] for sid, char in zip(statement_ids, text, strict=True) if char != _NO_RATING}
