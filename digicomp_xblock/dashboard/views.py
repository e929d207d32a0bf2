"""The dashboard pages: the cohort view and its exports for course staff (anonymised, small groups suppressed),
and a learner's own profile across the course (the Competences course tab); a programme's coverage and growth
for the staff of its courses, and a learner's own profile across its courses.

Each page's content is rendered by our template engine (`rendering/templates/dashboard/`) and placed in the page
shell `digicomp_dashboard/page.html`, which extends the platform's base template (DIGICOMP_BASE_TEMPLATE).
Each view gets the course key as the URL parsed it (dashboard/urls.py: the platform's key object), and gives the
dashboard's rows its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import conf, platform
from ..core import cohort
from ..core.loader import DEFAULT_FRAMEWORK, FrameworkError
from ..core.model import best_language
from ..core.moments import moments_of
from ..core.programmes import ProgrammeCourse, programme_coverage, programme_growth
from ..core.scales import DEFAULT_SCALE, load_scales
from ..core.scope import ScopeError
from ..platform import anonymous_id_of, course_root, resource_url, unit_url, user_state_of
from ..platform.course import course_blocks, statements_developed_in
from ..rendering import engine
from ..rendering.cohort import cohort_view, expected_view
from ..rendering.gap import course_gaps
from ..rendering.profile import course_view
from ..rendering.programme import programme_growth_view, programme_view
from ..rendering.suggestions import suggestions
from . import api, exports
from .rules import can_view_cohort, can_view_programme


def _refused(status: int, message: str) -> HttpResponse:
    """A refusal as plain text: its message may repeat what the address said, which must never become markup."""
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _checked(request, course_key):
    """None when the user may see the course's cohort, else the response to send."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_cohort(request.user, course_key):
        return _refused(403, _("Only course staff can see the cohort of this course."))
    return None


@dataclass(frozen=True)
class Selection:
    """What the cohort page and its exports show: one assessment block's rows, within dates (whole days)."""

    blocks: list
    block: str
    since: date | None
    until: date | None
    by: str
    withheld: bool  # the dates leave out too few learners of the block: no figures (cohort.leaves_out_enough)

    def facts(self, course_key) -> api.Facts:
        """The facts of the chosen rows."""
        return api.facts(str(course_key), self.block, self.since, self.until)

    def cohort(self, course_key) -> tuple[cohort.Cohort, api.Facts]:
        """The chosen moments as the cohort figures read them (none when withheld), and their facts."""
        if self.withheld:
            return cohort.Cohort.from_rows([]), self.facts(course_key)
        return api.cohort(str(course_key), self.block, self.since, self.until, times=self.by == "week")


class QueryError(ValueError):
    """A query parameter the page cannot use; the message says which and why."""


def _date(request, name: str) -> date | None:
    text = request.GET.get(name, "")
    if not text:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(_("'%(name)s' must be a date written as YYYY-MM-DD, not '%(value)s'")
                       % {"name": name, "value": text[:40]}) from None


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _selection(request, course_key) -> Selection:
    """One assessment block (the chosen one, else the course's first) within the chosen dates, filtered by the
    database."""
    blocks = api.assessment_blocks(str(course_key))
    block = request.GET.get("block") or (blocks[0] if blocks else "")
    if block and block not in blocks:
        raise QueryError(_("unknown assessment block"))
    since, until = _date(request, "since"), _date(request, "until")
    if since and until and since > until:
        raise QueryError(_("'since' (%(since)s) is after 'until' (%(until)s)")
                         % {"since": since.isoformat(), "until": until.isoformat()})
    by = request.GET.get("by") or "moment"
    if by not in ("moment", "week"):
        raise QueryError(_("'by' must be 'moment' or 'week'"))
    learners = api.learner_count(str(course_key), block, since, until)
    whole = api.learner_count(str(course_key), block) if since or until else learners
    withheld = not cohort.leaves_out_enough(whole, learners, conf.MIN_GROUP.value())
    return Selection(blocks, block, since, until, by, withheld)


