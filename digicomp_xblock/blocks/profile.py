"""`digicomp_profile`: the learner's competence profile across all self-assessments of the course."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Scope, String

from ..core.loader import FrameworkError
from ..platform.course import course_blocks
from ..rendering.gap import course_gaps
from ..rendering.presentation import element_id
from ..rendering.profile import course_view, render_profile
from ..rendering.suggestions import suggestions
from .handlers import json_handler
from .mixins import FrameworkMixin, I18nMixin, ResourcesMixin, framework_view


class CourseProfileXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, XBlock):
    """Per cluster: the first and the latest score over every assessment moment of the learner in this course; and,
    for each self-assessment with a position profile and a target position, the latest moment's gap to it.

    A page learners read (viewing it completes it, as with a text), on the web and in the mobile apps; visitors
    who are not signed in are asked to sign in, for it shows a learner's own scores.
    """

    multi_device = True
    icon_class = "other"
    has_author_view = True

    display_name = String(display_name=_("Display name"), default=_("Your competences in this course"),
                          scope=Scope.settings)

    @framework_view
    def student_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        return self.fragment(self._profile_html(framework, lang), css=["assessment.css"], script="profile",
                             init="DigicompCourseProfile")

    def public_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        return self.notice_fragment(self.gettext("Sign in to see your competences in this course."),
                                    self.gettext(self.display_name))

    @framework_view
    def author_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        """Studio: what learners see here, in a few lines (an author has no moments of their own to show)."""
        assessments = [block for block in course_blocks(self, "digicomp_assessment") if block.framework == framework.id]
        return self.author_fragment(
            self.gettext(self.display_name),
            self.gettext("Each learner sees here their own profile: per cluster, the first and the latest score of "
                         "their self-assessments in this course."),
            [(self.gettext("Framework"), f"{framework.title.get(lang)} ({framework.id})"),
             (self.gettext("Self-assessments in this course"), str(len(assessments)))])

    @json_handler
    def refresh(self, payload):
        """`{}` -> the profile's HTML now (the page asks after the learner submitted a moment elsewhere on it)."""
        if payload != {}:
            raise JsonHandlerError(400, self.gettext("expected {}"))
        try:
            framework = self.framework_model
        except FrameworkError as error:
            raise JsonHandlerError(400, error.problems[0].message) from None
        return {"html": self._profile_html(framework, self.content_language(framework.languages))}

    def _profile_html(self, framework, lang) -> str:
        assessments = [block for block in course_blocks(self, "digicomp_assessment") if block.framework == framework.id]
        snapshots = [snapshot for block in assessments for snapshot in block.snapshots]
        dom_id = element_id(self.scope_ids.usage_id, "dc-profile-")
        view = course_view(framework, lang, self.gettext, snapshots, dom_id, self.gettext(self.display_name),
                           suggest=lambda latest, names: suggestions(self, framework, latest, names))
        view["gaps"] = course_gaps([(block, block.texts(lang)[0], block.snapshots[-1], block.chosen_target)
                                    for block in assessments if block.snapshots], lang, self.gettext, f"{dom_id}-gap")
        return render_profile(view, self.i18n_service)
