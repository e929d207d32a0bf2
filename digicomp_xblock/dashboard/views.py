"""The instructor's cohort view and its exports (staff only, anonymised, small groups suppressed)."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, HttpResponseForbidden, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template import Context
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..compat import anonymous_id_of, course_block, resource_url
from ..core import cohort
from ..core.loader import DEFAULT_FRAMEWORK, FrameworkError, get_framework
from ..core.model import best_language
from ..core.scales import DEFAULT_SCALE, load_scales
from ..course_structure import course_blocks
from ..mixins.resources import _template
from ..profile_block import render_course_profile
from ..suggestions import suggestions
from . import api
from .models import SnapshotRecord
from .permissions import can_view_cohort


class _Echo:
    """A file-like object whose write returns the line, for streaming csv."""

    def write(self, value):
        return value


def _checked(request, course_key):
    """None when the user may see the course's cohort, else the response to send."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_cohort(request.user, course_key):
        return HttpResponseForbidden(_("Only course staff can see the cohort of this course."))
    return None


def _cohort_rows(request, course_key, ratings=False):
    """Rows of one assessment block (the chosen one, else the course's first), filtered by date."""
    rows = api.rows(course_key, ratings=ratings)
    blocks = sorted({row["block"] for row in rows})
    block = request.GET.get("block") or (blocks[0] if blocks else "")
    if block and block not in blocks:
        raise ValueError(_("unknown assessment block"))
    since, until = request.GET.get("since") or None, request.GET.get("until") or None
    chosen = cohort.filter_rows([r for r in rows if r["block"] == block], since=since, until=until)
    return chosen, blocks, block, since, until


def _assessment_titles(course_key, username) -> dict[str, str]:
    """The display name of each self-assessment of the course, by usage key (empty when the course is unknown)."""
    root = course_block(course_key, username)
    return {str(b.scope_ids.usage_id): str(b.display_name)
            for b in (course_blocks(root, "digicomp_assessment") if root is not None else ())}


def _framework(rows):
    try:
        return get_framework(rows[0]["framework"] if rows else DEFAULT_FRAMEWORK)
    except FrameworkError:
        return get_framework(DEFAULT_FRAMEWORK)


def _min_group():
    return getattr(settings, "DIGICOMP_MIN_GROUP", cohort.MIN_GROUP)


def cohort_page(request, course_key):
    refused = _checked(request, course_key)
    if refused:
        return refused
    try:
        rows, blocks, block, since, until = _cohort_rows(request, course_key, ratings=True)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    framework = _framework(rows)
    titles_of_blocks = _assessment_titles(course_key, request.user.get_username())
    scales = load_scales()
    scale = scales.get(rows[0]["scale"]) if rows and rows[0]["scale"] in scales.ids else scales.get(DEFAULT_SCALE)
    lang = best_language(get_language(), framework.languages, framework.source_language)
    clusters = [c.id for c in framework.clusters()]
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}
    minimum = _min_group()
    summary = cohort.cluster_summary(rows, clusters, min_group=minimum)
    growth = cohort.paired_growth(rows, clusters, min_group=minimum)
    distribution = cohort.level_distribution(
        rows, {c.id: [s.id for s in c.statements()] for c in framework.clusters()}, scale.values, min_group=minimum)
    timeline = cohort.growth_over_time(rows, clusters, min_group=minimum, by=request.GET.get("by", "moment")
                                       if request.GET.get("by") in ("moment", "week") else "moment")
    return render(request, "digicomp_dashboard/cohort.html", {
        "course_key": course_key, "chosen_block": block,  # `block` is taken inside {% block %}
        "blocks": [(b, titles_of_blocks.get(b, b)) for b in blocks], "since": since or "", "until": until or "",
        "by": request.GET.get("by", "moment"), "min_group": minimum,
        "learners": len({r["learner"] for r in rows}),
        "versions": sorted({r["framework_version"] for r in rows}), "scales": sorted({r["scale"] for r in rows}),
        "summary": [{"id": s.cluster_id, "title": titles[s.cluster_id], "stats": s,
                     "kinds": [value for _kind, value in s.by_kind]} for s in summary],
        "growth": [{"id": g.cluster_id, "title": titles[g.cluster_id], "stats": g,
                    "improved": None if g.improved is None else round(100 * g.improved)} for g in growth],
        "timeline": [{"label": p.label, "learners": p.learners, "suppressed": p.suppressed,
                      "medians": [p.median(c) for c in clusters]} for p in timeline],
        "clusters": clusters,
        "levels": [level.label.get(lang) for level in scale.levels] + [scales.not_relevant.label.get(lang)],
        "distribution": [{"id": d.cluster_id, "title": titles[d.cluster_id], "learners": d.learners,
                          "suppressed": d.suppressed, "counts": list(d.counts.values()) if d.counts else []}
                         for d in distribution],
        "query": request.GET.urlencode(),
        "base_template": getattr(settings, "DIGICOMP_BASE_TEMPLATE", "digicomp_dashboard/base.html"),
    })


