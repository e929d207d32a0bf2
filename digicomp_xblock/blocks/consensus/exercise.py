"""What the exercise is made of, from its settings and the current user: the statements in scope, the proposal,
who is choosing, the choices stored so far."""

from __future__ import annotations

from xblock.core import XBlockMixin

from ...core.scope import parse_scope, resolve_scope
from ...platform import user_attr
from ..data import dashboard


class ExerciseMixin(XBlockMixin):
    """The exercise's objects, computed per request."""

    @property
    def block_key(self) -> str:
        return str(self.scope_ids.usage_id)

    @property
    def scope_statements(self):
        return resolve_scope(self.framework_model, parse_scope(self.scope))

    @property
    def proposal_model(self):
        """The proposed profile (the team's stored version of that ID, else its file), or None."""
        return dashboard().position_profile(self.proposal, self.framework_model) if self.proposal else None

    def participant_id(self) -> str:
        """The current user's anonymous id: the key of their choices (retirement deletes them by it)."""
        return str(user_attr(self, "anonymous_user_id") or "")

    def participant_name(self) -> str:
        """The current user's name as the team sees it."""
        service = self.runtime.service(self, "user")
        user = service.get_current_user() if service is not None else None
        return str((user and user.full_name) or user_attr(self, "username") or self.participant_id())[:150]

    def stored_version(self):
        """The latest stored version of the team's profile ID, or None."""
        return dashboard().latest_profile(self.profile_id) if self.profile_id else None
