"""What a moment says in levels rather than percents: per cluster and kind of statement (knowledge, skills,
attitudes) the level the learner chose most often. A tie goes to the lower level: the profile never claims more
than the answers do. "Not relevant" is no level and does not count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from .model import Framework
from .scoring import Rating


def typical_levels(framework: Framework, ratings: Mapping[str, Rating]) -> dict[str, dict[str, int]]:
    """cluster -> kind -> the level chosen most often, for the clusters and kinds with a level among `ratings`."""
    counts: dict[str, dict[str, Counter]] = {}
    for statement in framework.statements():
        level = ratings.get(statement.id)
        if isinstance(level, int) and not isinstance(level, bool):
            counts.setdefault(statement.cluster_id, {}).setdefault(statement.kind, Counter())[level] += 1
    return {cluster: {kind: min(c, key=lambda level: (-c[level], level)) for kind, c in kinds.items()}
            for cluster, kinds in counts.items()}
