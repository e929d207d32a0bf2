"""Retirement: when Open edX retires a user, their rows go."""

from __future__ import annotations

import logging

from .api import forget_learners

log = logging.getLogger(__name__)


def anonymous_ids_of(user) -> list[str]:
    """Every anonymous user id the platform has for a user (one per course)."""
    from common.djangoapps.student.models import AnonymousUserId  # pylint: disable=import-outside-toplevel

    return list(AnonymousUserId.objects.filter(user=user).values_list("anonymous_user_id", flat=True))


def on_user_retired(sender, user=None, **kwargs):  # pylint: disable=unused-argument
    """Receiver of USER_RETIRE_LMS_MISC: delete the user's snapshot rows."""
    if user is None:
        return
    deleted = forget_learners(anonymous_ids_of(user))
    log.info("digicomp: deleted %s snapshot row(s) of a retired user", deleted)


def connect_retirement() -> bool:
    """Connect to the platform's retirement signal when running inside Open edX."""
    try:
        from openedx.core.djangoapps.user_api.accounts.signals import (  # pylint: disable=import-outside-toplevel
            USER_RETIRE_LMS_MISC,
        )
    except ImportError:
        return False
    USER_RETIRE_LMS_MISC.connect(on_user_retired, dispatch_uid="digicomp_dashboard_retirement")
    return True
