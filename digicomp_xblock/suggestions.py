"""What a profile says in words: strongest and weakest clusters, and units of the course to work on next."""

from __future__ import annotations

from .compat import jump_url, tagging_available
from .core.coverage import recommend, units_of
from .course_structure import course_tree


def suggestions(block, framework, latest, names: dict[str, str]) -> dict | None:
    """Suggested units per weak cluster, with links; None when content tagging is not installed."""
    if not tagging_available():
        return None
    tree, _assessed = course_tree(block, framework.id)
    units = units_of(tree)
    return {
        "any_tagged": any(unit.competences for unit in units),
        "items": [{"cluster": _named(rec.cluster_id, names),
                   "units": [{"title": unit.title, "url": jump_url(block, unit.id)} for unit in rec.units]}
                  for rec in recommend(framework, latest, units)],
    }


def strengths_html(render, latest, names: dict[str, str]) -> str:
    """The sentence naming the highest and lowest clusters (nothing when all scores are level)."""
    return render("strengths.html", {"strongest": [_named(c, names) for c in latest.strongest()],
                                     "weakest": [_named(c, names) for c in latest.weakest()]})


def _named(cluster_id: str, names: dict[str, str]) -> str:
    """A cluster as the sentences name it: `5 (Providing digital care, help and support)`."""
    return f"{cluster_id} ({names.get(cluster_id, '')})"
