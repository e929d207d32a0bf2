"""`digicomp_profile`: the learner's competence profile across all self-assessments of the course."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from xblock.core import XBlock
from xblock.fields import Scope, String

from ..platform.course import course_blocks
from ..rendering.presentation import element_id
from ..rendering.profile import course_view, render_profile
from ..rendering.suggestions import suggestions
from .mixins import FrameworkMixin, I18nMixin, ResourcesMixin, framework_view


class CourseProfileXBlock(FrameworkMixin, I18nMixin, ResourcesMixin, XBlock):
    """Per cluster: the first and the latest score over every assessment moment of the learner in this course."""

    display_name = String(display_name=_("Display name"), default=_("Your competences in this course"),
                          scope=Scope.settings)

    @framework_view
    def student_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        snapshots = [snapshot for block in course_blocks(self, "digicomp_assessment")
                     if block.framework == framework.id for snapshot in block.snapshots]
        view = course_view(framework, lang, self.gettext, snapshots, element_id(self.scope_ids.usage_id, "dc-profile-"),
                           self.gettext(self.display_name),
                           suggest=lambda latest, names: suggestions(self, framework, latest, names))
        return self.fragment(render_profile(view, self.i18n_service), css=["assessment.css"])
