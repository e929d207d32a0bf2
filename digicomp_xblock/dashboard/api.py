"""The dashboard app's data, for everyone outside the app: one writer per learner, the rows copied from the
blocks' records (kept equal to them), and reading them for the cohort figures and the learner's profile; the
position profiles a team fixed (versions superseding the files of their ID); the choices of a consensus exercise;
programmes and their learners' moments under pseudonymous IDs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast

from .. import conf, platform
from ..core import compact
from ..core.cohort import Cohort
from ..core.profiles import PositionProfile, profile_doc, profile_yaml, read_profile_text
from ..core.pseudonyms import pseudonym
from ..core.scales import load_scales
from ..core.score_counts import AnswerCounts, groups_of
from ..core.snapshots import moment_id
from .models import (
    ConsensusChoice,
    LearnerLock,
    Programme,
    SnapshotRecord,
    StoredProfile,
    compact_columns,
    statement_order,
)

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
    if since is None and until is None and not shared:  # a block's key names its course: counted from an index
        return SnapshotRecord.objects.filter(block_key=block_key).values("learner").distinct().count()
    query = _moments(course_key, block_key, since, until)
    return (query.filter(shared=True) if shared else query).values("learner").distinct().count()


@dataclass(frozen=True)
class Facts:
    """What the cohort page says about the rows it shows."""

    learners: int
    frameworks: list[str]
    framework_versions: list[str]
    scales: list[str]
    cluster_ids: list[str]  # the clusters any of the rows covers, in no particular order
    shared: bool  # some moment was shared with course staff


def facts(course_key: str, block_key: str, since: date | None = None, until: date | None = None) -> Facts:
    """The facts of the block's rows within the dates (one pass over the rows, and the learners from an index)."""
    kinds = set(_moments(course_key, block_key, since, until).order_by().values_list(
        "framework", "framework_version", "scale", "shared", "cluster_ids").distinct())
    return _facts(learner_count(course_key, block_key, since, until), *(
        zip(*kinds, strict=True) if kinds else ((), (), (), (), ())))


def _facts(learners: int, frameworks, versions, scales, shared, cluster_ids) -> Facts:
    """The facts of rows with these values (each column as any iterable of the rows' values)."""
    return Facts(learners, sorted(set(frameworks)), sorted(set(versions)), sorted(set(scales)),
                 sorted({cid for text in set(cluster_ids) for cid in text.split()}), True in set(shared))


_COHORT_COLUMNS = ("learner", "moment", "framework", "framework_version", "scale", "is_shared", "cluster_ids",
                   "answers")
#: What `cohort` reads besides stored columns: `shared` as text ("1" or "") and the time as the database writes it,
#: as text needs no conversion per row (Django would convert 200,000 booleans or datetimes one by one).
_ANNOTATIONS = {"is_shared": Case(When(shared=True, then=Value("1")), default=Value(""), output_field=CharField()),
                "when": Cast("submitted_at", CharField())}


def cohort(course_key: str, block_key: str, since: date | None = None, until: date | None = None,
           times: bool = False) -> tuple[Cohort, Facts]:
    """The block's moments within the dates as the cohort figures read them, and their facts, in one query of the
    compact columns: their scores are summed from their answers (`core.score_counts`), the stored scores are read
    in a second query only when the answers do not allow it; times are as the database writes them (converting
    200,000 of them to datetimes would take longer than the figures), read only with `times` (for a time line by
    week)."""
    moments = _moments(course_key, block_key, since, until).order_by("learner", "moment")
    columns = (*_COHORT_COLUMNS, "when") if times else _COHORT_COLUMNS
    with transaction.atomic():  # both queries read the same rows
        return _cohort_of(moments, list(moments.annotate(**_ANNOTATIONS).values_list(*columns)), times)


