"""The block's settings (Scope.settings fields) turned into core objects: scale, scope, the rules a save must
follow; and what is wrong with them."""

from __future__ import annotations

import math
from collections.abc import Mapping

from xblock.core import XBlockMixin
from xblock.validation import ValidationMessage

from ...core.answers import Rules
from ...core.loader import FrameworkError
from ...core.messages import InputError
from ...core.scales import Scale, load_scales
from ...core.scope import ScopeError, parse_scope, resolve_scope
from ...rendering.gap import gap_view, target_choice
from ..data import dashboard

#: Bounds of the number of assessment moments.
MAX_MOMENTS_LIMIT = 20
#: The largest participation weight (points).
MAX_WEIGHT = 100


#: The settings `check_settings` reads (Scope.settings fields of the block).
CHECKED = ("scope", "scale", "max_moments", "weight", "second_language", "position_profile", "target_position",
           "learner_chooses_target")


def _profile_problems(framework, scope_text: str, profile_id: str, target: str, _) -> list[str]:
    """What is wrong with a position profile and target position for the framework and scope."""
    if not profile_id:
        return [_("a target position needs a position profile")] if target else []
    try:
        profile = dashboard().position_profile(profile_id, framework)
    except FrameworkError as error:
        available = dashboard().profile_ids()
        if profile_id in available:
            return [problem.message for problem in error.problems]
        return [_("unknown position profile '%(profile)s' (available: %(available)s)")
                % {"profile": profile_id, "available": ", ".join(available) or "–"}]
    positions = [p.id for p in framework.positions]
    if target not in positions:
        return [_("choose the position learners aim for: %(positions)s") % {"positions": ", ".join(positions)}]
    try:
        asked = {s.id for s in resolve_scope(framework, parse_scope(scope_text))}
    except ScopeError:
        asked = set()  # the scope's own problem is said by check_settings
    if asked and not asked & set(profile.expected_up_to(target)):
        return [_("the position profile expects none of the statements in scope up to the position '%(position)s'")
                % {"position": target}]
    return []


def check_settings(framework, settings: Mapping, gettext=None) -> list[str]:
    """Every problem of a set of settings (the names of CHECKED), in plain words (empty when they are usable),
    through `gettext`."""
    _ = gettext or (lambda text: text)
    scope_text, scale_id, max_moments, weight, second_language = (
        settings["scope"], settings["scale"], settings["max_moments"], settings["weight"], settings["second_language"])
    problems = _profile_problems(framework, scope_text, settings["position_profile"], settings["target_position"], _)
    if settings["learner_chooses_target"] and not settings["target_position"]:
        problems.append(_("learners can choose the position they compare with only when a position profile and a "
                          "target position are chosen"))
    if second_language and second_language not in framework.languages:
        problems.append(_("the second language must be one of the framework's languages (%(languages)s)")
                        % {"languages": ", ".join(framework.languages)})
    try:
        if not resolve_scope(framework, parse_scope(scope_text)):
            problems.append(_("the scope contains no statement"))
    except ScopeError as error:
        problems.append(_("the scope has unknown competence ID(s): %(ids)s") % {"ids": ", ".join(error.unknown)})
    if scale_id not in load_scales().ids:
        problems.append(_("unknown scale '%(scale)s' (available: %(available)s)")
                        % {"scale": scale_id, "available": ", ".join(load_scales().ids)})
    if not isinstance(max_moments, int) or isinstance(max_moments, bool) or not 1 <= max_moments <= MAX_MOMENTS_LIMIT:
        problems.append(_("the number of assessment moments must be a whole number from 1 to %(limit)s")
                        % {"limit": MAX_MOMENTS_LIMIT})
    if (not isinstance(weight, (int, float)) or isinstance(weight, bool) or not 0 <= weight <= MAX_WEIGHT
            or (isinstance(weight, float) and not math.isfinite(weight))):
        problems.append(_("the participation weight must be a number of 0 or more, at most %(limit)s")
                        % {"limit": MAX_WEIGHT})
    return problems


