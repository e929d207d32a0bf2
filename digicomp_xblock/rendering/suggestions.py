"""Units of the course to work on next, for the learner's weakest clusters."""

from __future__ import annotations

from ..core.coverage import recommend, units_of
from ..platform import tagging_available, unit_url
from ..platform.course import course_tree


def suggestions(block, framework, latest, names: dict[str, str]) -> dict | None:
    """Suggested units per weak cluster of `block`'s course, with links; None when content tagging is not
    installed or there is no course around the block (no unit to suggest)."""
    if not tagging_available():
        return None
    tree, _assessed = course_tree(block, framework.id)
    units = units_of(tree)
    if not units:
        return None
    return {
        "any_tagged": any(unit.competences for unit in units),
        "items": [{"cluster": named(rec.cluster_id, names),
                   "units": [{"title": unit.title, "url": unit_url(block, unit.id)} for unit in rec.units]}
                  for rec in recommend(framework, latest, units)],
    }


def named(cluster_id: str, names: dict[str, str]) -> str:
    """A cluster as the sentences name it: `5 (Providing digital care, help and support)`."""
    return f"{cluster_id} ({names.get(cluster_id, '')})"