def _cohort_of(moments, rows: list[tuple], times: bool) -> tuple[Cohort, Facts]:
    """The cohort of the rows read from `moments` (their `_COHORT_COLUMNS`, and "when" with `times`), and its
    facts."""
    if not rows:
        return Cohort([], [], [] if times else None, [], [], [], [], ordered=True), Facts(0, [], [], [], [], False)
    learner, moment, framework, version, scale, shared, cluster_ids, answers, *when = (
        list(column) for column in zip(*rows, strict=True))
    found = _facts(len(set(learner)), framework, version, scale, map(bool, set(shared)), cluster_ids)
    layout = statement_order(framework[0], version[0])
    ratings = _ratings_elsewhere(moments, layout, learner, moment, framework, version, answers) \
        if len(found.frameworks) > 1 or len(found.framework_versions) > 1 or layout is None or not all(answers) \
        else {}
    scales = load_scales()
    one_scale = scales.get(found.scales[0]) if len(found.scales) == 1 and found.scales[0] in scales.ids else None
    groups = groups_of(conf.framework(framework[0]).statements()) if layout is not None else {}
    figures = [] if AnswerCounts.fits(answers, groups, one_scale) else list(moments.values_list("figures", flat=True))
    return Cohort(learner, moment, when[0] if times else None, framework, scale, figures, answers,
                  frozenset(found.cluster_ids), layout or (), ratings, ordered=True, groups=groups,
                  scale_of_all=one_scale), found


def _ratings_elsewhere(moments, layout: list[str] | None, learner: list, moment: list, framework: list, version: list,
                       answers: list) -> dict[int, Mapping]:
    """row -> ratings, of the moments whose answers are not in the first moment's `layout` (their answers become
    ""): read in their own layout, or from their JSON."""
    ratings = {}
    stored = {}  # (learner, moment) -> row, of the moments with no compact answers
    for n, (framework_id, framework_version, text) in enumerate(zip(framework, version, answers, strict=True)):
        if text and layout is not None and (framework_id, framework_version) == (framework[0], version[0]):
            continue
        own = statement_order(framework_id, framework_version) if text else None
        if own is not None:
            ratings[n] = compact.ratings_from_answers(text, own)
        else:
            stored[learner[n], moment[n]] = n
        answers[n] = ""
    learners = sorted({learner_id for learner_id, _number in stored})
    for start in range(0, len(learners), 500):  # the JSON of these, 500 learners a query
        for learner_id, number, saved in moments.filter(learner__in=learners[start:start + 500]).values_list(
                "learner", "moment", "ratings"):
            if (learner_id, number) in stored:
                ratings[stored[learner_id, number]] = saved
    return ratings


def _page(query, names: Sequence[str]) -> list[tuple]:
    """The first `CHUNK` rows of the query, as tuples of these fields."""
    return list(query.values_list(*names)[:CHUNK])


def shared_moments(course_key: str, block_key: str, since: date | None = None,
                   until: date | None = None) -> Iterator[dict]:
    """The moments of the block the learners shared, within the dates, by learner and moment, as rows with
    `learner`, `moment`, `submitted_at` and `figures` (core.cohort); read `CHUNK` rows at a time by key, so that
    at most that many are held whatever the database driver buffers."""
    query = _moments(course_key, block_key, since, until).filter(shared=True).order_by("learner", "moment")
    after = Q()
    while True:
        page = _page(query.filter(after), ("learner", "moment", "submitted_at", "figures"))
        for learner, number, submitted_at, figures in page:
            yield {"learner": learner, "moment": number, "submitted_at": submitted_at.isoformat(),
                   "figures": compact.figures_from_text(figures)}
        if len(page) < CHUNK:
            return
        # the next page: after this row, in the same order (a learner has one row per moment of a block); written
        # as a range of learners the index reads from, not as an OR the databases read every row for
        learner, number = page[-1][:2]
        after = Q(learner__gte=learner) & ~Q(learner=learner, moment__lte=number)
        del page  # before the next one is read: one page held, not two


