"""The cohort page as template data (`dashboard/cohort.html`): the figures of the core's cohort statistics, only for
the clusters the assessment asks about, named, in whole points, each chart beside the table of its figures."""

from __future__ import annotations

from datetime import date

from ..core import cohort
from ..core.model import COMPONENT_KINDS, Framework
from ..core.scales import Scale, Scales
from .charts import bar_chart, growth_chart, stacked_chart

#: How many of the statements rated lowest the page names.
LOWEST = 5


def whole(value):
    """A figure as it is published: whole points (None stays None)."""
    return None if value is None else round(value)


def whole_percent(share):
    """A share (0..1) as it is published: whole percents (None stays None)."""
    return None if share is None else round(100 * share)


def shares(counts) -> list[int]:
    """How often each level was chosen, as whole percents of the cluster's ratings (none: an empty list)."""
    total = sum((counts or {}).values())
    return [round(100 * n / total) for n in counts.values()] if total else []


def level_variants(scale: Scale) -> list[str]:
    """The colour class of each level (dark to light up the scale, as many as the palette has) and of "na"."""
    steps = len(scale.values) - 1 or 1
    return [str(round(4 * i / steps)) for i in range(len(scale.values))] + ["na"]


def week_start(label: str) -> date:
    """The Monday of an ISO week label ("2026-W39")."""
    year, week = label.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def cohort_view(framework: Framework, lang: str, gettext, rows: cohort.Cohort, scale: Scale, scales: Scales,
                min_group: int, by: str) -> dict:
    """Every figure of the page (no figure for fewer than `min_group` learners)."""
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}
    clusters = cohort.covered_clusters(rows, [c.id for c in framework.clusters()])
    latest = cohort.cluster_summary(rows, clusters, min_group=min_group)
    first = {s.cluster_id: s.median for s in cohort.cluster_summary(
        rows, clusters, min_group=min_group, moment="first", by_kind=False)}
    growth = cohort.paired_growth(rows, clusters, min_group=min_group)
    statements = {cid: [s.id for s in framework.cluster(cid).statements()] for cid in clusters}
    distribution = cohort.level_distribution(rows, statements, scale.values, min_group=min_group)
    levels = [level.label.get(lang) for level in scale.levels] + [scales.not_relevant.label.get(lang)]
    variants = level_variants(scale)
    named = [(d, shares(d.counts)) for d in distribution]
    lowest = cohort.statement_levels(rows, [sid for cid in clusters for sid in statements[cid]], min_group)[:LOWEST]
    timeline = cohort.growth_over_time(rows, clusters, min_group=min_group, by=by)
    return {
        "clusters": [{"id": cid, "title": titles[cid]} for cid in clusters],
        "summary": [{"id": s.cluster_id, "title": titles[s.cluster_id], "stats": s, "median": whole(s.median),
                     "q1": whole(s.q1), "q3": whole(s.q3), "kinds": [whole(s.kind(kind)) for kind in COMPONENT_KINDS]}
                    for s in latest],
        "growth": [{"id": g.cluster_id, "title": titles[g.cluster_id], "stats": g, "change": whole(g.median_change),
                    "improved": whole_percent(g.improved)} for g in growth],
        "growth_chart": {
            "chart": growth_chart([(s.cluster_id, titles[s.cluster_id], first[s.cluster_id], s.median)
                                   for s in latest], gettext("too few learners")),
            "chart_id": "dc-cohort-growth", "title": gettext("Median score per cluster, first and latest moment"),
            "description": gettext("Bar chart with two bars per cluster: the median of the learners' first moments "
                                   "and of their latest; the table below gives the figures."),
        },
        "levels": levels,
        "distribution": [{"id": d.cluster_id, "title": titles[d.cluster_id], "learners": d.learners,
                          "suppressed": d.suppressed, "shares": found} for d, found in named],
        "distribution_chart": {
            "chart": stacked_chart([(d.cluster_id, titles[d.cluster_id], list(zip(found, variants, strict=True)))
                                    for d, found in named if found]),
            "chart_id": "dc-cohort-levels", "legend": list(zip(levels, variants, strict=True)),
            "title": gettext("How often each level was chosen, per cluster"),
            "description": gettext("Bars split by level, in percent of the cluster's ratings at the learners' latest "
                                   "moment; the table below gives the figures."),
        } if any(found for _d, found in named) else None,
        "lowest": [{"id": s.statement_id, "text": framework.statement(s.statement_id).text.get(lang),
                    "learners": s.learners, "level": _level_words(scale, s.median, lang)} for s in lowest],
        "timeline": [{"label": p.label, "week": week_start(p.label) if by == "week" else None,
                      "learners": p.learners, "suppressed": p.suppressed,
                      "medians": [whole(p.median(c)) for c in clusters]} for p in timeline],
        "scale_titles": sorted({scales.get(s).title.get(lang) for s in set(rows.scale) if s in scales.ids}),
    }


def _level_words(scale: Scale, median: float, lang: str) -> str:
    """The level at (or, between two, just below) a median, in the scale's words."""
    below = max(value for value in scale.values if value <= median)
    return scale.level(below).label.get(lang)



def expected_view(framework: Framework, lang: str, gettext, rows: cohort.Cohort, setting: tuple | None, scales: Scales,
                  min_group: int) -> dict | None:
    """Per cluster, the learners at or above the expected level of the assessment's target position
    (`cohort.at_expected_level`), in words, chart and table; `setting` is the assessment's (profile, target
    position, statements asked), None without a profile (then there is nothing to show)."""
    if setting is None:
        return None
    profile, target, asked = setting
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}
    found = cohort.at_expected_level(rows, framework, profile, target, scales, asked, min_group)
    return {
        "profile": profile.name.get(lang), "position": framework.position(target).name.get(lang),
        "rows": [{"id": s.cluster_id, "title": titles[s.cluster_id], "learners": s.learners,
                  "at_or_above": s.at_or_above, "suppressed": s.suppressed,
                  "percent": whole_percent(s.share)} for s in found],
        "chart": {
            "chart": bar_chart([(s.cluster_id, titles[s.cluster_id], None if s.share is None else 100 * s.share)
                                for s in found], gettext("too few learners")),
            "chart_id": "dc-cohort-expected", "title": gettext("Share of learners at or above the expected level"),
            "description": gettext("Bar chart per cluster; the table below gives the same figures."),
        } if any(s.share is not None for s in found) else None,
    }
