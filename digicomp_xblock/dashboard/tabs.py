"""The "Competences" course tab (entry point `openedx.course_tab`); only importable inside Open edX."""

from django.utils.translation import gettext_noop as _
from xmodule.tabs import CourseTab

from ..platform.openedx import course_has_block


class CompetencesTab(CourseTab):
    """Links to the learner's competence profile; shown only in courses with a self-assessment.

    The platform asks `is_enabled` on every page of the course: the answer is kept per course version
    (`course_has_block`), not looked up in the whole course each time.
    """

    type = "digicomp_competences"
    title = _("Competences")
    priority = 70
    view_name = "digicomp_dashboard:profile"
    is_dynamic = True

    @classmethod
    def is_enabled(cls, course, user=None):  # noqa: ARG003 - the tab API
        return course_has_block(course, "digicomp_assessment")