def learner_snapshots(course_key: str, learner: str) -> list[dict]:
    """One learner's moments in a course, oldest first (two in one second: in the order submitted), as the profile
    reads them (time, framework, scale, ratings, scores)."""
    records = (SnapshotRecord.objects.filter(course_key=course_key, learner=learner)
               .order_by("submitted_at", "moment", "id"))
    return [{"submitted_at": r.submitted_at.isoformat(), "framework": r.framework, "scale": r.scale,
             "ratings": r.ratings, "scores": r.scores}
            for r in records.only("submitted_at", "framework", "scale", "ratings", "scores")]


def forget_learners(anonymous_ids: Iterable[str]) -> int:
    """Delete every row of these users (retirement), their consensus choices too; returns the number of snapshot
    rows deleted."""
    ids = list(anonymous_ids)
    LearnerLock.objects.filter(learner__in=ids).delete()
    ConsensusChoice.objects.filter(user__in=ids).delete()
    deleted, _ = SnapshotRecord.objects.filter(learner__in=ids).delete()
    return deleted


# --- Position profiles fixed by a team: versions in the database, superseding a file of the same ID ----------


@dataclass(frozen=True)
class ProfileVersion:
    """A stored version of a position profile: the YAML document and who saved it when."""

    profile_id: str
    version: int
    document: str
    created_at: datetime
    created_by: str


def _version_of(row: StoredProfile) -> ProfileVersion:
    return ProfileVersion(row.profile_id, row.version, row.document, row.created_at, row.created_by)


def save_profile(profile: PositionProfile, framework, created_by: str) -> ProfileVersion:
    """Store `profile` as the next version of its ID (1 for the first); it then supersedes any file of that ID.
    FrameworkError, and nothing stored, when its document is not a valid profile of `framework`."""
    document = profile_yaml(profile_doc(profile))
    read_profile_text(document, profile.id, framework)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                latest = StoredProfile.objects.filter(profile_id=profile.id).order_by("-version").first()
                row = StoredProfile.objects.create(
                    profile_id=profile.id, version=(latest.version + 1) if latest else 1,
                    owner_kind=profile.owner.kind, owner_key=profile.owner.key, framework_id=profile.framework_id,
                    framework_version=profile.framework_version, document=document, created_by=created_by)
            return _version_of(row)
        except IntegrityError:  # another save took that number meanwhile: take the next one
            continue
    raise IntegrityError(f"could not store a new version of profile {profile.id}")


def latest_profile(profile_id: str) -> ProfileVersion | None:
    """The latest stored version of a profile ID; None when none is stored."""
    row = StoredProfile.objects.filter(profile_id=profile_id).order_by("-version").first()
    return None if row is None else _version_of(row)


def profile_versions(profile_id: str) -> list[ProfileVersion]:
    """Every stored version of a profile ID, the oldest first."""
    return [_version_of(row) for row in StoredProfile.objects.filter(profile_id=profile_id).order_by("version")]


def profile_ids() -> list[str]:
    """Every profile ID a block can name: stored ones and the files (bundled and DIGICOMP_PROFILE_DIRS)."""
    stored = StoredProfile.objects.values_list("profile_id", flat=True).distinct()
    return sorted(set(stored) | set(conf.profiles()))


def position_profile(profile_id: str, framework) -> PositionProfile:
    """The position profile of an ID read with `framework`: its latest stored version, else its file
    (`conf.profile`); FrameworkError when there is neither or it is invalid for the framework."""
    latest = latest_profile(profile_id)
    if latest is None:
        return conf.profile(profile_id, framework)
    return _read_stored(latest.profile_id, latest.version, latest.document, framework)


@lru_cache(maxsize=32)
def _read_stored(profile_id: str, version: int, document: str, framework) -> PositionProfile:
    return read_profile_text(document, f"{profile_id} (stored version {version})", framework)


