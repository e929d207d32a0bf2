"""Cohort figures for teachers: scores of many learners' snapshots, with small groups suppressed.

Input rows are mappings with `learner` (an anonymised id), `moment` (1-based per learner and block),
`submitted_at` (ISO text, one time zone for all rows) and `scores` (the shape of `Profile.to_dict()`) or, read
faster, `figures` (`core.compact.figures_from_text`: ((cluster, overall, ((kind, score), ...)), ...)), optionally
`ratings` ({statement id: level or "na"}). Feed the rows of one block (or make `learner` unique per
block): a learner's *first* and *latest* moments are their rows with the lowest and highest (moment, submitted_at).

Privacy: any figure computed from fewer than `min_group` learners is None and flagged `suppressed=True`; only the
number of learners itself is kept, so that the page can say why nothing is shown. A cluster a learner rated
"not relevant" throughout has no score (None) and does not count for that cluster. There are no means: medians,
quartiles and shares do not add up, so two groups that differ by one learner do not give that learner's score
(mean₂·(n+1) − mean₁·n would); `leaves_out_enough` is the rule for parts of a cohort shown beside the whole.

Percentiles: `q1` and `q3` are the first and third cut points of `statistics.quantiles(values, n=4,
method="inclusive")` (linear interpolation between closest ranks, the min and max being the 0th and 100th
percentile); with one value, all of median, q1 and q3 are that value.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .gap import gap
from .messages import InputError
from .model import COMPONENT_KINDS, Framework
from .profiles.model import PositionProfile
from .scales import NOT_RELEVANT, Scales
from .scoring import cluster_values

#: The smallest group whose figures are shown.
MIN_GROUP = 5

Row = Mapping


# --- Results -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClusterStats:
    """One cluster over the learners' first or latest moments (figures None when suppressed)."""

    cluster_id: str
    learners: int  # learners with a score in the cluster
    median: float | None
    q1: float | None
    q3: float | None
    by_kind: tuple[tuple[str, float | None], ...]  # (kind, median) in K/S/A order; None under min_group learners
    suppressed: bool

    def kind(self, kind: str) -> float | None:
        return dict(self.by_kind).get(kind)


@dataclass(frozen=True)
class LevelDistribution:
    """How often each level (and "na") was chosen for a cluster's statements in the learners' latest moments."""

    cluster_id: str
    learners: int  # learners with at least one level (not "na") in the cluster
    counts: dict[int | str, int] | None  # level -> ratings, in scale order, then "na"; None when suppressed
    suppressed: bool


@dataclass(frozen=True)
class ClusterGrowth:
    """Change of a cluster's score from the learners' first to their latest moment."""

    cluster_id: str
    pairs: int  # learners with a later moment and a score in the cluster in both the first and the latest
    median_change: float | None  # points (latest - first)
    improved: float | None  # share of pairs, 0..1, change > 0
    declined: float | None  # share of pairs, 0..1, change < 0
    suppressed: bool


@dataclass(frozen=True)
class Period:
    """One step of a time line: a moment number (int) or an ISO week ("2026-W48")."""

    label: int | str
    learners: int  # learners with a snapshot in the period
    medians: tuple[tuple[str, float | None], ...]  # (cluster, median); None under min_group scored learners
    suppressed: bool

    def median(self, cluster_id: str) -> float | None:
        return dict(self.medians).get(cluster_id)


# --- Reading rows --------------------------------------------------------------------------------------------------

def _order(row: Row) -> tuple:
    return row["moment"], row["submitted_at"]


def _first_and_latest(rows: Iterable[Row]) -> dict[str, tuple[Row, Row]]:
    """learner -> (first row, latest row), in one pass."""
    picked: dict[str, tuple[Row, Row]] = {}
    for row in rows:
        mine = picked.get(row["learner"])
        if mine is None:
            picked[row["learner"]] = (row, row)
            continue
        first, latest = mine
        key = _order(row)
        if key < _order(first):
            first = row
        if key > _order(latest):
            latest = row
        picked[row["learner"]] = (first, latest)
    return picked


