"""`digicomp_profile`: the learner's competence profile across all self-assessments of the course."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String

from .charts import growth_chart
from .compat import anchor_of
from .core.course_profile import course_history, each_moment, latest_profile
from .core.loader import FrameworkError
from .core.model import COMPONENT_KINDS
from .course_structure import course_blocks
from .mixins.framework import FrameworkMixin
from .mixins.i18n import I18nMixin
from .mixins.resources import ResourcesMixin
from .mixins.scenarios import ScenariosMixin
from .presentation import KIND_LABELS, kind_cells, percent
from .suggestions import strengths_html, suggestions


class CourseProfileXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, ScenariosMixin, XBlock):
    """Per cluster: the first and the latest score over every assessment moment of the learner in this course."""

    block_tag = "digicomp_profile"

    display_name = String(display_name=_("Display name"), default=_("Your competences in this course"),
                          scope=Scope.settings)

    def student_view(self, context=None):  # pylint: disable=unused-argument
        try:
            framework = self.framework_model
        except FrameworkError as error:
            return self.framework_error_fragment(error)
        lang = self.content_language(framework.languages)
        snapshots = [snapshot for block in course_blocks(self, "digicomp_assessment")
                     if block.framework == framework.id for snapshot in block.snapshots]
        dom_id = anchor_of(self.scope_ids.usage_id, "dc-profile-")
        html = render_course_profile(
            self.render_template, self.gettext, framework, snapshots, lang, dom_id, self.gettext(self.display_name),
            lambda latest, names: suggestions(self, framework, latest, names))
        fragment = Fragment(html)
        fragment.add_css_url(self.static_url("css/digicomp.css"))
        fragment.add_css_url(self.static_url("css/assessment.css"))
        return fragment


def render_course_profile(render, gettext, framework, snapshots, lang, dom_id, title, suggest=None, level=2) -> str:
    """The course profile's HTML (used by the block and by the course tab's page, where the title is an h1)."""
    history = course_history(framework, snapshots)
    names = {c.id: c.title.get(lang) for c in framework.clusters()}
    not_rated = gettext("not rated")
    latest = latest_profile(history)

    rows = [{
        "id": h.cluster_id, "title": names[h.cluster_id], "first": percent(h.first, not_rated),
        "latest": percent(h.latest, not_rated),
        "change": "–" if h.change is None else f"{h.change:+.0f}",
        "kinds": kind_cells(h.latest_score, not_rated),
    } for h in history]
    chart = render("assessment_chart.html", {
        "chart": growth_chart([(h.cluster_id, names[h.cluster_id], h.first, h.latest) for h in history], not_rated),
        "chart_id": f"{dom_id}-chart", "title": gettext("First and latest score per cluster"),
        "description": gettext("Bar chart with two bars per cluster, your first and your latest score; "
                               "the table below gives the same figures."),
    }) if history else ""
    found = suggest(latest, names) if history and suggest else None
    moments = each_moment(snapshots)
    return render("course_profile.html", {
        "dom_id": dom_id, "lang": lang, "display_name": title, "rows": rows, "moments": len(snapshots), "level": level,
        "moment_dates": [m.submitted_at[:10] for m in moments] if len(moments) > 1 else [],
        "moment_rows": [{"id": h.cluster_id, "title": names[h.cluster_id],
                         "scores": [percent(m.scores[h.cluster_id], not_rated) if h.cluster_id in m.scores else "–"
                                    for m in moments]} for h in history] if len(moments) > 1 else [],
        "chart_svg": chart, "kind_labels": [gettext(KIND_LABELS[k]) for k in COMPONENT_KINDS],
        "strengths_html": strengths_html(render, latest, names),
        "suggestions_html": render("suggestions.html", {"suggestions": found, "level": level + 1}) if found else "",
    })