# --- The consensus exercise: each participant's choice per statement ---------------------------------------


def set_choices(block_key: str, course_key: str, user: str, name: str, choices: Mapping[str, str | None]) -> None:
    """Store a participant's choices ({statement ID: choice}; None takes a choice back), all or none; checking them
    is the caller's part."""
    with transaction.atomic():
        gone = [sid for sid, choice in choices.items() if choice is None]
        ConsensusChoice.objects.filter(block_key=block_key, user=user, statement_id__in=gone).delete()
        for statement_id, choice in choices.items():
            if choice is not None:
                ConsensusChoice.objects.update_or_create(
                    block_key=block_key, user=user, statement_id=statement_id,
                    defaults={"course_key": course_key, "name": name, "choice": choice})


@dataclass(frozen=True)
class Participant:
    """A participant of a consensus exercise: their anonymous id, name and choices ({statement ID: choice})."""

    user: str
    name: str
    choices: dict[str, str]


def participants(block_key: str) -> list[Participant]:
    """Everyone who chose something in the exercise, by name."""
    found: dict[str, Participant] = {}
    for row in ConsensusChoice.objects.filter(block_key=block_key).order_by("user", "statement_id"):
        found.setdefault(row.user, Participant(row.user, row.name, {})).choices[row.statement_id] = row.choice
    return sorted(found.values(), key=lambda p: (p.name.lower(), p.user))


# --- Programmes: their courses, and their learners' moments linked across them -----------------------------


@dataclass(frozen=True)
class ProgrammeInfo:
    """A programme: its ID in addresses, its name and its courses' keys (in order)."""

    slug: str
    name: str
    course_keys: list[str]


def _course_keys(found: Programme) -> list[str]:
    """The programme's course keys: the listed ones, then the runs of its organisations (from the platform)."""
    codes = found.organisation_codes()
    runs = platform.current().course_runs(codes) if codes else []
    return list(dict.fromkeys([*found.course_keys(), *runs]))


def programme(slug: str) -> ProgrammeInfo | None:
    """The programme `slug`; None when there is none."""
    found = Programme.objects.filter(slug=slug).first()
    return None if found is None else ProgrammeInfo(found.slug, found.name, _course_keys(found))


def programmes_of(course_key: str) -> list[ProgrammeInfo]:
    """The programmes a course belongs to (listed, or a run of one of their organisations), by name."""
    organisation = platform.current().organisation(course_key)
    named = Q(courses__contains=course_key) | (Q(organisations__contains=organisation) if organisation else Q())
    found = [ProgrammeInfo(p.slug, p.name, _course_keys(p))
             for p in Programme.objects.filter(named).order_by("name", "slug")]
    return [info for info in found if course_key in info.course_keys]


def programme_moments(slug: str) -> tuple[list[dict], int]:
    """The moments of every course of the programme as the programme's growth reads them (core.programmes: rows
    with `learner`, `course`, `submitted_at`, `figures`), each learner under their pseudonymous ID in the programme
    (core.pseudonyms, from the platform's user id of the row's anonymous id); and how many anonymous ids the
    platform could not link to a user (their rows are left out)."""
    found = Programme.objects.get(slug=slug)
    query = (SnapshotRecord.objects.filter(course_key__in=_course_keys(found)).order_by()
             .values_list("learner", "course_key", "submitted_at", "figures"))
    moments = list(query.iterator(chunk_size=CHUNK))
    anonymous = {learner for learner, *_rest in moments}
    users = platform.current().user_ids(anonymous)
    ids = {learner: pseudonym(found.secret, user) for learner, user in users.items()}
    rows = [{"learner": ids[learner], "course": course, "submitted_at": submitted_at.isoformat(),
             "figures": compact.figures_from_text(figures)}
            for learner, course, submitted_at, figures in moments if learner in ids]
    return rows, len(anonymous) - len(ids)