def _assessments(course_key, username) -> dict:
    """Each self-assessment of the course by usage key (empty when the course is unknown)."""
    root = course_root(course_key, username)
    return {str(b.scope_ids.usage_id): b for b in (course_blocks(root, "digicomp_assessment") if root is not None
                                                    else ())}


def _expected_setting(block) -> tuple | None:
    """The block's position profile, target and statements asked (`expected_setting`); None without them or when
    they cannot be read (Studio's validation says why)."""
    try:
        return block.expected_setting() if block is not None else None
    except (FrameworkError, ScopeError, KeyError):
        return None


def _framework(framework_ids):
    """The framework of the rows (the first of their framework IDs), else the default one."""
    try:
        return conf.framework(framework_ids[0] if framework_ids else DEFAULT_FRAMEWORK)
    except FrameworkError:
        return conf.framework(DEFAULT_FRAMEWORK)


def _page(request, title: str, content: str, css=()):
    """A page of ours: the content (rendered by our engine) in the platform's page shell."""
    return render(request, "digicomp_dashboard/page.html", {
        "title": title, "content": content, "base_template": conf.BASE_TEMPLATE.value(),
        "css": [resource_url("digicomp_assessment", f"static/css/{name}") for name in ("digicomp.css", *css)],
    })


@never_cache  # learners' figures: never from a cache or the Back button's copy
def cohort_page(request, course_key):
    refused = _checked(request, course_key)
    if refused:
        return refused
    try:
        chosen = _selection(request, course_key)
    except QueryError as error:
        return _refused(400, str(error))
    rows, facts = chosen.cohort(course_key)
    framework = _framework(facts.frameworks)
    lang = best_language(get_language(), framework.languages, framework.source_language)
    assessments = _assessments(course_key, request.user.get_username())
    titles_of_blocks = {key: block.texts(lang)[0] for key, block in assessments.items()}
    scales = load_scales()
    known = [scale for scale in facts.scales if scale in scales.ids]
    scale = scales.get(known[0] if known else DEFAULT_SCALE)
    minimum = conf.MIN_GROUP.value()
    return _page(request, _("Cohort competences"), engine.render("dashboard/cohort.html", {
        "course_key": str(course_key), "chosen_block": chosen.block,
        "blocks": [(b, titles_of_blocks.get(b, b)) for b in chosen.blocks],
        "since": _iso(chosen.since), "until": _iso(chosen.until),
        "by": chosen.by, "min_group": minimum, "withheld": chosen.withheld,
        "learners": facts.learners, "per_learner": facts.shared and not chosen.withheld,
        "versions": [] if chosen.withheld else facts.framework_versions,
        "coverage_url": _coverage_url(course_key, request.user.get_username()),
        "query": request.GET.urlencode(),
        **cohort_view(framework, lang, _, rows, scale, scales, minimum, chosen.by),
        "expected": expected_view(framework, lang, _, rows, _expected_setting(assessments.get(chosen.block)), scales,
                                  minimum),
    }), css=["cohort.css"])


@never_cache
def profile_page(request, course_key):
    """The signed-in learner's own profile across the course's self-assessments (the course tab's page)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    snapshots = api.learner_snapshots(str(course_key), anonymous_id_of(request.user, course_key))
    framework = _framework([s["framework"] for s in snapshots])
    lang = best_language(get_language(), framework.languages, framework.source_language)
    course = course_root(course_key, request.user.get_username()) if snapshots else None
    suggest = (lambda latest, names: suggestions(course, framework, latest, names)) if course else None
    title = _("Your competences in this course")
    view = course_view(framework, lang, _, snapshots, "dc-course-profile", title, level=1, suggest=suggest)
    view["gaps"] = course_gaps(_latest_moments(course, framework, request.user, lang), lang, _, "dc-course-gap")
    return _page(request, title, engine.render("dashboard/profile.html", {
        "view": view,
        "programmes": [{"name": p.name, "url": reverse("digicomp_dashboard:programme_profile", args=[p.slug])}
                       for p in api.programmes_of(str(course_key))],
        "cohort_url": reverse("digicomp_dashboard:cohort", args=[course_key])
        if can_view_cohort(request.user, course_key) else None,
    }), css=["assessment.css"])


def _latest_moments(course, framework, user, lang: str) -> list[tuple]:
    """(block, title, latest moment, own choice of position) of each self-assessment of the course on `framework`
    that the user submitted, from the block's stored record of the user (the course's blocks here are the
    course's structure, without a learner)."""
    found = []
    for block in course_blocks(course, "digicomp_assessment") if course is not None else ():
        if block.framework != framework.id:
            continue
        state = user_state_of(block, user)
        if moments := moments_of(state):
            found.append((block, block.texts(lang)[0], moments[-1], state.get("chosen_target", "")))
    return found