class ConfigurationMixin(XBlockMixin):
    """Core objects derived from the settings (computed per request; the framework itself is cached)."""

    def settings_problems(self) -> list[str]:
        try:
            framework = self.framework_model
        except FrameworkError as error:
            return [problem.message for problem in error.problems]
        return check_settings(framework, {name: getattr(self, name) for name in CHECKED}, self.gettext)

    def texts(self, lang: str) -> tuple[str, str]:
        """(display name, introduction) for a reader of `lang`: the second language's when it is that one and they
        are given, else the block's own (the display name's default translated)."""
        if self.second_language and lang == self.second_language:
            return (self.display_name_second or self.gettext(self.display_name),
                    self.introduction_second or self.introduction)
        return self.gettext(self.display_name), self.introduction

    @property
    def scale_model(self) -> Scale:
        return load_scales().get(self.scale)

    @property
    def position_profile_model(self):
        """The block's position profile (the team's latest stored version, else the file), or None when it names
        none (FrameworkError when it cannot be read)."""
        if not self.position_profile:
            return None
        return dashboard().position_profile(self.position_profile, self.framework_model)

    def _memo(self, name: str, key: tuple, build):
        """`build()`, kept on this instance until `key` (the settings it depends on) changes."""
        cached = getattr(self, name, None)
        if cached is None or cached[0] != key:
            cached = (key, build())
            setattr(self, name, cached)
        return cached[1]

    def expected_setting(self) -> tuple | None:
        """(position profile, target position, IDs of the statements asked) for comparing answers with what the
        profile expects; None without a profile and target (FrameworkError when the profile cannot be read)."""
        profile = self.position_profile_model
        if profile is None or not self.target_position:
            return None
        return profile, self.target_position, [s.id for s in self.scope_statements]

    def compared_target(self, chosen: str = "") -> str:
        """The position a learner's answers are compared with: their own `chosen` one where the block allows a
        choice and it is a position of the framework, else the block's target position."""
        positions = [p.id for p in self.framework_model.positions]
        return chosen if self.learner_chooses_target and chosen in positions else self.target_position

    def gap_of(self, snapshot, chosen: str, lang: str, gettext, dom_id: str, choice: bool = False) -> dict | None:
        """The view of one moment against the compared position (`rendering.gap.gap_view`) over the statements
        this block asks, with the positions to choose from when `choice` and the block allows it; None without a
        position profile, or when the moment cannot be compared with it (another framework or scale). Every view
        of a learner's gap (this block's profile, the profile block, the course page) comes through here."""
        setting = self.expected_setting()
        if setting is None:
            return None
        profile, _target, asked = setting
        framework = self.framework_model
        target = self.compared_target(chosen)
        try:
            view = gap_view(framework, profile, target, snapshot, lang, gettext, dom_id, asked)
        except InputError:
            return None
        return {**view, **target_choice(framework, target, self.target_position, lang,
                                        choice and self.learner_chooses_target)}

    @property
    def scope_statements(self):
        """The statements in scope, and with a position profile only those it expects up to the target position;
        computed once per framework, scope and profile setting."""
        def build():
            statements = resolve_scope(self.framework_model, parse_scope(self.scope))
            profile = self.position_profile_model
            if profile is None:
                return statements
            expected = set(profile.expected_up_to(self.target_position))
            return [s for s in statements if s.id in expected]

        return self._memo("_scope_cache", (self.framework, self.scope, self.position_profile, self.target_position),
                          build)

    def rules(self) -> Rules:
        """What a save must follow; built once per framework, scope, profile, scale and "not relevant" setting."""
        def build():
            scope = self.scope_statements
            return Rules(
                statement_ids=frozenset(s.id for s in scope),
                cluster_ids=frozenset(s.cluster_id for s in scope),
                known_ids=frozenset(s.id for s in self.framework_model.statements()),
                scale=self.scale_model,
                allow_not_relevant=self.allow_not_relevant,
            )

        return self._memo("_rules_cache", (self.framework, self.scope, self.position_profile, self.target_position,
                                           self.scale, self.allow_not_relevant), build)

    def validate(self):
        validation = super().validate()
        for problem in self.settings_problems():
            validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
        return validation
