"""A learner's history across the self-assessments of a course: per cluster the first and the latest score,
and the score at each moment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Framework
from .scoring import ClusterScore, Profile, Score, cluster_values


@dataclass(frozen=True)
class ClusterHistory:
    """A cluster's first and latest score over the learner's moments (of any assessment in the course)."""

    cluster_id: str
    first: float | None
    latest: float | None
    latest_score: ClusterScore | None
    moments: int  # moments with a score for this cluster

    @property
    def change(self) -> float | None:
        return None if self.first is None or self.latest is None or self.moments < 2 else self.latest - self.first


def course_history(framework: Framework, snapshots: Iterable[Mapping]) -> tuple[ClusterHistory, ...]:
    """Clusters the learner has a score for, in document order; snapshots in any order (sorted by time here)."""
    scored: dict[str, list[tuple[str, ClusterScore]]] = {}
    for snapshot in snapshots:
        profile = Profile.from_dict(snapshot["scores"])
        for cluster in profile.clusters:
            if cluster.overall.value is not None:
                scored.setdefault(cluster.cluster_id, []).append((snapshot["submitted_at"], cluster))
    history = []
    for cluster in framework.clusters():
        moments = sorted(scored.get(cluster.id, []), key=lambda item: item[0])
        if moments:
            history.append(ClusterHistory(cluster.id, moments[0][1].overall.value, moments[-1][1].overall.value,
                                          moments[-1][1], len(moments)))
    return tuple(history)


@dataclass(frozen=True)
class MomentScores:
    """One submitted moment: when, and the overall score per cluster (None: not rated or not asked then)."""

    submitted_at: str
    scores: Mapping[str, float | None]


def each_moment(snapshots: Iterable[Mapping]) -> tuple[MomentScores, ...]:
    """Every moment of the learner in time order, with its cluster scores."""
    return tuple(MomentScores(snapshot["submitted_at"], cluster_values(snapshot["scores"]))
                 for snapshot in sorted(snapshots, key=lambda s: s["submitted_at"]))


def latest_profile(history: Iterable[ClusterHistory]) -> Profile:
    """The latest score of every cluster as one Profile (for strongest, weakest and suggestions)."""
    clusters = tuple(h.latest_score for h in history if h.latest_score is not None)
    return Profile(Score(None, 0, 0, 0), clusters)
