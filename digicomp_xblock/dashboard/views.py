"""The dashboard pages: the cohort view and its exports for course staff (anonymised, small groups suppressed),
and a learner's own profile across the course (the Competences course tab).

Each page's content is rendered by our template engine (`rendering/templates/dashboard/`) and placed in the page
shell `digicomp_dashboard/page.html`, which extends the platform's base template (DIGICOMP_BASE_TEMPLATE).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, HttpResponseForbidden, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import conf
from ..core import cohort
from ..core.csvsafe import safe_row
from ..core.loader import DEFAULT_FRAMEWORK, FrameworkError
from ..core.model import best_language
from ..core.scales import DEFAULT_SCALE, load_scales
from ..platform import anonymous_id_of, course_root, resource_url
from ..platform.course import course_blocks
from ..rendering import engine
from ..rendering.profile import course_view
from ..rendering.suggestions import suggestions
from . import api
from .rules import can_view_cohort


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


@dataclass(frozen=True)
class Selection:
    """What the cohort page and its exports show: one assessment block's rows, within dates (whole days)."""

    rows: list
    blocks: list
    block: str
    since: str
    until: str
    by: str
    withheld: bool  # the dates leave out too few learners of the block: no figures (cohort.leaves_out_enough)


class QueryError(ValueError):
    """A query parameter the page cannot use; the message says which and why."""


def _date(request, name: str) -> str:
    text = request.GET.get(name, "")
    if not text:
        return ""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise QueryError(_("'%(name)s' must be a date written as YYYY-MM-DD, not '%(value)s'")
                       % {"name": name, "value": text[:40]}) from None


def _selection(request, course_key, ratings=False) -> Selection:
    """The rows of one assessment block (the chosen one, else the course's first) within the chosen dates."""
    rows = api.rows(course_key, ratings=ratings)
    blocks = sorted({row["block"] for row in rows})
    block = request.GET.get("block") or (blocks[0] if blocks else "")
    if block and block not in blocks:
        raise QueryError(_("unknown assessment block"))
    since, until = _date(request, "since"), _date(request, "until")
    if since and until and since > until:
        raise QueryError(_("'since' (%(since)s) is after 'until' (%(until)s)") % {"since": since, "until": until})
    by = request.GET.get("by") or "moment"
    if by not in ("moment", "week"):
        raise QueryError(_("'by' must be 'moment' or 'week'"))
    of_block = [r for r in rows if r["block"] == block]
    chosen = cohort.filter_rows(of_block, since=since or None, until=until or None)
    whole, part = len({r["learner"] for r in of_block}), len({r["learner"] for r in chosen})
    withheld = not cohort.leaves_out_enough(whole, part, conf.MIN_GROUP.value())
    return Selection(chosen, blocks, block, since, until, by, withheld)


def _whole(value):
    """A figure as it is published: whole points (None stays None)."""
    return None if value is None else round(value)


def _assessment_titles(course_key, username) -> dict[str, str]:
    """The display name of each self-assessment of the course, by usage key (empty when the course is unknown)."""
    root = course_root(course_key, username)
    return {str(b.scope_ids.usage_id): str(b.display_name)
            for b in (course_blocks(root, "digicomp_assessment") if root is not None else ())}


def _framework(rows):
    try:
        return conf.framework(rows[0]["framework"] if rows else DEFAULT_FRAMEWORK)
    except FrameworkError:
        return conf.framework(DEFAULT_FRAMEWORK)


def _page(request, title: str, content: str, css=()):
    """A page of ours: the content (rendered by our engine) in the platform's page shell."""
    return render(request, "digicomp_dashboard/page.html", {
        "title": title, "content": content, "base_template": conf.BASE_TEMPLATE.value(),
        "css": [resource_url("digicomp_assessment", f"static/css/{name}") for name in ("digicomp.css", *css)],
    })


def cohort_page(request, course_key):
    refused = _checked(request, course_key)
    if refused:
        return refused
    try:
        chosen = _selection(request, course_key, ratings=True)
    except QueryError as error:
        return HttpResponseBadRequest(str(error))
    rows = [] if chosen.withheld else chosen.rows
    framework = _framework(chosen.rows)
    titles_of_blocks = _assessment_titles(course_key, request.user.get_username())
    scales = load_scales()
    scale = scales.get(rows[0]["scale"]) if rows and rows[0]["scale"] in scales.ids else scales.get(DEFAULT_SCALE)
    lang = best_language(get_language(), framework.languages, framework.source_language)
    clusters = [c.id for c in framework.clusters()]
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}
    minimum = conf.MIN_GROUP.value()
    summary = cohort.cluster_summary(rows, clusters, min_group=minimum)
    growth = cohort.paired_growth(rows, clusters, min_group=minimum)
    distribution = cohort.level_distribution(
        rows, {c.id: [s.id for s in c.statements()] for c in framework.clusters()}, scale.values, min_group=minimum)
    timeline = cohort.growth_over_time(rows, clusters, min_group=minimum, by=chosen.by)
    return _page(request, _("Cohort competences"), engine.render("dashboard/cohort.html", {
        "course_key": course_key, "chosen_block": chosen.block,
        "blocks": [(b, titles_of_blocks.get(b, b)) for b in chosen.blocks], "since": chosen.since,
        "until": chosen.until, "by": chosen.by, "min_group": minimum, "withheld": chosen.withheld,
        "learners": len({r["learner"] for r in chosen.rows}),
        "per_learner": any(r["shared"] for r in rows),
        "versions": sorted({r["framework_version"] for r in rows}), "scales": sorted({r["scale"] for r in rows}),
        "summary": [{"id": s.cluster_id, "title": titles[s.cluster_id], "stats": s, "median": _whole(s.median),
                     "q1": _whole(s.q1), "q3": _whole(s.q3), "kinds": [_whole(value) for _kind, value in s.by_kind]}
                    for s in summary],
        "growth": [{"id": g.cluster_id, "title": titles[g.cluster_id], "stats": g, "change": _whole(g.median_change),
                    "improved": None if g.improved is None else round(100 * g.improved)} for g in growth],
        "timeline": [{"label": p.label, "learners": p.learners, "suppressed": p.suppressed,
                      "medians": [_whole(p.median(c)) for c in clusters]} for p in timeline],
        "clusters": clusters,
        "levels": [level.label.get(lang) for level in scale.levels] + [scales.not_relevant.label.get(lang)],
        "distribution": [{"id": d.cluster_id, "title": titles[d.cluster_id], "learners": d.learners,
                          "suppressed": d.suppressed, "shares": cohort_shares(d.counts)} for d in distribution],
        "query": request.GET.urlencode(),
    }), css=["cohort.css"])


