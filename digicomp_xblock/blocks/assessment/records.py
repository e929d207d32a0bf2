"""Copies of submitted moments for the course dashboard, when its app is installed.

The block's own state stays the record of a learner's answers: a failed copy never fails a submit. It is
logged and the missing rows are written at the learner's next visit (`recorded` counts what was copied).
"""

from __future__ import annotations

import logging

from xblock.core import XBlock, XBlockMixin
from xblock.fields import Integer, Scope

from ...platform import app_installed, course_key_of, user_attr

log = logging.getLogger(__name__)


@XBlock.wants("user")
class RecordsMixin(XBlockMixin):
    """Writes every submitted snapshot to the dashboard app, catching up after failures."""

    recorded = Integer(default=0, scope=Scope.user_state, help="How many snapshots the dashboard has.")

    def sync_records(self) -> None:
        if self.recorded >= len(self.snapshots) or not app_installed("digicomp_xblock.dashboard"):
            return
        learner = user_attr(self, "anonymous_user_id")
        if not learner:
            return
        from ...dashboard.api import record_snapshots  # noqa: PLC0415 - a Django app, loaded only when installed

        try:
            record_snapshots(course_key_of(self), str(self.scope_ids.usage_id), str(learner), self.snapshots)
        except Exception:
            log.exception("digicomp: could not copy snapshots of %s to the dashboard; will retry", self.scope_ids)
            return
        self.recorded = len(self.snapshots)
