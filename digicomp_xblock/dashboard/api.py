"""The dashboard app's data, for everyone outside the app: one writer per learner, the rows copied from the
blocks' records (kept equal to them), and reading them for the cohort figures and the learner's profile."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from ..core.snapshots import moment_id
from .models import LearnerLock, SnapshotRecord


@contextmanager
def one_writer(block_key: str, learner: str):
    """A transaction in which this request alone writes the learner's record of the block.

    It waits for the learner's lock row (creating it the first time); other learners are not held up.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                LearnerLock.objects.get_or_create(block_key=block_key, learner=learner)
        except IntegrityError:  # another request created it meanwhile
            pass
        LearnerLock.objects.select_for_update().get(block_key=block_key, learner=learner)
        yield


@dataclass(frozen=True)
class Reconciled:
    """What `reconcile` changed in the learner's rows of a block."""

    added: int
    replaced: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def _row_values(course_key: str, number: int, snapshot: Mapping) -> dict:
    return {"course_key": course_key, "moment": number,
            "submitted_at": datetime.fromisoformat(snapshot["submitted_at"]), "framework": snapshot["framework"],
            "framework_version": snapshot["framework_version"], "scale": snapshot["scale"],
            "ratings": snapshot["ratings"], "scores": snapshot["scores"], "shared": bool(snapshot.get("shared"))}


def copied(block_key: str, learner: str, snapshots: Sequence[Mapping]) -> bool:
    """Whether the table holds exactly these moments of the learner (by identifier and number; one cheap query)."""
    held = set(SnapshotRecord.objects.filter(block_key=block_key, learner=learner).values_list("moment_id", "moment"))
    return held == {(moment_id(snapshot, n), n) for n, snapshot in enumerate(snapshots, 1)}


def reconcile(course_key: str, block_key: str, learner: str, snapshots: Sequence[Mapping]) -> Reconciled:
    """Make the learner's rows of the block equal to the block's record (`snapshots`, oldest first): add what is
    missing, replace what differs, remove what the record does not have. Idempotent; call it under `one_writer`."""
    wanted = {moment_id(snapshot, n): _row_values(course_key, n, snapshot) for n, snapshot in enumerate(snapshots, 1)}
    held = {row.moment_id: row for row in SnapshotRecord.objects.filter(block_key=block_key, learner=learner)}
    wrong = {mid for mid, row in held.items()
             if mid in wanted and any(getattr(row, name) != value for name, value in wanted[mid].items())}
    extra = set(held) - set(wanted)
    missing = set(wanted) - set(held)
    with transaction.atomic():
        SnapshotRecord.objects.filter(pk__in=[held[mid].pk for mid in extra | wrong]).delete()
        SnapshotRecord.objects.bulk_create([
            SnapshotRecord(block_key=block_key, learner=learner, moment_id=mid, **wanted[mid])
            for mid in sorted(missing | wrong, key=lambda mid: wanted[mid]["moment"])])
    return Reconciled(len(missing), len(wrong), len(extra))


def rows(course_key: str, block_keys: Iterable[str] | None = None, ratings: bool = True) -> list[dict]:
    """The course's snapshot rows as plain dicts (for the pure cohort statistics); `ratings=False` leaves out
    the per-statement ratings (the scores are enough for the cohort page), which makes reading much cheaper."""
    query = SnapshotRecord.objects.filter(course_key=course_key)
    if not ratings:
        query = query.defer("ratings")
    if block_keys is not None:
        query = query.filter(block_key__in=list(block_keys))
    return [
        {"learner": r.learner, "block": r.block_key, "framework": r.framework, "moment": r.moment,
         "submitted_at": r.submitted_at.isoformat(), "framework_version": r.framework_version, "scale": r.scale,
         "ratings": r.ratings if ratings else None, "scores": r.scores, "shared": r.shared}
        for r in query.order_by("learner", "block_key", "moment").iterator(chunk_size=2000)
    ]


def learner_snapshots(course_key: str, learner: str) -> list[dict]:
    """One learner's moments in a course, oldest first (two in one second: in the order submitted), as the profile
    reads them (time, framework, scale, ratings, scores)."""
    records = (SnapshotRecord.objects.filter(course_key=course_key, learner=learner)
               .order_by("submitted_at", "moment", "id"))
    return [{"submitted_at": r.submitted_at.isoformat(), "framework": r.framework, "scale": r.scale,
             "ratings": r.ratings, "scores": r.scores}
            for r in records.only("submitted_at", "framework", "scale", "ratings", "scores")]


def forget_learners(anonymous_ids: Iterable[str]) -> int:
    """Delete every row of these learners (retirement); returns the number deleted."""
    ids = list(anonymous_ids)
    LearnerLock.objects.filter(learner__in=ids).delete()
    deleted, _ = SnapshotRecord.objects.filter(learner__in=ids).delete()
    return deleted
