"""`digicomp_coverage`: for course staff, which clusters the course's units develop (a heatmap table)."""

from __future__ import annotations

import csv
import io
from collections import Counter

from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Scope, String

from ..core.coverage import coverage, coverage_csv_rows, units_of
from ..core.csvsafe import safe_row
from ..core.loader import FrameworkError
from ..core.model import COMPONENT_KINDS
from ..platform import is_staff, unit_url
from ..platform.course import course_expectations, course_tree
from ..rendering.presentation import KIND_LABELS, element_id
from .handlers import json_handler, staff_only
from .mixins import FrameworkMixin, I18nMixin, ResourcesMixin


def heat(count: int) -> int:
    """Shade of a cell: 0, 1, 2 or 3 (three units or more)."""
    return min(count, 3)


@XBlock.wants("user")
class CoverageXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, XBlock):
    """Staff-only coverage map of the course; learners see nothing and its handlers answer them 403.

    Learners see nothing of it, so it is no part of their completion (`EXCLUDED`: a unit with the map completes
    without it); nor of the mobile apps (a wide table for staff, who use the web), nor of anonymous visitors.
    """

    completion_mode = XBlockCompletionMode.EXCLUDED
    icon_class = "other"
    has_author_view = True

    display_name = String(display_name=_("Display name"), default=_("Competences this course develops"),
                          scope=Scope.settings)

    def _coverage(self):
        framework = self.framework_model
        tree, assessed = course_tree(self, framework.id)
        expectations = course_expectations(self, framework.id)
        expected = {sid for profile, target in expectations for sid in profile.expected_up_to(target)}
        return framework, tree, coverage(framework, tree, assessed, expected), expectations

    def student_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        if not is_staff(self):
            return Fragment()
        try:
            html = self._map_html()
        except FrameworkError as error:
            return self.framework_error_fragment(error)
        return self.fragment(html, css=["coverage.css"], script="coverage", init="DigicompCoverage")

    def public_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        """Visitors who are not signed in are no course staff: nothing."""
        return Fragment()

    def author_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        """Studio: what the block is, in a few lines (the map itself is in the LMS, where the course's tags are)."""
        try:
            framework = self.framework_model
        except FrameworkError as error:
            return self.framework_error_fragment(error)
        lang = self.content_language(framework.languages)
        return self.author_fragment(
            self.gettext(self.display_name),
            self.gettext("Course staff see here which clusters the units of this course develop, from the units' "
                         "competence tags; learners see nothing."),
            [(self.gettext("Framework"), f"{framework.title.get(lang)} ({framework.id})")])

    @json_handler
    def refresh(self, payload):
        """Staff only, changes nothing: `{}` -> the map's HTML now (the page asks after a unit's tags changed on it)."""
        staff_only(self, _("only course staff can see the coverage"))
        if payload != {}:
            raise JsonHandlerError(400, self.gettext("expected {}"))
        try:
            return {"html": self._map_html()}
        except FrameworkError as error:
            raise JsonHandlerError(400, error.problems[0].message) from None

    def _map_html(self) -> str:
        """The map as course staff see it; FrameworkError when the framework cannot be loaded."""
        framework, tree, cov, expectations = self._coverage()
        lang = self.content_language(framework.languages)
        titles = {c.id: c.title.get(lang) for c in framework.clusters()}
        missing = Counter(framework.statement(s).cluster_id for s in cov.expected_not_developed)
        units = {u.id: u for u in units_of(tree)}
        rows = [{
            "id": row.cluster_id, "title": titles[row.cluster_id], "total": row.total,
            "cells": [{"count": n, "heat": heat(n)} for n in row.counts],
            "kinds": [{"label": self.gettext(KIND_LABELS[kind]),
                       "cells": [{"count": n, "heat": heat(n)} for n in counts]}
                      for kind, counts in row.kinds if kind in COMPONENT_KINDS],
            "units": [{"title": units[u].title, "section": units[u].section_title, "url": unit_url(self, u)}
                      for ids in row.units for u in ids],
            "expected_missing": missing[row.cluster_id],
        } for row in cov.rows]
        return self.render_template("coverage/map.html", {
            "block_id": element_id(self.scope_ids.usage_id),
            "display_name": self.gettext(self.display_name),
            "sections": [{"id": sid, "title": title or self.gettext("Outside a section"), "units": len(unit_ids)}
                         for sid, title, unit_ids in cov.sections],
            "rows": rows,
            "total_units": cov.total_units,
            "untagged": [{"title": u.title, "section": u.section_title, "url": unit_url(self, u.id)}
                         for u in cov.untagged_units],
            "clusters_without": [f"{c} {titles[c]}" for c in cov.clusters_without_unit],
            "statements_without": [{"id": s, "text": framework.statement(s).text.get(lang),
                                    "expected": s in cov.expected_not_developed}
                                   for s in cov.statements_without_unit],
            "profiles": [{"profile": profile.name.get(lang), "position": framework.position(target).name.get(lang)}
                         for profile, target in expectations],
            "expected_not_developed": [{"id": s, "text": framework.statement(s).text.get(lang)}
                                       for s in cov.expected_not_developed],
            "assessed_not_developed": [{"id": s, "text": framework.statement(s).text.get(lang)}
                                       for s in cov.assessed_not_developed],
            "download": self.runtime.handler_url(self, "download"),
        })

    @XBlock.handler
    def download(self, request, suffix=""):  # noqa: ARG002 - XBlock's handler signature
        """The coverage matrix as CSV (staff only)."""
        if not is_staff(self):
            return JsonHandlerError(403, self.gettext("only course staff can download the coverage")).get_response()
        try:
            framework, _tree, cov, _expectations = self._coverage()
        except FrameworkError as error:
            message = self.gettext("this block's framework cannot be loaded: %(reason)s")
            return JsonHandlerError(400, message % {"reason": error.problems[0].message}).get_response()
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            safe_row(row) for row in coverage_csv_rows(cov, framework, self.content_language(framework.languages)))
        response = Response(out.getvalue(), content_type="text/csv", charset="utf-8")
        response.content_disposition = 'attachment; filename="competence-coverage.csv"'
        return response