def _coverage_url(course_key, username: str) -> str:
    """A link to the course's coverage map (the first digicomp_coverage block), or "" when it has none."""
    root = course_root(course_key, username)
    found = course_blocks(root, "digicomp_coverage") if root is not None else []
    return unit_url(found[0], found[0].scope_ids.usage_id) if found else ""


def _export_format(request, what: str, fmt: str) -> str:
    """The CSV separator of an export the view can make (Dutch pages: semicolons); QueryError otherwise."""
    if what not in ("clusters", "learners") or fmt not in ("csv", "json"):
        raise QueryError(_("export 'clusters' or 'learners' as csv or json"))
    separator = request.GET.get("sep") or ("semicolon" if get_language().startswith("nl") else "comma")
    if separator not in exports.SEPARATORS:
        raise QueryError(_("'sep' must be 'comma' or 'semicolon'"))
    return separator


@never_cache
def cohort_export(request, course_key, what, fmt):
    """`what` is `clusters` (figures per cluster) or `learners` (one row per learner and moment, anonymised)."""
    refused = _checked(request, course_key)
    if refused:
        return refused
    minimum = conf.MIN_GROUP.value()
    try:
        separator = _export_format(request, what, fmt)
        chosen = _selection(request, course_key)
        moments, facts = chosen.cohort(course_key) if what == "clusters" else (None, chosen.facts(course_key))
        framework = _framework(facts.frameworks)
        lang = best_language(get_language(), framework.languages, framework.source_language)
        if what == "learners":
            shared = api.learner_count(str(course_key), chosen.block, chosen.since, chosen.until, shared=True)
            table = exports.learners_table(api.shared_moments(str(course_key), chosen.block, chosen.since,
                                                              chosen.until),
                                           shared, facts.cluster_ids, framework, lang, minimum, chosen.withheld)
        else:
            table = exports.clusters_table(moments, framework, lang, minimum, chosen.withheld)
    except QueryError as error:
        return _refused(400, str(error))
    except exports.WithheldError as error:
        return _refused(403, str(error))
    meta = {"course": str(course_key), "block": chosen.block, "framework": framework.id,
            "framework_versions": facts.framework_versions, "scales": facts.scales,
            "min_group": minimum, "clusters": {c.id: c.title.get(lang) for c in framework.clusters()}}
    if fmt == "json":
        return exports.json_file(meta, table, f"digicomp-{what}.json")
    return exports.csv_file(table, separator, f"digicomp-{what}.csv")


