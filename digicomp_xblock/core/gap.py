"""The distance between one assessment moment of a learner and a target position of a position profile.

Per cluster: how many statements the profile expects up to the target position, how many of those the learner rated
with a level, which are below the expected level, which the learner marked "not relevant to my work", and which are
not rated. Figures for reflection and a conversation, not a verdict.

Expected level: the profile's own level for a statement, else the `independent` level of the moment's scale, the
one that means doing it on one's own in daily work (growth-5: 3, "I do it independently"; three-levels: 2,
"Confidently"). A profile's own levels are on the profile's scale, so they need a moment rated on that scale or on
one that words the same levels differently (`same_levels_as`: growth-5-kinds for growth-5).
"Not relevant" ("na") is what the learner says about their own work: never counted as below, and listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .messages import InputError
from .messages import gettext_noop as _
from .model import Framework
from .profiles.model import PositionProfile, check_position
from .scales import NOT_RELEVANT, Scales


@dataclass(frozen=True)
class BelowExpected:
    """A statement rated below the level the profile expects."""

    statement_id: str
    level: int
    expected: int


@dataclass(frozen=True)
class ClusterGap:
    """One cluster: `expected` statements up to the target position, and what the moment says about them."""

    cluster_id: str
    expected: int
    rated: int  # rated with a level
    below: tuple[BelowExpected, ...]
    not_relevant: tuple[str, ...]
    unrated: tuple[str, ...]

    @property
    def at_or_above(self) -> int:
        return self.rated - len(self.below)


@dataclass(frozen=True)
class Gap:
    """Every cluster of the framework in document order (`expected` is 0 where the profile expects nothing yet)."""

    profile_id: str
    target: str
    scale: str
    default_level: int
    clusters: tuple[ClusterGap, ...]

    def cluster(self, cluster_id: str) -> ClusterGap:
        return next(c for c in self.clusters if c.cluster_id == cluster_id)


def gap(framework: Framework, profile: PositionProfile, snapshot: Mapping, target: str, scales: Scales,
        asked: Iterable[str] | None = None) -> Gap:
    """The gap of a moment (the snapshot format: `framework`, `scale`, `ratings`) to `target` in `profile`; with
    `asked`, only the expected statements among those (the ones the moment's assessment asked)."""
    check_position(profile.positions, target)
    if snapshot["framework"] != profile.framework_id:
        raise InputError(_("this moment was rated on framework '%(moment)s'; the profile is for '%(profile)s'"),
                         moment=snapshot["framework"], profile=profile.framework_id)
    if snapshot["scale"] not in scales.ids:
        raise InputError(_("the scale '%(scale)s' of this moment is unknown"), scale=snapshot["scale"])
    scale = scales.get(snapshot["scale"])
    if profile.has_levels and not scale.measures_like(profile.scale):
        raise InputError(_("this moment was rated on the scale '%(moment)s', but the profile's levels are on "
                           "'%(profile)s'"), moment=scale.id, profile=profile.scale)
    ratings = snapshot["ratings"]
    expected = set(profile.expected_up_to(target))
    if asked is not None:
        expected &= set(asked)
    clusters = []
    for cluster in framework.clusters():
        mine = [s.id for s in cluster.statements() if s.id in expected]
        below, not_relevant, unrated, rated = [], [], [], 0
        for statement_id in mine:
            rating = ratings.get(statement_id)
            if rating == NOT_RELEVANT:
                not_relevant.append(statement_id)
            elif not isinstance(rating, int) or isinstance(rating, bool):
                unrated.append(statement_id)
            else:
                rated += 1
                level = profile.expected_level(statement_id, target, scale.independent)
                if rating < level:
                    below.append(BelowExpected(statement_id, rating, level))
        clusters.append(ClusterGap(cluster.id, len(mine), rated, tuple(below), tuple(not_relevant), tuple(unrated)))
    return Gap(profile.id, target, scale.id, scale.independent, tuple(clusters))
