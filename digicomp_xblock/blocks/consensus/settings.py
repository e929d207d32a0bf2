"""The exercise's settings: their rules, Studio's editor (XBlock's own form of the fields) and the OLX import."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext_noop
from xblock.exceptions import JsonHandlerError
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from ...core.loader import FrameworkError
from ...core.scope import ScopeError, parse_scope, resolve_scope
from ..data import dashboard
from ..handlers import authors_only, json_handler, save_settings

#: The settings of the editor, each a text, with the longest value it may have.
EDITABLE = {"display_name": 255, "framework": 64, "scope": 10_000, "proposal": 64, "profile_id": 63,
            "profile_name_en": 300, "profile_name_nl": 300}
#: What a profile ID looks like (the profile schema's key).
PROFILE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def check_settings(framework, values: Mapping[str, str], _) -> list[str]:
    """Every problem of the exercise's settings (the names of EDITABLE but the framework), in plain words."""
    problems = []
    try:
        if not resolve_scope(framework, parse_scope(values["scope"])):
            problems.append(_("the scope contains no statement"))
    except ScopeError as error:
        problems.append(_("the scope has unknown competence ID(s): %(ids)s") % {"ids": ", ".join(error.unknown)})
    if values["proposal"]:
        try:
            dashboard().position_profile(values["proposal"], framework)
        except FrameworkError as error:
            problems.append(_("the proposed profile cannot be used: %(reason)s")
                            % {"reason": error.problems[0].message})
    if not PROFILE_ID.fullmatch(values["profile_id"]):
        problems.append(_("the ID of the team's profile must be lower-case letters, digits and hyphens "
                          "(e.g. bachelor-social-work)"))
    if not values["profile_name_en"].strip() or not values["profile_name_nl"].strip():
        problems.append(_("give the team's profile a name in English and in Dutch"))
    return problems


class SettingsMixin(StudioEditableXBlockMixin):
    """Studio's form of the settings, its save handler (authors only, every value checked) and OLX checks. The
    block must want the service `studio_user_permissions` (see `platform.can_author`)."""

    editable_fields = tuple(EDITABLE)

    def settings_problems(self) -> list[str]:
        try:
            framework = self.framework_model
        except FrameworkError as error:
            return [problem.message for problem in error.problems]
        return check_settings(framework, {name: getattr(self, name) for name in EDITABLE}, self.gettext)

    def validate(self):
        validation = super().validate()
        for problem in self.settings_problems():
            validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
        return validation

    @json_handler
    def submit_studio_edits(self, payload):
        """Studio's form: `{"values": {name: text}, "defaults": [names]}`; every value is checked, then all are
        saved (400 with every problem, nothing saved). Course staff and Studio authors only (403)."""
        authors_only(self, gettext_noop("only course staff can change the settings of this exercise"))
        if (not isinstance(payload, dict) or not isinstance(payload.get("values"), dict)
                or not isinstance(payload.get("defaults", []), list)):
            raise JsonHandlerError(400, self.gettext('expected {"values": {setting: value}, "defaults": [setting]}'))
        given, defaults = payload["values"], payload.get("defaults", [])
        unknown = sorted({str(name) for name in [*given, *defaults]} - set(EDITABLE))
        if unknown:
            raise JsonHandlerError(400, self.gettext("unknown setting(s): %(names)s") % {"names": ", ".join(unknown)})
        values = {name: self.fields[name].default if name in defaults else given.get(name, getattr(self, name))
                  for name in EDITABLE}
        wrong = [name for name, value in values.items() if not isinstance(value, str) or len(value) > EDITABLE[name]]
        if wrong:
            raise JsonHandlerError(400, self.gettext("not a text or too long: %(names)s")
                                   % {"names": ", ".join(wrong)})
        return save_settings(self, values, check_settings)

    @classmethod
    def parse_xml(cls, node, runtime, keys, *args, **kwargs):
        """Import from OLX, refusing settings the exercise could not work with (with every reason)."""
        block = super().parse_xml(node, runtime, keys, *args, **kwargs)
        problems = block.settings_problems()
        if problems:
            raise ValueError(f"<{node.tag}>: " + "; ".join(problems))
        return block
