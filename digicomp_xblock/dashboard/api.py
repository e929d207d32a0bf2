"""The dashboard app's data, for everyone outside the app: one writer per learner, the rows copied from the
blocks' records (kept equal to them), and reading them for the cohort figures and the learner's profile."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q

from ..core import compact
from ..core.snapshots import moment_id
from .models import LearnerLock, SnapshotRecord, compact_columns, statement_order

#: How many rows a streamed read holds at once.
CHUNK = 2000


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
    return {**compact_columns(snapshot["framework"], snapshot["framework_version"], snapshot["ratings"],
                             snapshot["scores"]),
            "course_key": course_key, "moment": number,
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


def _moments(course_key: str, block_key: str, since: date | None, until: date | None):
    """The block's rows submitted from the start of day `since` to the end of day `until` (UTC, as stored)."""
    query = SnapshotRecord.objects.filter(course_key=course_key, block_key=block_key)
    if since is not None:
        query = query.filter(submitted_at__gte=datetime.combine(since, time(), UTC))
    if until is not None:
        query = query.filter(submitted_at__lt=datetime.combine(until + timedelta(days=1), time(), UTC))
    return query


def assessment_blocks(course_key: str) -> list[str]:
    """The blocks of the course that have rows, sorted."""
    return sorted(SnapshotRecord.objects.filter(course_key=course_key).values_list("block_key", flat=True).distinct())


def learner_count(course_key: str, block_key: str, since: date | None = None, until: date | None = None,
                  shared: bool = False) -> int:
    """How many learners have a row of the block within the dates (`shared`: a moment they shared)."""
    query = _moments(course_key, block_key, since, until)
    return (query.filter(shared=True) if shared else query).values("learner").distinct().count()


@dataclass(frozen=True)
class Facts:
    """What a set of rows is about, read without reading the rows."""

    learners: int
    frameworks: list[str]
    framework_versions: list[str]
    scales: list[str]
    cluster_ids: list[str]  # the clusters any of the rows covers, in no particular order


def facts(course_key: str, block_key: str, since: date | None = None, until: date | None = None) -> Facts:
    """The facts of the block's rows within the dates."""
    query = _moments(course_key, block_key, since, until)

    def distinct(name):
        return sorted(query.order_by().values_list(name, flat=True).distinct())

    covered = sorted({cid for text in distinct("cluster_ids") for cid in text.split()})
    return Facts(learner_count(course_key, block_key, since, until), distinct("framework"),
                 distinct("framework_version"), distinct("scale"), covered)


_COHORT_FIELDS = ("learner", "moment", "submitted_at", "framework", "framework_version", "scale", "shared", "figures")


def cohort_rows(course_key: str, block_key: str, since: date | None = None, until: date | None = None,
                ratings: bool = False) -> list[dict]:
    """The block's rows within the dates, as the cohort figures read them (core.cohort, with `figures`), from the
    compact columns; `ratings=True` adds each row's ratings."""
    query = _moments(course_key, block_key, since, until).order_by("learner", "moment")
    names = (*_COHORT_FIELDS, "answers", "pk") if ratings else _COHORT_FIELDS
    found = []
    unreadable = {}  # pk -> row whose answers are not in the compact form
    layouts = {}
    for values in query.values_list(*names).iterator(chunk_size=CHUNK):
        learner, number, submitted_at, framework, version, scale, shared, figures = values[:8]
        row = {"learner": learner, "block": block_key, "framework": framework, "moment": number,
               "submitted_at": submitted_at.isoformat(), "framework_version": version, "scale": scale,
               "shared": shared, "figures": compact.figures_from_text(figures)}
        if ratings:
            answers, pk = values[8:]
            if (framework, version) not in layouts:
                layouts[framework, version] = statement_order(framework, version)
            layout = layouts[framework, version]
            if answers and layout is not None:
                row["ratings"] = compact.ratings_from_answers(answers, layout)
            else:
                unreadable[pk] = row
        found.append(row)
    for pk, stored in SnapshotRecord.objects.filter(pk__in=list(unreadable)).values_list("pk", "ratings"):
        unreadable[pk]["ratings"] = stored
    return found


def _page(query, names: Sequence[str]) -> list[tuple]:
    """The first `CHUNK` rows of the query, as tuples of these fields."""
    return list(query.values_list(*names)[:CHUNK])


def shared_moments(course_key: str, block_key: str, since: date | None = None,
                   until: date | None = None) -> Iterator[dict]:
    """The moments of the block the learners shared, within the dates, by learner and moment, as rows with
    `learner`, `moment`, `submitted_at` and `figures` (core.cohort); read `CHUNK` rows at a time by key, so that
    at most that many are held whatever the database driver buffers."""
    query = _moments(course_key, block_key, since, until).filter(shared=True).order_by("learner", "moment", "pk")
    after = Q()
    while True:
        page = _page(query.filter(after), ("learner", "moment", "pk", "submitted_at", "figures"))
        for learner, number, _pk, submitted_at, figures in page:
            yield {"learner": learner, "moment": number, "submitted_at": submitted_at.isoformat(),
                   "figures": compact.figures_from_text(figures)}
        if len(page) < CHUNK:
            return
        learner, number, pk = page[-1][:3]  # the key of the next page: after this row, in the same order
        after = (Q(learner__gt=learner) | Q(learner=learner, moment__gt=number)
                 | Q(learner=learner, moment=number, pk__gt=pk))


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