def _pick(rows: Iterable[Row], moment: str) -> list[Row]:
    """Each learner's "latest" or "first" row."""
    if moment not in ("latest", "first"):
        raise ValueError(f"moment must be 'latest' or 'first', not {moment!r}")
    side = 1 if moment == "latest" else 0
    return [pair[side] for pair in _first_and_latest(rows).values()]


def _clusters(row: Row) -> Sequence[tuple]:
    """(cluster, overall score, ((kind, score), ...)) of each cluster of a row, from its `figures` or `scores`."""
    figures = row.get("figures")
    if figures is not None:
        return figures
    return [(c["cluster"], c["overall"]["value"],
             tuple((kind, score["value"]) for kind, score in (c.get("by_kind") or {}).items()))
            for c in (row.get("scores") or {}).get("clusters") or []]


def _values(row: Row) -> dict[str, float | None]:
    """cluster -> overall score of a row."""
    figures = row.get("figures")
    if figures is not None:
        return {cid: overall for cid, overall, _kinds in figures}
    return cluster_values(row.get("scores"))


# --- Small statistics ----------------------------------------------------------------------------------------------

def too_few(learners: int, min_group: int) -> bool:
    """The small-group rule: no figure from no learner or from fewer than `min_group`."""
    return learners == 0 or learners < min_group


def leaves_out_enough(whole: int, part: int, min_group: int = MIN_GROUP) -> bool:
    """The differencing rule: figures of a part of a cohort (e.g. a date window, `part` learners of `whole`) are
    shown only when the part is the whole or leaves out at least `min_group` learners; otherwise the part and the
    whole, side by side, would tell about the few left out."""
    return part == whole or whole - part >= min_group


def group_median(values: Sequence[float], min_group: int) -> float | None:
    """The median of the values of a group, None for a group `too_few`."""
    return None if too_few(len(values), min_group) else statistics.median(values)


def _quartiles(values: Sequence[float]) -> tuple[float, float]:
    if len(values) == 1:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


# --- Figures -------------------------------------------------------------------------------------------------------

def cluster_summary(rows: Iterable[Row], cluster_ids: Sequence[str], min_group: int = MIN_GROUP,
                    moment: str = "latest") -> list[ClusterStats]:
    """Median, quartiles and per-kind medians of each cluster over each learner's latest (or first) moment."""
    overall: dict[str, list[float]] = {cid: [] for cid in cluster_ids}
    kinds: dict[str, dict[str, list[float]]] = {cid: {} for cid in cluster_ids}
    for row in _pick(rows, moment):
        for cid, value, by_kind in _clusters(row):
            if cid not in overall:
                continue
            if value is not None:
                overall[cid].append(value)
            for kind, kind_value in by_kind:
                bucket = kinds[cid].setdefault(kind, [])
                if kind_value is not None:
                    bucket.append(kind_value)
    result = []
    for cid in cluster_ids:
        values = overall[cid]
        n = len(values)
        suppressed = too_few(n, min_group)
        by_kind = tuple((kind, None if suppressed else group_median(kinds[cid][kind], min_group))
                        for kind in COMPONENT_KINDS if kind in kinds[cid])
        if suppressed:
            result.append(ClusterStats(cid, n, None, None, None, by_kind, True))
        else:
            q1, q3 = _quartiles(values)
            result.append(ClusterStats(cid, n, statistics.median(values), q1, q3, by_kind, False))
    return result


def level_distribution(rows: Iterable[Row], framework_statements_by_cluster: Mapping[str, Sequence[str]],
                       scale_values: Sequence[int], min_group: int = MIN_GROUP) -> list[LevelDistribution]:
    """Ratings per level and "na" for each cluster's statements, over each learner's latest moment.

    Ratings of statements not listed, and levels not in `scale_values`, are not counted. A cluster is suppressed
    when fewer than `min_group` learners gave it at least one level.
    """
    cluster_of = {sid: cid for cid, sids in framework_statements_by_cluster.items() for sid in sids}
    keys = [*scale_values, NOT_RELEVANT]
    counts = {cid: dict.fromkeys(keys, 0) for cid in framework_statements_by_cluster}
    learners = dict.fromkeys(framework_statements_by_cluster, 0)
    for row in _pick(rows, "latest"):
        rated = set()
        for statement_id, rating in (row.get("ratings") or {}).items():
            cid = cluster_of.get(statement_id)
            if cid is None or isinstance(rating, bool) or rating not in counts[cid]:
                continue
            counts[cid][rating] += 1
            if rating != NOT_RELEVANT:
                rated.add(cid)
        for cid in rated:
            learners[cid] += 1
    result = []
    for cid in framework_statements_by_cluster:
        suppressed = too_few(learners[cid], min_group)
        result.append(LevelDistribution(cid, learners[cid], None if suppressed else counts[cid], suppressed))
    return result


