"""Retirement: when Open edX retires a user, their rows go (snapshot rows and consensus choices)."""

from __future__ import annotations

import logging

from ..platform.openedx import anonymous_ids_of, retirement_signal
from .api import forget_learners

log = logging.getLogger(__name__)


def on_user_retired(sender, user=None, **kwargs):  # noqa: ARG001 - the signal's receiver signature
    """Receiver of USER_RETIRE_LMS_MISC: delete the user's snapshot rows and consensus choices."""
    if user is None:
        return
    deleted = forget_learners(anonymous_ids_of(user))
    log.info("digicomp: deleted %s snapshot row(s) of a retired user", deleted)


def connect_retirement() -> bool:
    """Connect to the platform's retirement signal when running inside Open edX."""
    signal = retirement_signal()
    if signal is None:
        return False
    signal.connect(on_user_retired, dispatch_uid="digicomp_dashboard_retirement")
    return True
