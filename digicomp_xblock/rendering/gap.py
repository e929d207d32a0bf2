"""The learner's answers against what a position profile expects up to a target position (template
`profile/gap.html`): per cluster in words first, then a chart and a table of the same figures, and the statements
rated below the expected level, each with both levels in the scale's words. Never a pass or a fail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..core.gap import gap
from ..core.loader import FrameworkError
from ..core.model import Framework
from ..core.profiles import PositionProfile
from ..core.scales import load_scales
from ..core.scope import ScopeError
from .charts import bar_chart


def _share(at_or_above: int, rated: int) -> float | None:
    return None if not rated else 100 * at_or_above / rated


def gap_view(framework: Framework, profile: PositionProfile, target: str, snapshot: Mapping, lang: str, gettext,
             dom_id: str, asked: Iterable[str] | None = None) -> dict:
    """The gap of one moment (`snapshot`) to `target` in `profile`, over the statements `asked` (default: all);
    InputError when they cannot be compared. A caller may add `title` (the assessment's name, where a page shows
    several) and the parts of `target_choice`."""
    scales = load_scales()
    found = gap(framework, profile, snapshot, target, scales, asked)
    scale = scales.get(found.scale)

    def said(value: int, statement_id: str) -> str:
        return scale.level(value).wording(framework.statement(statement_id).kind).label.get(lang)

    rows = []
    for cluster in found.clusters:
        if not cluster.expected:
            continue
        rows.append({
            "id": cluster.cluster_id, "title": framework.cluster(cluster.cluster_id).title.get(lang),
            "expected": cluster.expected, "rated": cluster.rated, "at_or_above": cluster.at_or_above,
            "below": [{"id": b.statement_id, "text": framework.statement(b.statement_id).text.get(lang),
                       "level": said(b.level, b.statement_id), "expected": said(b.expected, b.statement_id)}
                      for b in cluster.below],
            "not_relevant": len(cluster.not_relevant), "unrated": len(cluster.unrated),
        })
    chart = bar_chart([(r["id"], r["title"], _share(r["at_or_above"], r["rated"])) for r in rows],
                      gettext("not rated"))
    return {
        "profile": profile.name.get(lang), "position": framework.position(target).name.get(lang), "rows": rows,
        "covered": sum(r["expected"] for r in rows),
        "chart": {"chart": chart, "chart_id": f"{dom_id}-gapchart",
                  "title": gettext("Share of the expected statements you rate at or above the expected level"),
                  "description": gettext("Bar chart per cluster; the table below gives the same figures.")},
    }


def course_gaps(assessments: Iterable[tuple], lang: str, gettext, dom_id: str) -> list[dict]:
    """The gap of each self-assessment of a course that has a position profile and a target position: its
    learner's latest moment against the position they compare with. `assessments`: (block, title, latest moment,
    the learner's own choice of position) in course order; a block's `gap_of` makes each view (None: no gap)."""
    gaps = []
    for number, (block, title, latest, chosen) in enumerate(assessments, 1):
        try:
            view = block.gap_of(latest, chosen, lang, gettext, f"{dom_id}-{number}")
        except (FrameworkError, ScopeError, KeyError):  # a misconfigured block: Studio's validation says why
            continue
        if view is not None:
            gaps.append({**view, "title": title, "dom_id": f"{dom_id}-{number}"})
    return gaps


def target_choice(framework: Framework, target: str, asked_target: str, lang: str, choosable: bool) -> dict:
    """What a gap to `target` adds when the assessment asked the statements expected up to `asked_target`: that
    position's name when `target` is a later one (its own statements are not asked, so not compared), and, when
    the learner may choose (`choosable`), the positions to choose from."""
    order = [p.id for p in framework.positions]
    beyond = order.index(target) > order.index(asked_target)
    return {
        "asked_position": framework.position(asked_target).name.get(lang) if beyond else "",
        "choice": {"target": target, "positions": [(p.id, p.name.get(lang)) for p in framework.positions]}
        if choosable else None,
    }