@dataclass(frozen=True)
class StatementLevel:
    """How the learners rated one statement at their latest moment."""

    statement_id: str
    learners: int  # learners who gave it a level (not "na")
    median: float | None  # the median level; None under min_group learners


def statement_levels(rows: Iterable[Row], statement_ids: Sequence[str],
                     min_group: int = MIN_GROUP) -> list[StatementLevel]:
    """The median level of each statement over each learner's latest moment, lowest first: among equal medians,
    the one with the larger share of learners below it first, then in `statement_ids` order. Statements fewer than
    `min_group` learners rated are left out."""
    levels: dict[str, list[int]] = {sid: [] for sid in statement_ids}
    for row in _pick(rows, "latest"):
        for sid, rating in (row.get("ratings") or {}).items():
            if sid in levels and isinstance(rating, int) and not isinstance(rating, bool):
                levels[sid].append(rating)
    shown = [StatementLevel(sid, len(values), statistics.median(values))
             for sid, values in levels.items() if not too_few(len(values), min_group)]
    order = {sid: n for n, sid in enumerate(statement_ids)}

    def below(level: StatementLevel) -> float:
        return sum(value < level.median for value in levels[level.statement_id]) / level.learners

    return sorted(shown, key=lambda s: (s.median, -below(s), order[s.statement_id]))


def covered_clusters(rows: Iterable[Row], cluster_ids: Sequence[str]) -> list[str]:
    """The clusters (in `cluster_ids` order) that the rows' assessments asked about."""
    asked = {cluster[0] for row in rows for cluster in _clusters(row)}
    return [cid for cid in cluster_ids if cid in asked]


def paired_growth(rows: Iterable[Row], cluster_ids: Sequence[str], min_group: int = MIN_GROUP) -> list[ClusterGrowth]:
    """Change from each learner's first to their latest moment, for learners with a score in both."""
    changes: dict[str, list[float]] = {cid: [] for cid in cluster_ids}
    for first, latest in _first_and_latest(rows).values():
        if latest["moment"] <= first["moment"]:
            continue
        before, after = _values(first), _values(latest)
        for cid, bucket in changes.items():
            a, b = before.get(cid), after.get(cid)
            if a is not None and b is not None:
                bucket.append(b - a)
    result = []
    for cid in cluster_ids:
        deltas = changes[cid]
        n = len(deltas)
        if too_few(n, min_group):
            result.append(ClusterGrowth(cid, n, None, None, None, True))
        else:
            result.append(ClusterGrowth(cid, n, statistics.median(deltas), sum(d > 0 for d in deltas) / n,
                                        sum(d < 0 for d in deltas) / n, False))
    return result


@dataclass(frozen=True)
class ExpectedShare:
    """One cluster against a target position: of the `learners` who rated (with a level) at least one statement
    the profile expects there, `at_or_above` rated none of those below the expected level (None when suppressed)."""

    cluster_id: str
    learners: int
    at_or_above: int | None
    suppressed: bool

    @property
    def share(self) -> float | None:
        """`at_or_above` as a share of `learners`, 0..1 (None when suppressed)."""
        return None if self.at_or_above is None else self.at_or_above / self.learners


