"""Programmes: course runs grouped by a provider or a study programme, and what their courses develop together.

The draft's chapter 2 asks it of a curriculum ("als toetssteen om af te vinken welk competentie-aanbod reeds aan bod
komt") and of a training offer ("welke competenties wel al (of nog niet) op de radar staan"). Per statement: which of
the programme's courses develop it (a unit of the course tagged with it, see `coverage.statements_developed`); then
per cluster how many of its statements each course develops, and the statements no course develops and those only
one course develops (the programme leans on that one course).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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

