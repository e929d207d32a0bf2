"""Writing and reading snapshot rows; the assessment block and the views call only this."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import IntegrityError, transaction

from .models import SnapshotRecord

log = logging.getLogger(__name__)


def record_snapshots(course_key: str, block_key: str, learner: str, snapshots: Sequence[dict]) -> int:
    """Store every snapshot of a learner's block that is not stored yet (moments number from 1).

    Idempotent: call it again after a failure and it fills in what is missing. Returns how many it added.
    """
    known = set(SnapshotRecord.objects.filter(block_key=block_key, learner=learner).values_list("moment", flat=True))
    added = 0
    for moment, snapshot in enumerate(snapshots, 1):
        if moment in known:
            continue
        try:
            with transaction.atomic():
                SnapshotRecord.objects.create(
                    course_key=course_key, block_key=block_key, learner=learner, moment=moment,
                    submitted_at=datetime.fromisoformat(snapshot["submitted_at"]),
                    framework=snapshot["framework"], framework_version=snapshot["framework_version"],
                    scale=snapshot["scale"], ratings=snapshot["ratings"], scores=snapshot["scores"])
            added += 1
        except IntegrityError:  # another request stored it meanwhile
            continue
    return added


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
         "ratings": r.ratings if ratings else None, "scores": r.scores}
        for r in query.order_by("learner", "block_key", "moment").iterator(chunk_size=2000)
    ]


def learner_snapshots(course_key: str, learner: str) -> list[dict]:
    """One learner's moments in a course, oldest first, as the profile reads them (time, framework, scores)."""
    records = SnapshotRecord.objects.filter(course_key=course_key, learner=learner).order_by("submitted_at")
    return [{"submitted_at": r.submitted_at.isoformat(), "framework": r.framework, "scores": r.scores}
            for r in records.only("submitted_at", "framework", "scores")]


def forget_learners(anonymous_ids: Iterable[str]) -> int:
    """Delete every row of these learners (retirement); returns the number deleted."""
    deleted, _ = SnapshotRecord.objects.filter(learner__in=list(anonymous_ids)).delete()
    return deleted
