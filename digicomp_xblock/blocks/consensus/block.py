"""The consensus exercise block: its settings and views (staff only; learners read that it is for staff)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.fields import Scope, String

from ...platform import is_staff
from ...rendering.consensus import exercise_view
from ...rendering.presentation import element_id
from ..data import dashboard
from ..mixins import FrameworkMixin, I18nMixin, ResourcesMixin, framework_view
from .exercise import ExerciseMixin
from .handlers import HandlersMixin
from .settings import SettingsMixin


@XBlock.wants("user", "studio_user_permissions")
class ConsensusXBlock(HandlersMixin, SettingsMixin, ExerciseMixin, FrameworkMixin, I18nMixin, ResourcesMixin,
                      XBlock):
    """Staff only: each participant marks, per statement in scope, the position from which they expect it; the
    comparison shows where they disagree; then one of them fixes the team's profile (a stored version).

    Learners see one sentence and no data; the handlers answer them 403. No part of learners' completion.
    """

    completion_mode = XBlockCompletionMode.EXCLUDED
    icon_class = "other"
    has_author_view = True

    display_name = String(display_name=_("Display name"), default=_("Consensus exercise: a position profile"),
                          scope=Scope.settings)
    scope = String(display_name=_("Scope"), default="", scope=Scope.settings,
                   help=_("Cluster, component or statement IDs separated by spaces (e.g. '6'); empty means the "
                          "whole framework."))
    proposal = String(display_name=_("Proposed profile"), default="", scope=Scope.settings,
                      help=_("The ID of a position profile to start from (empty: none)."))
    profile_id = String(display_name=_("ID of the team's profile"), default="", scope=Scope.settings,
                        help=_("The team's profile is saved under this ID (a self-assessment names it); a saved "
                               "version supersedes a profile file of the same ID."))
    profile_name_en = String(display_name=_("Name of the team's profile (English)"), default="",
                             scope=Scope.settings)
    profile_name_nl = String(display_name=_("Name of the team's profile (Dutch)"), default="", scope=Scope.settings)

    def student_view(self, context=None):
        if not is_staff(self):
            return self.notice_fragment(
                self.gettext("This is an exercise for the course team; there is nothing here for students."),
                self.gettext(self.display_name))
        return self._staff_view(context)

    def public_view(self, context=None):  # noqa: ARG002 - XBlock's view signature
        return self.notice_fragment(
            self.gettext("This is an exercise for the course team; there is nothing here for students."),
            self.gettext(self.display_name))

    @framework_view
    def _staff_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        problems = self.settings_problems()
        if problems:
            return self.error_fragment(problems)
        view = exercise_view(
            framework, lang, self.gettext, self.scope_statements, self.proposal_model, dashboard().participants(
                self.block_key), self.participant_id(), element_id(self.scope_ids.usage_id, "dc-consensus-"))
        html = self.render_template("consensus/staff.html", {
            "view": view, "display_name": self.gettext(self.display_name),
            "stored": self.stored_version(),
            "urls": {name: self.runtime.handler_url(self, name) for name in ("save_choices", "fix_profile")},
            "exports": {fmt: self.runtime.handler_url(self, "export", query=f"format={fmt}")
                        for fmt in ("csv", "yaml")},
        })
        return self.fragment(html, css=["assessment.css", "consensus.css"], script="consensus",
                             init="DigicompConsensus")

    @framework_view
    def author_view(self, framework, lang, context=None):  # noqa: ARG002 - XBlock's view signature
        """Studio: the exercise's settings in a few lines."""
        problems = self.settings_problems()
        return self.author_fragment(
            self.gettext(self.display_name),
            self.gettext("Course staff each choose, per statement, the position from which they expect it, compare "
                         "their choices and fix the team's position profile; students see nothing of it."),
            [(self.gettext("Framework"), f"{framework.title.get(lang)} ({framework.id})"),
             (self.gettext("Scope"), self.scope or self.gettext("the whole framework")),
             (self.gettext("Proposed profile"), self.proposal or "–"),
             (self.gettext("ID of the team's profile"), self.profile_id or "–")], problems=problems)
