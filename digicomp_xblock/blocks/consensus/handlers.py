"""Handlers of the consensus exercise, all for course staff only (403 otherwise): a participant's choices, fixing
the team's profile, its export. Each checks everything before it stores anything."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.translation import gettext_noop as _
from webob import Response
from xblock.core import XBlock, XBlockMixin
from xblock.exceptions import JsonHandlerError

from ...core.agreement import Fixing, fixed_profile
from ...core.loader import FrameworkError
from ...core.messages import InputError
from ...core.model import LocalText
from ...core.profiles import NOT_EXPECTED, Owner, load_vocabulary, profile_csv
from ...core.scope import ScopeError
from ...platform import course_key_of, is_staff
from ..data import dashboard
from ..handlers import json_handler, staff_only

#: The most statements one save may carry (the framework has 144).
MAX_CHOICES = 500


class HandlersMixin(XBlockMixin):
    """JSON handlers of the exercise and the export."""

    def _usable(self):
        """(framework, statements in scope); 400 when the settings do not work."""
        problems = self.settings_problems()
        if problems:
            raise JsonHandlerError(400, self.gettext("this exercise is not set up correctly: %(reason)s")
                                   % {"reason": "; ".join(problems)})
        try:
            return self.framework_model, self.scope_statements
        except (FrameworkError, ScopeError) as error:  # changed since the check
            raise JsonHandlerError(400, str(error)) from None

    def _checked_choices(self, payload, key: str, framework, scope, allow_none: bool) -> dict:
        """`payload[key]` as {statement ID: choice}: 400 naming the first statement or choice that is wrong."""
        if not isinstance(payload, dict) or set(payload) != {key} or not isinstance(payload[key], dict):
            raise JsonHandlerError(400, self.gettext('expected {"%(key)s": {statement ID: choice}}') % {"key": key})
        given = payload[key]
        if len(given) > MAX_CHOICES:
            raise JsonHandlerError(400, self.gettext("at most %(limit)s statements at a time")
                                   % {"limit": MAX_CHOICES})
        order = [p.id for p in framework.positions] + [NOT_EXPECTED]
        in_scope = {s.id for s in scope}
        for statement_id, choice in given.items():
            if statement_id not in framework:
                raise JsonHandlerError(400, self.gettext("unknown statement '%(id)s'") % {"id": statement_id[:40]})
            if statement_id not in in_scope:
                raise JsonHandlerError(400, self.gettext("statement %(id)s is not part of this exercise")
                                       % {"id": statement_id})
            if not (choice is None and allow_none) and choice not in order:
                raise JsonHandlerError(400, self.gettext("the choice for statement %(id)s must be one of "
                                                         "%(allowed)s") % {"id": statement_id,
                                                                           "allowed": ", ".join(order)})
        return given

    @json_handler
    def save_choices(self, payload):
        """`{"choices": {statement ID: position ID | "not-expected" | null}}`: the current participant's choices
        (null takes one back) -> how many of the scope's statements they have chosen."""
        staff_only(self, _("only course staff take part in this exercise"))
        framework, scope = self._usable()
        choices = self._checked_choices(payload, "choices", framework, scope, allow_none=True)
        me = self.participant_id()
        if not me:
            raise JsonHandlerError(400, self.gettext("sign in to take part"))
        dashboard().set_choices(self.block_key, course_key_of(self), me, self.participant_name(), choices)
        mine = next((p.choices for p in dashboard().participants(self.block_key) if p.user == me), {})
        return {"chosen": sum(s.id in mine for s in scope), "total": len(scope)}

    @json_handler
    def fix_profile(self, payload):
        """`{"expectations": {statement ID: choice}}`, one for every statement in scope: save the team's profile
        as a new version (the proposal's expectations for the statements outside the scope) -> its version."""
        staff_only(self, _("only course staff can fix the team's profile"))
        framework, scope = self._usable()
        decisions = self._checked_choices(payload, "expectations", framework, scope, allow_none=False)
        in_scope = {s.id for s in scope}
        counted = [p for p in dashboard().participants(self.block_key) if in_scope & set(p.choices)]
        key = course_key_of(self) or self.block_key
        try:
            profile = fixed_profile(framework, scope, decisions, self.proposal_model, Fixing(
                self.profile_id, LocalText.of({"en": self.profile_name_en, "nl": self.profile_name_nl}),
                Owner("course", key, key[:300]), datetime.now(UTC).date().isoformat(), len(counted), self.scope))
            stored = dashboard().save_profile(profile, framework, self.participant_name())
        except FrameworkError as error:
            raise JsonHandlerError(400, "; ".join(f"{p.path}: {p.message}" for p in error.problems[:5])) from None
        except InputError as error:
            raise JsonHandlerError(400, error.translate(self.gettext)) from None
        return {"profile_id": stored.profile_id, "version": stored.version}

    @XBlock.handler
    def export(self, request, suffix=""):  # noqa: ARG002 - XBlock's handler signature
        """GET `?format=csv|yaml`: the latest stored version of the team's profile (staff only)."""
        if not is_staff(self):
            return JsonHandlerError(403, self.gettext("only course staff can export the team's profile")
                                    ).get_response()
        fmt = request.GET.get("format", "csv")
        if request.method != "GET" or fmt not in ("csv", "yaml"):
            return JsonHandlerError(400, self.gettext("use GET with format=csv or format=yaml")).get_response()
        stored = self.stored_version()
        if stored is None:
            return JsonHandlerError(404, self.gettext("the team's profile has not been saved yet")).get_response()
        if fmt == "yaml":
            body, kind = stored.document, "application/yaml"
        else:
            try:
                framework = self.framework_model
                profile = dashboard().position_profile(stored.profile_id, framework)
            except FrameworkError as error:
                return JsonHandlerError(400, error.problems[0].message).get_response()
            body = profile_csv(profile, framework, load_vocabulary(), self.content_language(framework.languages))
            kind = "text/csv"
        response = Response(body, content_type=kind, charset="utf-8")
        response.content_disposition = f'attachment; filename="{stored.profile_id}-v{stored.version}.{fmt}"'
        return response
