"""The "Competences" course tab (entry point `openedx.course_tab`); only importable inside Open edX."""

from django.utils.translation import gettext_noop as _
from xmodule.modulestore.django import modulestore
from xmodule.tabs import CourseTab


class CompetencesTab(CourseTab):
    """Links to the learner's competence profile; shown only in courses with a self-assessment."""

    type = "digicomp_competences"
    title = _("Competences")
    priority = 70
    view_name = "digicomp_dashboard:profile"
    is_dynamic = True

    @classmethod
    def is_enabled(cls, course, user=None):  # noqa: ARG003 - the tab API
        return bool(modulestore().get_items(course.id, qualifiers={"category": "digicomp_assessment"}))
