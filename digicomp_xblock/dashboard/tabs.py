"""The "Competences" course tab (entry point `openedx.course_tab`); only importable inside Open edX."""

from django.utils.translation import gettext_noop as _
from xmodule.modulestore.django import modulestore  # pylint: disable=import-error
from xmodule.tabs import CourseTab  # pylint: disable=import-error


class CompetencesTab(CourseTab):
    """Links to the learner's competence profile; shown only in courses with a self-assessment."""

    type = "digicomp_competences"
    title = _("Competences")
    priority = 70
    view_name = "digicomp_dashboard:learner_profile"
    is_dynamic = True

    @classmethod
    def is_enabled(cls, course, user=None):  # pylint: disable=unused-argument
        return bool(modulestore().get_items(course.id, qualifiers={"category": "digicomp_assessment"}))
