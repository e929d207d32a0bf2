"""openedx-filters pipeline steps that put the cohort view in the Instructor Dashboard.

Configure in the LMS settings (OPEN_EDX_FILTERS_CONFIG), see the README:
- legacy dashboard: "org.openedx.learning.instructor.dashboard.render.started.v1" -> AddCompetencesSection
- instructor dashboard MFE: "org.openedx.learning.instructor.dashboard.tabs.requested.v1" -> AddCompetencesTab;
  that filter exists from openedx-filters 3.4 (Verawood), not on Ulmo (2.1), where only the legacy dashboard has
  the section (the Tutor plugin configures the tab only where the filter exists)
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from openedx_filters import PipelineStep
from web_fragments.fragment import Fragment

SECTION_KEY = "digicomp-competences"


def cohort_url(course_key) -> str:
    return reverse("digicomp_dashboard:cohort", kwargs={"course_key": str(course_key)})


class AddCompetencesTab(PipelineStep):
    """Adds a "Competences" tab that opens the cohort view (instructor dashboard MFE)."""

    def run_filter(self, tabs, user, course_key):
        tab = {"tab_id": SECTION_KEY, "title": _("Competences"), "url": cohort_url(course_key), "sort_order": 90}
        return {"tabs": [*(tabs or []), tab], "user": user, "course_key": course_key}


class AddCompetencesSection(PipelineStep):
    """Adds a "Competences" section to the legacy Instructor Dashboard, the way platform plugins do
    (a fragment rendered by a small template of ours)."""

    def run_filter(self, context, template_name):
        course = context.get("course")
        if course is None:
            return {"context": context, "template_name": template_name}
        url = cohort_url(course.id)
        intro = _("How the competences of the learners in this course grow, per cluster.")
        link = _("Open the cohort view")
        fragment = Fragment(f'<p>{escape(intro)}</p><p><a href="{escape(url)}">{escape(link)}</a></p>')
        section = {"section_key": SECTION_KEY, "section_display_name": _("Competences"), "course_id": str(course.id),
                   "template_path_prefix": "/digicomp_dashboard/", "fragment": fragment}
        context["sections"] = [*context.get("sections", []), section]
        return {"context": context, "template_name": template_name}
