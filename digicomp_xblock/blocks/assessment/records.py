"""The block's record of a learner: one writer at a time, and the copies the dashboard app keeps of the moments.

A request that changes a learner's state does it in `writing()`: it takes the learner's lock (the dashboard app's
`one_writer`), refuses with 409 when what this instance read is no longer what is stored (another tab or window
wrote since) or when the page sent an older revision, saves the fields, and then, in the same transaction but
after the block's record, copies the moments to the dashboard table. A failed copy is logged and never refuses
the learner's submit: `sync_records()` repairs it at the learner's next visit, `django-admin digicomp_reconcile`
for everyone. Without the dashboard app (a bare XBlock runtime) there is no lock and no copy.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager, nullcontext

from django.db import transaction
from django.utils.translation import gettext_noop as _
from xblock.core import XBlock, XBlockMixin

from ...platform import app_installed, course_key_of, stored_revision, user_attr
from ..handlers import ConflictError

log = logging.getLogger(__name__)

#: What a learner is told when their answers changed elsewhere since their page was loaded.
CHANGED_ELSEWHERE = _("Your answers were changed in another tab or window. This page now shows them as they are "
                      "saved; check them and try again.")


@XBlock.wants("user")
class RecordsMixin(XBlockMixin):
    """`writing()` for the handlers that change a learner's state; `sync_records()` for the views."""

    def _dashboard(self):
        """(the dashboard app's api, the learner's anonymous id), or None without the app or a known learner."""
        learner = user_attr(self, "anonymous_user_id")
        if not learner or not app_installed("digicomp_xblock.dashboard"):
            return None
        from ...dashboard import api  # noqa: PLC0415 - a Django app, loaded only when installed

        return api, str(learner)

    def _stale(self) -> bool:
        """Whether the stored state has moved on since this instance read it (another request wrote)."""
        stored = stored_revision(self)
        return stored is not None and stored != self.revision

    @contextmanager
    def writing(self, revision: int | None = None, copy: bool = False):
        """Change the learner's state inside: alone, on what is stored, saved, and with `copy` copied after."""
        dashboard = self._dashboard()
        block_key = str(self.scope_ids.usage_id)
        lock = dashboard[0].one_writer(block_key, dashboard[1]) if dashboard else nullcontext()
        with transaction.atomic(), lock:
            if self._stale():
                raise ConflictError(self.gettext(CHANGED_ELSEWHERE))
            if revision is not None and revision != self.revision:
                raise ConflictError(self.gettext(CHANGED_ELSEWHERE), self.state())
            yield
            self.save()
            if copy and dashboard:
                self._copy(*dashboard)

    def _copy(self, api, learner: str) -> None:
        """Copy the moments to the dashboard table; a failure is logged and repaired later."""
        try:
            with transaction.atomic():
                api.reconcile(course_key_of(self), str(self.scope_ids.usage_id), learner, self.snapshots)
        except Exception:
            log.exception("digicomp: could not copy the moments of %s to the dashboard; they are copied later",
                          self.scope_ids)

    def sync_records(self) -> None:
        """Repair the dashboard's copy of this learner's moments when it differs from the block's record."""
        dashboard = self._dashboard()
        if not dashboard or not self.snapshots:
            return
        api, learner = dashboard
        block_key = str(self.scope_ids.usage_id)
        try:
            if api.copied(block_key, learner, self.snapshots.heads()):
                return
            with api.one_writer(block_key, learner):
                if not self._stale():  # a writer that moved on copies its own moments
                    api.reconcile(course_key_of(self), block_key, learner, self.snapshots)
        except Exception:
            log.exception("digicomp: could not repair the dashboard's copy of %s", self.scope_ids)
