"""Scores of a self-assessment: per cluster and per knowledge / skills / attitudes, growth between moments.

A score is the mean level of the rated statements as a percentage of the scale's range. "Not relevant" counts
as answered but never as a level; a group with nothing rated has no score (None), which is not 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from .model import COMPONENT_KINDS, Framework, Statement
from .scales import NOT_RELEVANT, Scale

Rating = int | str


@dataclass(frozen=True)
class Score:
    """The score of a group of statements."""

    value: float | None  # 0..100, None when nothing was rated
    rated: int  # statements with a level
    not_relevant: int
    total: int  # statements in scope

    @property
    def answered(self) -> int:
        return self.rated + self.not_relevant


@dataclass(frozen=True)
class ClusterScore:
    cluster_id: str
    overall: Score
    by_kind: tuple[tuple[str, Score], ...]  # (kind, score) for the kinds the scope has, in K/S/A order

    def kind(self, kind: str) -> Score | None:
        return dict(self.by_kind).get(kind)


@dataclass(frozen=True)
class Profile:
    """Scores per cluster (clusters in scope, document order) and overall."""

    overall: Score
    clusters: tuple[ClusterScore, ...]

    def cluster(self, cluster_id: str) -> ClusterScore | None:
        return next((c for c in self.clusters if c.cluster_id == cluster_id), None)

    def _extreme(self, pick) -> list[str]:
        """Clusters at the extreme score, compared as shown (whole percents); none when all are level."""
        scored = {c.cluster_id: round(c.overall.value) for c in self.clusters if c.overall.value is not None}
        if len(set(scored.values())) < 2:
            return []
        best = pick(scored.values())
        return [cluster_id for cluster_id, value in scored.items() if value == best]

    def strongest(self) -> list[str]:
        """The cluster(s) with the highest score (in whole percents); empty unless scores differ."""
        return self._extreme(max)

    def weakest(self) -> list[str]:
        """The cluster(s) with the lowest score (in whole percents); empty unless scores differ."""
        return self._extreme(min)

    def to_dict(self) -> dict:
        return {
            "overall": asdict(self.overall),
            "clusters": [
                {"cluster": c.cluster_id, "overall": asdict(c.overall),
                 "by_kind": {kind: asdict(score) for kind, score in c.by_kind}}
                for c in self.clusters
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Profile:
        return cls(
            overall=Score(**data["overall"]),
            clusters=tuple(
                ClusterScore(c["cluster"], Score(**c["overall"]),
                             tuple((kind, Score(**c["by_kind"][kind])) for kind in COMPONENT_KINDS
                                   if kind in c["by_kind"]))
                for c in data["clusters"]
            ),
        )


def cluster_values(scores: Mapping | None) -> dict[str, float | None]:
    """Cluster ID -> overall score, read straight from a stored profile (the shape of `Profile.to_dict()`)."""
    return {c["cluster"]: c["overall"]["value"] for c in (scores or {}).get("clusters") or []}


def score(statements: Iterable[Statement], ratings: Mapping[str, Rating], scale: Scale) -> Score:
    """The score of some statements under some ratings (ratings of other statements are ignored)."""
    levels, not_relevant, total = [], 0, 0
    for statement in statements:
        total += 1
        rating = ratings.get(statement.id)
        if rating == NOT_RELEVANT:
            not_relevant += 1
        elif isinstance(rating, int) and not isinstance(rating, bool):
            levels.append(rating)
    value = scale.percentage(sum(levels) / len(levels)) if levels else None
    return Score(value, len(levels), not_relevant, total)


def profile(framework: Framework, scope: Iterable[Statement], ratings: Mapping[str, Rating], scale: Scale) -> Profile:
    """Scores of the clusters (and their K/S/A parts) that the scope touches."""
    in_scope = list(scope)
    clusters = []
    for cluster in framework.clusters():
        mine = [s for s in in_scope if s.cluster_id == cluster.id]
        if not mine:
            continue
        by_kind = tuple(
            (kind, score([s for s in mine if s.kind == kind], ratings, scale))
            for kind in COMPONENT_KINDS if any(s.kind == kind for s in mine)
        )
        clusters.append(ClusterScore(cluster.id, score(mine, ratings, scale), by_kind))
    return Profile(score(in_scope, ratings, scale), tuple(clusters))


@dataclass(frozen=True)
class Change:
    """How one cluster's score changed between two moments."""

    cluster_id: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


def growth(earlier: Profile, later: Profile) -> tuple[Change, ...]:
    """Change per cluster, for the clusters of the later profile (document order)."""
    changes = []
    for cluster in later.clusters:
        before = earlier.cluster(cluster.cluster_id)
        changes.append(Change(cluster.cluster_id, before.overall.value if before else None, cluster.overall.value))
    return tuple(changes)