def at_expected_level(rows: Iterable[Row], framework: Framework, profile: PositionProfile, target: str,
                      scales: Scales, asked: Iterable[str] | None = None,
                      min_group: int = MIN_GROUP) -> list[ExpectedShare]:
    """Per cluster in which the profile expects statements up to `target` (among `asked`), over each learner's
    latest moment: how many learners rated at least one of them, and how many of those rated none below the expected
    level (`gap.gap`: "not relevant" is never below; a statement left unrated does not count). Moments that cannot be
    compared with the profile (another framework or scale) are left out; fewer than `min_group` learners: suppressed.
    """
    asked = None if asked is None else list(asked)
    wanted = set(profile.expected_up_to(target)) & (set(asked) if asked is not None else {
        s.id for s in framework.statements()})
    expected = [c.id for c in framework.clusters() if any(s.id in wanted for s in c.statements())]
    learners: dict[str, int] = {}
    at_or_above: dict[str, int] = {}
    for row in _pick(rows, "latest"):
        try:
            found = gap(framework, profile, row, target, scales, asked)
        except InputError:
            continue
        for cluster in found.clusters:
            if cluster.expected and cluster.rated:
                learners[cluster.cluster_id] = learners.get(cluster.cluster_id, 0) + 1
                at_or_above[cluster.cluster_id] = at_or_above.get(cluster.cluster_id, 0) + (not cluster.below)
    result = []
    for cid in expected:
        n = learners.get(cid, 0)
        suppressed = too_few(n, min_group)
        result.append(ExpectedShare(cid, n, None if suppressed else at_or_above[cid], suppressed))
    return result


def iso_week(submitted_at: str) -> str:
    """The ISO week of a timestamp as written (its date part), e.g. "2026-W48"."""
    year, week, _ = date.fromisoformat(submitted_at[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def growth_over_time(rows: Iterable[Row], cluster_ids: Sequence[str], min_group: int = MIN_GROUP,
                     by: str = "moment") -> list[Period]:
    """Per period, in order, the median of each cluster: by moment number, or by ISO week of submission.

    A learner counts once per period, with their latest snapshot in it. Periods with fewer than `min_group`
    learners are listed but suppressed; weeks without snapshots are not listed.
    """
    if by not in ("moment", "week"):
        raise ValueError(f"by must be 'moment' or 'week', not {by!r}")
    weekly = by == "week"
    periods: dict[int | str, dict[str, Row]] = {}
    for row in rows:
        mine = periods.setdefault(iso_week(row["submitted_at"]) if weekly else row["moment"], {})
        other = mine.get(row["learner"])
        if other is None or (row["submitted_at"], row["moment"]) > (other["submitted_at"], other["moment"]):
            mine[row["learner"]] = row
    result = []
    for label in sorted(periods):
        picked = periods[label]
        if too_few(len(picked), min_group):
            result.append(Period(label, len(picked), tuple((cid, None) for cid in cluster_ids), True))
            continue
        values: dict[str, list[float]] = {cid: [] for cid in cluster_ids}
        for row in picked.values():
            for cid, value in _values(row).items():
                if value is not None and cid in values:
                    values[cid].append(value)
        medians = tuple((cid, group_median(values[cid], min_group)) for cid in cluster_ids)
        result.append(Period(label, len(picked), medians, False))
    return result


def filter_rows(rows: Iterable[Row], since: str | None = None, until: str | None = None) -> list[Row]:
    """Rows submitted from `since` up to and including `until` (ISO text; a date bound covers the whole day)."""
    return [row for row in rows
            if (since is None or row["submitted_at"] >= since)
            and (until is None or row["submitted_at"][:len(until)] <= until)]


def export_columns(cluster_ids: Sequence[str]) -> list[str]:
    """The columns of `learner_rows_for_export`, in order."""
    return ["learner", "moment", "submitted_at", *(f"cluster_{cid}" for cid in cluster_ids)]


def learner_row_for_export(row: Row, cluster_ids: Sequence[str]) -> dict:
    """One snapshot as a flat dict: cluster scores rounded to 0.1, "" when there is none."""
    values = _values(row)
    flat = {"learner": row["learner"], "moment": row["moment"], "submitted_at": row["submitted_at"]}
    for cid in cluster_ids:
        value = values.get(cid)
        flat[f"cluster_{cid}"] = "" if value is None else round(value, 1)
    return flat


def learner_rows_for_export(rows: Iterable[Row], cluster_ids: Sequence[str]) -> list[dict]:
    """`learner_row_for_export` of each snapshot, by learner and moment."""
    return [learner_row_for_export(row, cluster_ids)
            for row in sorted(rows, key=lambda r: (r["learner"], r["moment"], r["submitted_at"]))]