def _programme_courses(request, slug):
    """(programme, its courses as the platform's keys) of an existing programme, else (None, the response)."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    found = api.programme(slug)
    if found is None:
        return None, _refused(404, _("There is no programme '%(slug)s'.") % {"slug": slug})
    if not found.course_keys:
        return None, _refused(404, _("The programme '%(slug)s' has no course yet.") % {"slug": slug})
    parsed = []
    for key in found.course_keys:
        try:
            parsed.append(platform.current().parse_course_key(key))
        except ValueError:
            return None, _refused(404, _("The programme names '%(key)s', which is no course here.") % {"key": key})
    return (found, parsed), None


def _programme(request, slug):
    """(programme, coverage, framework, lang) of the programme for a user who may see it, else the response."""
    found, refused = _programme_courses(request, slug)
    if refused:
        return None, refused
    programme, parsed = found
    if not can_view_programme(request.user, parsed):
        return None, _refused(403, _("Only the staff of every course of this programme can see its competences."))
    framework = conf.framework(DEFAULT_FRAMEWORK)
    lang = best_language(get_language(), framework.languages, framework.source_language)
    courses = []
    for key in parsed:
        root = course_root(key, request.user.get_username())
        courses.append(ProgrammeCourse(str(key), platform.current().course_title(key, root),
                                       statements_developed_in(root, framework) if root is not None else frozenset()))
    return (programme, programme_coverage(framework, courses), framework, lang), None


def _programme_growth(slug: str, framework):
    """The programme's growth over the clusters its moments score, and how many learners could not be linked."""
    moments, unlinked = api.programme_moments(slug)
    clusters = cohort.covered_clusters(moments, [c.id for c in framework.clusters()])
    return programme_growth(moments, clusters, conf.MIN_GROUP.value()), unlinked


@never_cache
def programme_page(request, slug):
    """What the courses of a programme develop together and how its learners grow across them (their staff only)."""
    found, refused = _programme(request, slug)
    if refused:
        return refused
    programme, result, framework, lang = found
    growth, unlinked = _programme_growth(slug, framework)
    return _page(request, _("Competences across the programme"), engine.render("dashboard/programme.html", {
        "name": programme.name, "view": programme_view(framework, lang, result),
        "growth": programme_growth_view(framework, lang, _, growth), "unlinked": unlinked,
        "min_group": conf.MIN_GROUP.value(),
        "csv_url": reverse("digicomp_dashboard:programme_export", args=[slug, "coverage"]),
        "growth_csv_url": reverse("digicomp_dashboard:programme_export", args=[slug, "growth"]),
    }), css=["cohort.css"])


@never_cache
def programme_export(request, slug, what):
    """The programme's coverage per statement and course, or its growth per cluster and year, as CSV (Dutch pages:
    semicolons)."""
    found, refused = _programme(request, slug)
    if refused:
        return refused
    try:
        separator = _export_format(request, "clusters", "csv")
    except QueryError as error:
        return _refused(400, str(error))
    _programme_info, result, framework, lang = found
    if what not in ("coverage", "growth"):
        return _refused(404, _("A programme has the exports 'coverage' and 'growth', not '%(what)s'.")
                        % {"what": what})
    if what == "growth":
        table = exports.programme_growth_table(_programme_growth(slug, framework)[0], framework, lang)
    else:
        table = exports.programme_table(result, framework, lang)
    return exports.csv_file(table, separator, f"digicomp-programme-{slug}-{what}.csv")


@never_cache
def programme_profile(request, slug):
    """The signed-in learner's own profile across the courses of a programme (linked from each course's
    Competences tab): their moments of every course, oldest first."""
    found, refused = _programme_courses(request, slug)
    if refused:
        return refused
    programme, parsed = found
    moments = sorted(({**snapshot, "course": str(key)} for key in parsed
                      for snapshot in api.learner_snapshots(str(key), anonymous_id_of(request.user, key))),
                     key=lambda s: s["submitted_at"])
    framework = _framework([s["framework"] for s in moments])
    lang = best_language(get_language(), framework.languages, framework.source_language)
    title = _("Your competences across the programme")
    view = {**course_view(framework, lang, _, moments, "dc-programme-profile", _("Your profile across its courses"),
                          level=2), "across_programme": True}
    titles = {str(key): platform.current().course_title(key, course_root(key, request.user.get_username()))
              for key in parsed}
    return _page(request, title, engine.render("dashboard/programme_profile.html", {
        "name": programme.name, "view": view, "min_group": conf.MIN_GROUP.value(),
        "courses": [{"title": titles[str(key)], "moments": sum(m["course"] == str(key) for m in moments),
                     "url": reverse("digicomp_dashboard:profile", args=[key])} for key in parsed],
    }), css=["assessment.css"])