def cohort_shares(counts) -> list[int]:
    """How often each level was chosen, as whole percents of the cluster's ratings (none: an empty list)."""
    total = sum((counts or {}).values())
    return [round(100 * n / total) for n in counts.values()] if total else []


def profile_page(request, course_key):
    """The signed-in learner's own profile across the course's self-assessments (the course tab's page)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    snapshots = api.learner_snapshots(course_key, anonymous_id_of(request.user, course_key))
    framework = _framework(snapshots)
    lang = best_language(get_language(), framework.languages, framework.source_language)
    course = course_root(course_key, request.user.get_username()) if snapshots else None
    suggest = (lambda latest, names: suggestions(course, framework, latest, names)) if course else None
    title = _("Your competences in this course")
    view = course_view(framework, lang, _, snapshots, "dc-course-profile", title, level=1, suggest=suggest)
    return _page(request, title, engine.render("dashboard/profile.html", {
        "view": view,
        "cohort_url": reverse("digicomp_dashboard:cohort", args=[course_key])
        if can_view_cohort(request.user, course_key) else None,
    }), css=["assessment.css"])


class WithheldError(Exception):
    """Figures the exports do not give (HTTP 403); the message says why."""


def _export_records(chosen: Selection, what: str, clusters: list[str], minimum: int) -> tuple[list[dict], list]:
    """The rows and columns of an export of the chosen rows; WithheldError when privacy says no."""
    if chosen.withheld:
        raise WithheldError(_("These dates leave out fewer than %(min)s learners of the self-assessment: no "
                              "figures, so that nobody's answers can be worked out.") % {"min": minimum})
    if what == "learners":
        shared = [r for r in chosen.rows if r["shared"]]
        if not shared:
            raise WithheldError(_("This self-assessment keeps each learner's answers to the learner: there is no "
                                  "per-learner export, only the figures of the group."))
        if len({r["learner"] for r in shared}) < minimum:
            raise WithheldError(_("Fewer learners than the minimum group size: no per-learner export."))
        return cohort.learner_rows_for_export(shared, clusters), cohort.export_columns(clusters)
    records = [{"cluster": s.cluster_id, "learners": s.learners, "suppressed": s.suppressed,
                "median": _whole(s.median), "q1": _whole(s.q1), "q3": _whole(s.q3), "pairs": g.pairs,
                "median_change": _whole(g.median_change),
                "improved": None if g.improved is None else round(100 * g.improved)}
               for s, g in zip(cohort.cluster_summary(chosen.rows, clusters, min_group=minimum),
                               cohort.paired_growth(chosen.rows, clusters, min_group=minimum), strict=True)]
    return records, list(records[0]) if records else ["cluster"]


def cohort_export(request, course_key, what, fmt):
    """`what` is `clusters` (figures per cluster) or `learners` (one row per learner and moment, anonymised)."""
    refused = _checked(request, course_key)
    if refused:
        return refused
    if what not in ("clusters", "learners") or fmt not in ("csv", "json"):
        return HttpResponseBadRequest(_("export 'clusters' or 'learners' as csv or json"))
    minimum = conf.MIN_GROUP.value()
    try:
        chosen = _selection(request, course_key)
        framework = _framework(chosen.rows)
        records, columns = _export_records(chosen, what, [c.id for c in framework.clusters()], minimum)
    except QueryError as error:
        return HttpResponseBadRequest(str(error))
    except WithheldError as error:
        return HttpResponseForbidden(str(error))
    rows = chosen.rows
    meta = {"course": course_key, "block": chosen.block, "framework": framework.id,
            "framework_versions": sorted({r["framework_version"] for r in rows}),
            "scales": sorted({r["scale"] for r in rows}), "min_group": minimum}
    filename = f"digicomp-{what}.{fmt}"
    if fmt == "json":
        response = JsonResponse({**meta, "rows": records})
    else:
        writer = csv.writer(_Echo())
        header = [f"# {k}: {';'.join(v) if isinstance(v, list) else v}" for k, v in meta.items()]

        def lines():
            yield writer.writerow(safe_row(header))
            yield writer.writerow(safe_row(columns))
            for record in records:
                yield writer.writerow(safe_row(record.get(c) for c in columns))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
