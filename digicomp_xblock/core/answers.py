"""A learner's answers: validating a save request, merging it into the draft, and checking a submit.

Every check raises AnswerError with a message that names the problem; nothing here changes stored state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .messages import InputError
from .messages import gettext_noop as _
from .scales import NOT_RELEVANT, Scale
from .scoring import Rating

#: Largest request body a save may have, in bytes (144 ratings and nine full reflections fit easily).
MAX_BODY_BYTES = 64 * 1024
#: Longest reflection per cluster, in characters.
MAX_REFLECTION_CHARS = 2000
#: How many unanswered statements a refused submit names.
SHOWN_MISSING = 10


class AnswerError(InputError):
    """A save request that cannot be accepted."""


@dataclass(frozen=True)
class SaveRequest:
    """A validated save: rating changes (None clears one), reflection changes ("" clears one), whether to submit,
    and the revision of the learner's state the page was showing (None: not said)."""

    ratings: Mapping[str, Rating | None]
    reflections: Mapping[str, str]
    submit: bool
    revision: int | None = None


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
        raise AnswerError(_("the request must be a JSON object"))
    unexpected = sorted(set(payload) - {"ratings", "reflections", "submit", "revision"})
    if unexpected:
        raise AnswerError(_("unexpected field(s): %(fields)s"), fields=", ".join(unexpected))
    ratings = payload.get("ratings", {})
    reflections = payload.get("reflections", {})
    submit = payload.get("submit", False)
    if not isinstance(ratings, dict):
        raise AnswerError(_("'ratings' must be an object of statement IDs and levels"))
    if not isinstance(reflections, dict):
        raise AnswerError(_("'reflections' must be an object of cluster IDs and texts"))
    if not isinstance(submit, bool):
        raise AnswerError(_("'submit' must be true or false"))
    revision = parse_revision(payload)
    for statement_id, level in ratings.items():
        _check_rating(statement_id, level, rules)
    for cluster_id, text in reflections.items():
        if cluster_id not in rules.cluster_ids:
            raise AnswerError(_("cluster '%(cluster)s' is not part of this self-assessment"), cluster=cluster_id)
        if text is not None and not isinstance(text, str):
            raise AnswerError(_("the reflection on cluster %(cluster)s must be text"), cluster=cluster_id)
        if text and len(text.strip()) > MAX_REFLECTION_CHARS:
            raise AnswerError(_("the reflection on cluster %(cluster)s is %(length)s characters long; "
                                "the limit is %(limit)s"),
                              cluster=cluster_id, length=len(text.strip()), limit=MAX_REFLECTION_CHARS)
    return SaveRequest(dict(ratings), {k: (v or "").strip() for k, v in reflections.items()}, submit, revision)


def parse_revision(payload: Mapping) -> int | None:
    """The optional `revision` of a request: the revision of the learner's state the page was showing."""
    revision = payload.get("revision")
    if revision is not None and (not isinstance(revision, int) or isinstance(revision, bool) or revision < 0):
        raise AnswerError(_("'revision' must be a whole number of 0 or more"))
    return revision


def _check_rating(statement_id, level, rules: Rules) -> None:
    if statement_id not in rules.known_ids:
        raise AnswerError(_("unknown statement ID '%(id)s'"), id=statement_id)
    if statement_id not in rules.statement_ids:
        raise AnswerError(_("statement %(id)s is not part of this self-assessment"), id=statement_id)
    if level is None:
        return
    if level == NOT_RELEVANT:
        if not rules.allow_not_relevant:
            raise AnswerError(_("'not relevant' is not offered in this self-assessment (statement %(id)s)"),
                              id=statement_id)
        return
    if not isinstance(level, int) or isinstance(level, bool) or level not in rules.scale.values:
        text = (_("level %(level)s for statement %(id)s is not on the scale (%(allowed)s or '%(na)s')")
                if rules.allow_not_relevant else
                _("level %(level)s for statement %(id)s is not on the scale (%(allowed)s)"))
        raise AnswerError(text, level=repr(level), id=statement_id, allowed=", ".join(map(str, rules.scale.values)),
                          na=NOT_RELEVANT)


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
        shown = ", ".join(missing[:SHOWN_MISSING]) + (" …" if len(missing) > SHOWN_MISSING else "")
        raise AnswerError(_("%(count)s statement(s) are not answered yet: %(ids)s"), count=len(missing), ids=shown)
    check_moment_left(moments_used, max_moments)


def check_moment_left(moments_used: int, max_moments: int) -> None:
    """A new moment (or its submit) needs one of the `max_moments` left."""
    if moments_used >= max_moments:
        raise AnswerError(_("all %(count)s assessment moment(s) of this self-assessment are used"), count=max_moments)
