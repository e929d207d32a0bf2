"""A learner's answers: validating a save request, merging it into the draft, and checking a submit.

Every check raises AnswerError with a message that names the problem; nothing here changes stored state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .scales import NOT_RELEVANT, Scale
from .scoring import Rating

#: Largest request body a save may have, in bytes (144 ratings and nine full reflections fit easily).
MAX_BODY_BYTES = 64 * 1024
#: Longest reflection per cluster, in characters.
MAX_REFLECTION_CHARS = 2000


class AnswerError(ValueError):
    """A save request that cannot be accepted."""


@dataclass(frozen=True)
class SaveRequest:
    """A validated save: rating changes (None clears one), reflection changes ("" clears one), and whether to submit."""

    ratings: Mapping[str, Rating | None]
    reflections: Mapping[str, str]
    submit: bool


@dataclass(frozen=True)
class Rules:
    """What an assessment accepts."""

    statement_ids: frozenset[str]  # in scope
    cluster_ids: frozenset[str]  # clusters the scope touches
    known_ids: frozenset[str]  # every statement of the framework
    scale: Scale
    allow_not_relevant: bool


def parse_save(payload, rules: Rules) -> SaveRequest:
    """Check a decoded JSON save request against the rules."""
    if not isinstance(payload, dict):
        raise AnswerError("the request must be a JSON object")
    unexpected = sorted(set(payload) - {"ratings", "reflections", "submit"})
    if unexpected:
        raise AnswerError(f"unexpected field(s): {', '.join(unexpected)}")
    ratings = payload.get("ratings", {})
    reflections = payload.get("reflections", {})
    submit = payload.get("submit", False)
    if not isinstance(ratings, dict):
        raise AnswerError("'ratings' must be an object of statement IDs and levels")
    if not isinstance(reflections, dict):
        raise AnswerError("'reflections' must be an object of cluster IDs and texts")
    if not isinstance(submit, bool):
        raise AnswerError("'submit' must be true or false")
    for statement_id, level in ratings.items():
        _check_rating(statement_id, level, rules)
    for cluster_id, text in reflections.items():
        if cluster_id not in rules.cluster_ids:
            raise AnswerError(f"cluster '{cluster_id}' is not part of this self-assessment")
        if text is not None and not isinstance(text, str):
            raise AnswerError(f"the reflection on cluster {cluster_id} must be text")
        if text and len(text.strip()) > MAX_REFLECTION_CHARS:
            raise AnswerError(f"the reflection on cluster {cluster_id} is {len(text.strip())} characters long; "
                              f"the limit is {MAX_REFLECTION_CHARS}")
    return SaveRequest(dict(ratings), {k: (v or "").strip() for k, v in reflections.items()}, submit)


def _check_rating(statement_id, level, rules: Rules) -> None:
    if statement_id not in rules.known_ids:
        raise AnswerError(f"unknown statement ID '{statement_id}'")
    if statement_id not in rules.statement_ids:
        raise AnswerError(f"statement {statement_id} is not part of this self-assessment")
    if level is None:
        return
    if level == NOT_RELEVANT:
        if not rules.allow_not_relevant:
            raise AnswerError(f"'not relevant' is not offered in this self-assessment (statement {statement_id})")
        return
    if not isinstance(level, int) or isinstance(level, bool) or level not in rules.scale.values:
        allowed = ", ".join(map(str, rules.scale.values))
        if rules.allow_not_relevant:
            allowed += f" or '{NOT_RELEVANT}'"
        raise AnswerError(f"level {level!r} for statement {statement_id} is not on the scale ({allowed})")


def valid_ratings(ratings: Mapping[str, Rating], rules: Rules) -> dict[str, Rating]:
    """The ratings that still fit the assessment (its scope, scale and options may have changed since)."""
    allowed = set(rules.scale.values) | ({NOT_RELEVANT} if rules.allow_not_relevant else set())
    return {sid: level for sid, level in ratings.items()
            if sid in rules.statement_ids and not isinstance(level, bool) and level in allowed}


def merge(draft: Mapping[str, Rating], changes: Mapping[str, Rating | None]) -> dict[str, Rating]:
    """The draft with the changes applied (None removes a rating)."""
    merged = dict(draft)
    for statement_id, level in changes.items():
        if level is None:
            merged.pop(statement_id, None)
        else:
            merged[statement_id] = level
    return merged


def merge_reflections(draft: Mapping[str, str], changes: Mapping[str, str]) -> dict[str, str]:
    merged = {**draft, **changes}
    return {cluster: text for cluster, text in merged.items() if text}


def check_submit(ratings: Mapping[str, Rating], statement_ids, moments_used: int, max_moments: int) -> None:
    """A submit needs every statement answered and a moment left."""
    missing = [s for s in statement_ids if s not in ratings]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise AnswerError(f"{len(missing)} statement(s) are not answered yet: {shown}")
    check_moment_left(moments_used, max_moments)


def check_moment_left(moments_used: int, max_moments: int) -> None:
    """A new moment (or its submit) needs one of the `max_moments` left."""
    if moments_used >= max_moments:
        raise AnswerError(f"all {max_moments} assessment moment(s) of this self-assessment are used")
