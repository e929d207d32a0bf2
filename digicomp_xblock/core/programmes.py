"""Programmes: course runs grouped by a provider or a study programme, and what their courses develop together.

The draft's chapter 2 asks it of a curriculum ("als toetssteen om af te vinken welk competentie-aanbod reeds aan bod
komt") and of a training offer ("welke competenties wel al (of nog niet) op de radar staan"). Per statement: which of
the programme's courses develop it (a unit of the course tagged with it, see `coverage.statements_developed`); then
per cluster how many of its statements each course develops, and the statements no course develops and those only
one course develops (the programme leans on that one course).

Growth across the programme (`programme_growth`) reads the moments of its courses as rows with `learner` (the
learner's pseudonymous ID in the programme, `core.pseudonyms`), `course` (a course key), `submitted_at` (ISO text)
and `figures` (`core.compact.figures_from_text`). Courses assess different clusters, so a learner's first and
latest score are taken per cluster: the first and the latest moment that scored it. Small groups are suppressed
as on the cohort page (`cohort.too_few`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .cohort import Period, group_median, too_few
from .model import Framework


@dataclass(frozen=True)
class ProgrammeCourse:
    """A course run of the programme: its key, its title, and the statement IDs its units develop."""

    key: str
    title: str
    developed: frozenset[str]


@dataclass(frozen=True)
class ClusterAcross:
    """One cluster across the courses: how many of its statements each course develops, in the courses' order."""

    cluster_id: str
    statements: int
    per_course: tuple[int, ...]
    developed: int  # statements some course develops


@dataclass(frozen=True)
class ProgrammeCoverage:
    """What the programme's courses develop, per statement and per cluster, in the framework's order."""

    courses: tuple[ProgrammeCourse, ...]
    developers: tuple[tuple[str, tuple[str, ...]], ...]  # statement ID -> keys of the courses that develop it
    clusters: tuple[ClusterAcross, ...]

    @property
    def undeveloped(self) -> tuple[str, ...]:
        """The statements no course of the programme develops."""
        return tuple(sid for sid, keys in self.developers if not keys)

    @property
    def single(self) -> tuple[tuple[str, str], ...]:
        """(statement ID, course key) of the statements exactly one course develops."""
        return tuple((sid, keys[0]) for sid, keys in self.developers if len(keys) == 1)


def programme_coverage(framework: Framework, courses: Sequence[ProgrammeCourse]) -> ProgrammeCoverage:
    """The coverage of `courses` (in the programme's order) on the framework's statements."""
    developers = tuple((s.id, tuple(c.key for c in courses if s.id in c.developed)) for s in framework.statements())
    clusters = []
    for cluster in framework.clusters():
        ids = [s.id for s in cluster.statements()]
        clusters.append(ClusterAcross(
            cluster.id, len(ids), tuple(sum(sid in c.developed for sid in ids) for c in courses),
            sum(any(sid in c.developed for c in courses) for sid in ids)))
    return ProgrammeCoverage(tuple(courses), developers, tuple(clusters))



@dataclass(frozen=True)
class ClusterAcrossRuns:
    """One cluster for the learners seen in several courses of the programme: their first and latest score of it
    within the programme (figures None when suppressed)."""

    cluster_id: str
    learners: int  # learners seen in several courses with two moments that scored the cluster
    first: float | None  # median of their first scores
    latest: float | None  # median of their latest scores
    change: float | None  # median of (latest - first), points
    improved: float | None  # share of them, 0..1, whose latest score is higher
    suppressed: bool


@dataclass(frozen=True)
class ProgrammeGrowth:
    """Competence growth across the programme's courses, runs and years."""

    learners: int  # learners with a moment in some course of the programme
    course_counts: tuple[tuple[int, int], ...]  # (number of the programme's courses, learners seen in that many)
    clusters: tuple[ClusterAcrossRuns, ...]  # in the order asked
    years: tuple[Period, ...]  # per calendar year: each learner's latest score of each cluster in that year

    @property
    def several(self) -> int:
        """Learners seen in more than one course of the programme."""
        return sum(learners for courses, learners in self.course_counts if courses > 1)


def _scores_in_time(mine: Iterable[Mapping], wanted: set[str]) -> list[tuple[str, str, float]]:
    """(submitted_at, cluster, score) of one learner's moments, oldest first, only the scored clusters wanted."""
    return sorted((row["submitted_at"], cid, overall) for row in mine for cid, overall, _kinds in row["figures"]
                  if overall is not None and cid in wanted)


def _across_runs(cluster_id: str, pairs: Sequence[tuple[float, float]], min_group: int) -> ClusterAcrossRuns:
    n = len(pairs)
    if too_few(n, min_group):
        return ClusterAcrossRuns(cluster_id, n, None, None, None, None, True)
    changes = [latest - first for first, latest in pairs]
    return ClusterAcrossRuns(cluster_id, n, statistics.median(first for first, _ in pairs),
                             statistics.median(latest for _, latest in pairs), statistics.median(changes),
                             sum(change > 0 for change in changes) / n, False)


def _year(label: int, latest: Mapping[str, Mapping[str, float]], cluster_ids: Sequence[str],
          min_group: int) -> Period:
    """One year's figures from each learner's latest score per cluster in it ({learner: {cluster: score}})."""
    learners = len(latest)
    if too_few(learners, min_group):
        return Period(label, learners, tuple((cid, None) for cid in cluster_ids), True)
    return Period(label, learners, tuple(
        (cid, group_median([mine[cid] for mine in latest.values() if cid in mine], min_group))
        for cid in cluster_ids), False)


def programme_growth(rows: Iterable[Mapping], cluster_ids: Sequence[str], min_group: int) -> ProgrammeGrowth:
    """How the learners of the programme grow: per cluster, from the first to the latest score of each learner seen
    in several of its courses; per calendar year, the median of each learner's latest score in that year."""
    wanted = set(cluster_ids)
    by_learner: dict[str, list[Mapping]] = {}
    for row in rows:
        by_learner.setdefault(row["learner"], []).append(row)
    pairs: dict[str, list[tuple[float, float]]] = {cid: [] for cid in cluster_ids}
    years: dict[int, dict[str, dict[str, float]]] = {}
    courses_taken = Counter()
    for learner, mine in by_learner.items():
        taken = len({row["course"] for row in mine})
        courses_taken[taken] += 1
        scored: dict[str, list[float]] = {}
        for submitted_at, cid, score in _scores_in_time(mine, wanted):
            scored.setdefault(cid, []).append(score)
            years.setdefault(int(submitted_at[:4]), {}).setdefault(learner, {})[cid] = score
        for row in mine:  # a learner whose moments of a year scored nothing still took part that year
            years.setdefault(int(row["submitted_at"][:4]), {}).setdefault(learner, {})
        if taken > 1:
            for cid, scores in scored.items():
                if len(scores) > 1:
                    pairs[cid].append((scores[0], scores[-1]))
    return ProgrammeGrowth(
        len(by_learner), tuple(sorted(courses_taken.items())),
        tuple(_across_runs(cid, pairs[cid], min_group) for cid in cluster_ids),
        tuple(_year(label, years[label], cluster_ids, min_group) for label in sorted(years)))