def learner_profile(request, course_key):
    """The signed-in learner's own profile across the course's self-assessments (the course tab's page)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    learner = anonymous_id_of(request.user, course_key)
    records = SnapshotRecord.objects.filter(course_key=course_key, learner=learner).order_by("submitted_at")
    snapshots = [{"submitted_at": r.submitted_at.isoformat(), "scores": r.scores, "framework": r.framework}
                 for r in records]
    framework = _framework(snapshots)
    lang = best_language(get_language(), framework.languages, framework.source_language)
    course = course_block(course_key, request.user.get_username()) if snapshots else None
    suggest = (lambda latest, names: suggestions(course, framework, latest, names)) if course else None
    html = render_course_profile(lambda name, context: _template(name).render(Context(context)), _, framework,
                                 snapshots, lang, "dc-course-profile", _("Your competences in this course"), suggest,
                                 level=1)
    return render(request, "digicomp_dashboard/learner_profile.html", {
        "profile_html": html, "course_key": course_key,
        "cohort_url": reverse("digicomp_dashboard:cohort", args=[course_key])
        if can_view_cohort(request.user, course_key) else None,
        "css": [resource_url("digicomp_assessment", f"static/css/{name}")
                for name in ("digicomp.css", "assessment.css")],
        "base_template": getattr(settings, "DIGICOMP_BASE_TEMPLATE", "digicomp_dashboard/base.html"),
    })


def cohort_export(request, course_key, what, fmt):
    """`what` is `clusters` (figures per cluster) or `learners` (one row per learner and moment, anonymised)."""
    refused = _checked(request, course_key)
    if refused:
        return refused
    if what not in ("clusters", "learners") or fmt not in ("csv", "json"):
        return HttpResponseBadRequest("export 'clusters' or 'learners' as csv or json")
    try:
        rows, _blocks, block, _since, _until = _cohort_rows(request, course_key)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    framework = _framework(rows)
    clusters = [c.id for c in framework.clusters()]
    minimum = _min_group()
    meta = {"course": course_key, "block": block, "framework": framework.id,
            "framework_versions": sorted({r["framework_version"] for r in rows}),
            "scales": sorted({r["scale"] for r in rows}), "min_group": minimum}
    if what == "learners":
        if len({r["learner"] for r in rows}) < minimum:
            return HttpResponseForbidden(_("Fewer learners than the minimum group size: no per-learner export."))
        records = cohort.learner_rows_for_export(rows, clusters)
        columns = cohort.export_columns(clusters)
    else:
        records = [{"cluster": s.cluster_id, "learners": s.learners, "suppressed": s.suppressed,
                    "median": s.median, "q1": s.q1, "q3": s.q3, "mean": s.mean,
                    "pairs": g.pairs, "mean_change": g.mean_change, "improved": g.improved}
                   for s, g in zip(cohort.cluster_summary(rows, clusters, min_group=minimum),
                                   cohort.paired_growth(rows, clusters, min_group=minimum), strict=True)]
        columns = list(records[0]) if records else ["cluster"]
    filename = f"digicomp-{what}.{fmt}"
    if fmt == "json":
        response = JsonResponse({**meta, "rows": records})
    else:
        writer = csv.writer(_Echo())
        header = [f"# {k}: {';'.join(v) if isinstance(v, list) else v}" for k, v in meta.items()]

        def lines():
            yield writer.writerow(header)
            yield writer.writerow(columns)
            for record in records:
                yield writer.writerow(["" if record.get(c) is None else record.get(c) for c in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
