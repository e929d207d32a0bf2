"""The learner's profile, one renderer for the self-assessment's profile, the `digicomp_profile` block and the
course page (template `profile/profile.html`).

A view holds up to three parts, each with a chart and a table of the same figures: `scores` (the score per
cluster now, with knowledge / skills / attitudes), `growth` (an earlier and a later score per cluster) and
`moments` (the score per cluster at each moment). Two builders fill them: `assessment_view` from one
assessment's moments, `course_view` from all moments of a learner in a course.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from ..core.history import course_history, each_moment, latest_profile
from ..core.model import COMPONENT_KINDS, Framework
from ..core.scales import load_scales
from ..core.scoring import Profile, growth
from ..core.snapshots import snapshot_profile
from ..core.typical import typical_levels
from . import engine
from .charts import bar_chart, growth_chart
from .presentation import KIND_LABELS, kind_cells, percent
from .suggestions import named

#: `suggest(latest_profile, cluster_names)` -> the suggestions of `suggestions.suggestions`, or None.
Suggest = Callable[[Profile, Mapping[str, str]], dict | None]


def _delta(value) -> str:
    return "–" if value is None else f"{value:+.0f}"


def _chart(chart, chart_id: str, title: str, description: str) -> dict:
    return {"chart": chart, "chart_id": chart_id, "title": title, "description": description}


def _scores(profile: Profile, names, gettext, chart_id: str) -> dict:
    """The score per cluster of one profile: chart and table rows (score, K/S/A, answered)."""
    not_rated = gettext("not rated")
    rows = [{
        "id": cluster.cluster_id, "title": names.get(cluster.cluster_id, cluster.cluster_id),
        "score": percent(cluster.overall.value, not_rated), "kinds": kind_cells(cluster, not_rated),
        "answered": cluster.overall.answered, "not_relevant": cluster.overall.not_relevant,
        "total": cluster.overall.total,
    } for cluster in profile.clusters]
    chart = bar_chart([(c.cluster_id, names.get(c.cluster_id, c.cluster_id), c.overall.value)
                       for c in profile.clusters], not_rated)
    return {"rows": rows, "chart": _chart(
        chart, chart_id, gettext("Score per cluster"),
        gettext("Bar chart of your score per cluster; the table below gives the same figures."))}


def _strengths(latest: Profile, names) -> dict:
    return {"strongest": [named(c, names) for c in latest.strongest()],
            "weakest": [named(c, names) for c in latest.weakest()]}


def _when(snapshot: Mapping) -> datetime:
    return datetime.fromisoformat(snapshot["submitted_at"])


def _words(framework: Framework, lang: str, gettext, snapshots: Sequence[Mapping], names) -> list[dict]:
    """Per cluster the level chosen most often for each kind of statement, in the scale's words for that kind, at
    the latest moment that rated the cluster and (as `before`) at the one before it; clusters in framework order."""
    scales = load_scales()
    rated = [(typical_levels(framework, snapshot["ratings"]), scales.get(snapshot["scale"]))  # oldest first
             for snapshot in sorted(snapshots, key=lambda s: s["submitted_at"])
             if snapshot.get("ratings") and snapshot.get("scale") in scales.ids]
    rows = []
    for cluster in framework.clusters():
        mine = [(levels[cluster.id], scale) for levels, scale in rated if cluster.id in levels]
        if not mine:
            continue
        (now, scale), before = mine[-1], (mine[-2] if len(mine) > 1 else (None, None))

        def said(levels, scale, kind):
            value = (levels or {}).get(kind)
            return None if value is None or value not in scale.values else scale.level(value).wording(kind).label.get(
                lang)

        rows.append({"id": cluster.id, "title": names[cluster.id], "kinds": [
            {"kind": gettext(KIND_LABELS[kind]), "now": said(now, scale, kind),
             "before": said(before[0], before[1], kind) if before[0] else None}
            for kind in COMPONENT_KINDS if kind in now]})
    return rows


def _base(framework: Framework, lang: str, gettext, dom_id: str, latest: Profile | None, suggest: Suggest | None):
    names = {c.id: c.title.get(lang) for c in framework.clusters()}
    return names, {
        "dom_id": dom_id, "lang": lang, "show_scores": True,
        "kind_labels": [gettext(KIND_LABELS[k]) for k in COMPONENT_KINDS],
        "strengths": _strengths(latest, names) if latest else None,
        "suggestions": suggest(latest, names) if latest and suggest else None,
    }


def assessment_view(framework: Framework, lang: str, gettext, snapshots: Sequence[Mapping], compare: int | None,
                    dom_id: str, show_scores: bool = True, suggest: Suggest | None = None) -> dict:
    """The latest of an assessment's moments; from two moments on, its growth since moment `compare` (1-based,
    default: the one before). Without `show_scores`, only that the moment is recorded. A caller may add `gap`, the
    latest moment against a target position (`gap.gap_view`)."""
    latest = snapshot_profile(snapshots[-1])
    names, view = _base(framework, lang, gettext, dom_id, latest, suggest if show_scores else None)
    count = len(snapshots)
    view.update({
        "root_class": "dc-profile", "level": 3, "moment": count, "submitted_at": _when(snapshots[-1]),
        "show_scores": show_scores,
        "scores": _scores(latest, names, gettext, f"{dom_id}-chart"),
        "earlier": [{"number": n, "date": _when(snapshots[n - 1])} for n in range(1, count)],
    })
    if show_scores and count == 1:
        view["words"] = _words(framework, lang, gettext, snapshots[-1:], names)
    if count > 1 and show_scores:
        compare = compare or count - 1
        view["words"] = _words(framework, lang, gettext, [snapshots[compare - 1], snapshots[-1]], names)
        not_rated = gettext("not rated")
        changes = growth(snapshot_profile(snapshots[compare - 1]), latest)
        view["growth"] = {
            "compare": compare, "compare_date": _when(snapshots[compare - 1]),
            "rows": [{"id": ch.cluster_id, "title": names.get(ch.cluster_id, ch.cluster_id),
                      "before": percent(ch.before, not_rated), "after": percent(ch.after, not_rated),
                      "delta": _delta(ch.delta)} for ch in changes],
            "chart": _chart(
                growth_chart([(ch.cluster_id, names.get(ch.cluster_id, ""), ch.before, ch.after) for ch in changes],
                             not_rated),
                f"{dom_id}-growth", gettext("Change per cluster"),
                gettext("Bar chart with two bars per cluster, the earlier moment and now; "
                        "the table below gives the same figures.")),
        }
    return view


def course_view(framework: Framework, lang: str, gettext, snapshots: Sequence[Mapping], dom_id: str, title: str,
                level: int = 2, suggest: Suggest | None = None) -> dict:
    """Every moment of a learner in a course, of any of its assessments: the first and latest score per cluster
    (from two moments on) and the score at each moment; the scores of a single moment."""
    history = course_history(framework, snapshots)
    latest = latest_profile(history) if history else None
    names, view = _base(framework, lang, gettext, dom_id, latest, suggest)
    view.update({"root_class": "digicomp dc-course-profile", "root_id": dom_id, "title": title, "level": level,
                 "moment_count": len(snapshots), "empty": not history,
                 "words": _words(framework, lang, gettext, snapshots, names)})
    moments = each_moment(snapshots)
    not_rated = gettext("not rated")
    if history and len(moments) == 1:
        view["scores"] = _scores(latest, names, gettext, f"{dom_id}-chart")
    elif history:
        view["growth"] = {
            "rows": [{"id": h.cluster_id, "title": names[h.cluster_id], "before": percent(h.first, not_rated),
                      "after": percent(h.latest, not_rated), "delta": _delta(h.change),
                      "kinds": kind_cells(h.latest_score, not_rated)} for h in history],
            "chart": _chart(
                growth_chart([(h.cluster_id, names[h.cluster_id], h.first, h.latest) for h in history], not_rated),
                f"{dom_id}-chart", gettext("First and latest score per cluster"),
                gettext("Bar chart with two bars per cluster, your first and your latest score; "
                        "the table below gives the same figures.")),
        }
        view["moments"] = {
            "dates": [datetime.fromisoformat(m.submitted_at) for m in moments],
            "rows": [{"id": h.cluster_id, "title": names[h.cluster_id],
                      "scores": [percent(m.scores[h.cluster_id], not_rated) if h.cluster_id in m.scores else "–"
                                 for m in moments]} for h in history],
        }
    return view


def render_profile(view: dict, i18n_service=None, template: str = "profile/profile.html", **extra) -> str:
    """The profile's HTML (a wrapping template, such as the assessment's, may add its own parts)."""
    return engine.render(template, {"view": view, **extra}, i18n_service)
