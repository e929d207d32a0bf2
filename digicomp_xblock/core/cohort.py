"""Cohort figures for teachers: scores of many learners' snapshots, with small groups suppressed.

Input: a `Cohort`, the moments of one block column by column as the database gives them (compact text, see
`core.compact`), or rows, mappings with `learner` (an anonymised id), `moment` (1-based per learner and block),
`submitted_at` (ISO text, one time zone for all rows) and `scores` (the shape of `Profile.to_dict()`) or `figures`
(`core.compact.figures_from_text`), optionally `ratings` ({statement id: level or "na"}), which `Cohort.from_rows`
turns into one. Feed the moments of one block (or make `learner` unique per block): a learner's *first* and
*latest* moments are their moments with the lowest and highest (moment, submitted_at).

Counting, not listing: each figure counts how often each value occurs among the moments it needs, summed from the
moments' answers (or read from their stored scores, `core.score_counts`), a statement's levels once from the
latest answers cut into a column per statement (`Cohort.latest_counts`), and takes medians of the counts
(`core.counted`): no Python code runs per learner and value, which a cohort of 100,000 learners needs.

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
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from itertools import compress, repeat
from operator import eq, lt

from . import compact
from .counted import Counted
from .gap import gap
from .messages import InputError
from .model import COMPONENT_KINDS, Framework
from .profiles.model import PositionProfile
from .scales import NOT_RELEVANT, Scale, Scales
from .score_counts import HAS_LEVEL, AnswerCounts, FigureCounts, byte_table, cut, take
from .scoring import cluster_values

#: The smallest group whose figures are shown.
MIN_GROUP = 5

Row = Mapping

#: The characters of answers (`core.compact`), "not relevant" first, in groups of at most eight (for `_char_counts`).
_CHARS = compact.NOT_RELEVANT_CHAR + compact.LEVEL_CHARS
_CHAR_GROUPS = [(group, byte_table({char: 1 << k for k, char in enumerate(group)}))
                for group in (_CHARS[start:start + 8] for start in range(0, len(_CHARS), 8))]


@lru_cache(maxsize=4)
def _bit_masks(length: int) -> list[int]:
    """Per bit of a byte, the integer of `length` bytes with that bit set in every byte."""
    return [int.from_bytes(bytes([1 << k]) * length, "big") for k in range(8)]


def _char_counts(column: bytes) -> dict[str, int]:
    """How often each character of an answer occurs in the column, for those that occur: each character of a group
    becomes one bit of its byte, and the bits set are counted (`int.bit_count`), one pass per group that occurs."""
    masks, found = _bit_masks(len(column)), {}
    for group, bits in _CHAR_GROUPS:
        if any(char.encode("ascii") in column for char in group):
            set_bits = int.from_bytes(column.translate(bits), "big")
            for char, mask in zip(group, masks, strict=False):
                count = (set_bits & mask).bit_count()
                if count:
                    found[char] = count
    return found


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


# --- Reading moments -----------------------------------------------------------------------------------------------

@dataclass
class Cohort:
    """The moments of one block, a list per column, row `i` of each being moment `i`."""

    learner: list[str]
    moment: list[int]
    submitted_at: list[str] | None  # ISO text (a space or a T between date and time), one time zone; None: not read
    framework: list[str]
    scale: list[str]
    figures: list[str]  # `compact.scores_text`
    answers: list[str]  # `compact.answers_text` in `layout`; "" when the moment's ratings are in `ratings`
    clusters: frozenset[str] = frozenset()  # the clusters any of the moments covers
    layout: tuple[str, ...] = ()  # the statement of each character of `answers`
    ratings: dict[int, Mapping] = field(default_factory=dict)  # row -> ratings not written in `layout`
    ordered: bool = False  # the rows are sorted by learner, moment, submitted_at
    # (cluster, kind or "") -> the positions in `layout` of its statements, and the scale of every moment: given,
    # the scores are summed from the answers
    groups: Mapping[tuple[str, str], Sequence[int]] = field(default_factory=dict)
    scale_of_all: Scale | None = None

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> Cohort:
        """The cohort of rows (see the module's docstring; a row without `moment`, a programme's, is a first)."""
        rows = list(rows)
        layout = tuple(sorted({sid for row in rows for sid in row.get("ratings") or {}}))
        figures, answers, ratings = [], [], {}
        for n, row in enumerate(rows):
            given = row.get("figures")
            figures.append(compact.figures_text(given) if given is not None else compact.scores_text(row.get("scores")))
            text = compact.answers_text(row.get("ratings") or {}, layout)
            answers.append(text)
            if not text and row.get("ratings"):
                ratings[n] = row["ratings"]
        clusters = frozenset(part.split(",", 1)[0] for text in figures if text for part in text.split(";"))
        return cls([r["learner"] for r in rows], [r.get("moment", 1) for r in rows], [r["submitted_at"] for r in rows],
                   [r.get("framework", "") for r in rows], [r.get("scale", "") for r in rows], figures, answers,
                   clusters, layout, ratings)

    def __len__(self) -> int:
        return len(self.learner)

    @cached_property
    def _picks(self) -> tuple[dict[str, int], dict[str, int]]:
        rows = range(len(self)) if self.ordered else sorted(
            range(len(self)), key=lambda i: (self.learner[i], self.moment[i], self.submitted_at[i]))
        learner = self.learner
        first = {learner[i]: i for i in reversed(rows)}  # the learners last to first: reversed below
        return dict(reversed(first.items())), {learner[i]: i for i in rows}

    def pick(self, moment: str) -> dict[str, int]:
        """learner -> the row of their "first" or "latest" moment; both in the same order of learners."""
        if moment not in ("latest", "first"):
            raise ValueError(f"moment must be 'latest' or 'first', not {moment!r}")
        return self._picks[moment == "latest"]

    @cached_property
    def summed(self) -> bool:
        """Whether the scores are summed from the answers: every answer written in the layout, on one scale
        (`AnswerCounts.fits`)."""
        return AnswerCounts.fits(self.answers, self.groups, self.scale_of_all)

    @cached_property
    def counts(self) -> AnswerCounts | FigureCounts:
        """How often each score occurs (`core.score_counts`): summed from the answers when they allow it."""
        return AnswerCounts(self.answers, self.groups, self.scale_of_all) if self.summed else FigureCounts(
            self.figures)

    @cached_property
    def latest_answers(self) -> tuple[dict[str, bytes], list[Mapping]]:
        """Statement -> the characters of the learners' latest answers, one per learner (`score_counts.cut`: the
        counts' own when they sum the answers); and the ratings of the latest moments whose answers are not written
        in the layout."""
        rows = list(self.pick("latest").values())
        if self.summed:
            columns = self.counts.columns(rows)
        else:
            written = [self.answers[i] for i in rows if self.answers[i]]
            columns = cut(written, len(self.layout)) if written else []
        others = [self.ratings[i] for i in rows if not self.answers[i] and i in self.ratings]
        return dict(zip(self.layout, columns, strict=True)) if columns else {}, others

    @cached_property
    def latest_counts(self) -> dict[str, dict[str, int]]:
        """Statement -> how often each character (a level's digit, or "not relevant") occurs in its column of
        `latest_answers`, for the characters that occur."""
        return {sid: _char_counts(column) for sid, column in self.latest_answers[0].items()}

    def rows(self, rows: Iterable[int]) -> list[dict]:
        """These moments as rows with their ratings (the shape `gap.gap` reads)."""
        return [{"learner": self.learner[i], "moment": self.moment[i],
                 "submitted_at": self.submitted_at[i] if self.submitted_at is not None else "",
                 "framework": self.framework[i], "scale": self.scale[i], "ratings": self.ratings.get(i) or (
                     compact.ratings_from_answers(self.answers[i], self.layout) if self.answers[i] else {})}
                for i in rows]


def _cohort(moments: Cohort | Iterable[Row]) -> Cohort:
    return moments if isinstance(moments, Cohort) else Cohort.from_rows(moments)


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


def _counted_median(counts: Mapping[float, int], min_group: int) -> float | None:
    """`group_median` of counted values."""
    found = Counted(counts)
    return None if too_few(len(found), min_group) else found.median()


# --- Figures -------------------------------------------------------------------------------------------------------

def cluster_summary(rows: Cohort | Iterable[Row], cluster_ids: Sequence[str], min_group: int = MIN_GROUP,
                    moment: str = "latest", by_kind: bool = True) -> list[ClusterStats]:
    """Median, quartiles and per-kind medians of each cluster over each learner's latest (or first) moment;
    `by_kind=False` leaves the per-kind medians out (`by_kind` empty), and the counting they need."""
    moments = _cohort(rows)
    picked = list(moments.pick(moment).values())
    overall = {cid: moments.counts.overall(cid, picked) for cid in cluster_ids}
    kinds = {cid: moments.counts.kinds(cid, picked) if by_kind else {} for cid in cluster_ids}
    result = []
    for cid in cluster_ids:
        values = Counted(overall[cid])
        n = len(values)
        suppressed = too_few(n, min_group)
        by_kind = tuple((kind, None if suppressed else _counted_median(kinds[cid][kind], min_group))
                        for kind in COMPONENT_KINDS if kind in kinds[cid])
        if suppressed:
            result.append(ClusterStats(cid, n, None, None, None, by_kind, True))
        else:
            q1, q3 = values.quartiles()
            result.append(ClusterStats(cid, n, values.median(), q1, q3, by_kind, False))
    return result


def level_distribution(rows: Cohort | Iterable[Row], framework_statements_by_cluster: Mapping[str, Sequence[str]],
                       scale_values: Sequence[int], min_group: int = MIN_GROUP) -> list[LevelDistribution]:
    """Ratings per level and "na" for each cluster's statements, over each learner's latest moment.

    Ratings of statements not listed, and levels not in `scale_values`, are not counted. A cluster is suppressed
    when fewer than `min_group` learners gave it at least one level.
    """
    moments = _cohort(rows)
    columns, others = moments.latest_answers
    chars = {str(level): level for level in scale_values if str(level) in compact.LEVEL_CHARS}
    has_level = byte_table(dict.fromkeys(chars, 1))  # a row's byte: 1 when it has one of these levels
    chars[compact.NOT_RELEVANT_CHAR] = NOT_RELEVANT
    keys = [*scale_values, NOT_RELEVANT]
    result = []
    for cid, statement_ids in framework_statements_by_cluster.items():
        counts = dict.fromkeys(keys, 0)
        rated_bits = 0
        for sid in statement_ids:
            column = columns.get(sid)
            if column:
                for char, n in moments.latest_counts[sid].items():
                    if char in chars:
                        counts[chars[char]] += n
                rated_bits |= int.from_bytes(column.translate(has_level), "big")
        learners = rated_bits.bit_count()
        listed = set(statement_ids)
        for ratings in others:  # moments whose answers are not written in the layout: rating by rating
            rated = False
            for statement_id, rating in ratings.items():
                if statement_id not in listed or isinstance(rating, bool) or rating not in counts:
                    continue
                counts[rating] += 1
                rated = rated or rating != NOT_RELEVANT
            learners += rated
        suppressed = too_few(learners, min_group)
        result.append(LevelDistribution(cid, learners, None if suppressed else counts, suppressed))
    return result


@dataclass(frozen=True)
class StatementLevel:
    """How the learners rated one statement at their latest moment."""

    statement_id: str
    learners: int  # learners who gave it a level (not "na")
    median: float | None  # the median level; None under min_group learners


def statement_levels(rows: Cohort | Iterable[Row], statement_ids: Sequence[str],
                     min_group: int = MIN_GROUP) -> list[StatementLevel]:
    """The median level of each statement over each learner's latest moment, lowest first: among equal medians,
    the one with the larger share of learners below it first, then in `statement_ids` order. Statements fewer than
    `min_group` learners rated are left out."""
    moments = _cohort(rows)
    _columns, others = moments.latest_answers
    shown = []
    for order, sid in enumerate(statement_ids):
        counts = {int(char): n for char, n in moments.latest_counts.get(sid, {}).items()
                  if char != compact.NOT_RELEVANT_CHAR}
        for ratings in others:
            rating = ratings.get(sid)
            if isinstance(rating, int) and not isinstance(rating, bool):
                counts[rating] = counts.get(rating, 0) + 1
        levels = Counted(counts)
        if not too_few(len(levels), min_group):
            median = levels.median()
            shown.append((median, -levels.below(median) / len(levels), order, StatementLevel(sid, len(levels), median)))
    return [level for *_key, level in sorted(shown, key=lambda found: found[:3])]


def covered_clusters(rows: Cohort | Iterable[Row], cluster_ids: Sequence[str]) -> list[str]:
    """The clusters (in `cluster_ids` order) that the moments' assessments asked about."""
    asked = _cohort(rows).clusters
    return [cid for cid in cluster_ids if cid in asked]


def paired_growth(rows: Cohort | Iterable[Row], cluster_ids: Sequence[str],
                  min_group: int = MIN_GROUP) -> list[ClusterGrowth]:
    """Change from each learner's first to their latest moment, for learners with a score in both."""
    moments = _cohort(rows)
    # the same learner at each position of both (`Cohort.pick`)
    before, after = list(moments.pick("first").values()), list(moments.pick("latest").values())
    later = list(map(lt, take(moments.moment, before), take(moments.moment, after)))
    if not all(later):
        before, after = list(compress(before, later)), list(compress(after, later))
    changes: dict[str, dict[float, int]] = {cid: {} for cid in cluster_ids}
    for cid in cluster_ids:
        for (a, b), n in moments.counts.pairs(cid, before, after).items():
            if a is not None and b is not None:
                changes[cid][b - a] = changes[cid].get(b - a, 0) + n
    result = []
    for cid in cluster_ids:
        deltas = Counted(changes[cid])
        n = len(deltas)
        if too_few(n, min_group):
            result.append(ClusterGrowth(cid, n, None, None, None, True))
        else:
            result.append(ClusterGrowth(cid, n, deltas.median(), deltas.above(0) / n, deltas.below(0) / n, False))
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


def at_expected_level(rows: Cohort | Iterable[Row], framework: Framework, profile: PositionProfile, target: str,
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
    moments = _cohort(rows)
    latest = list(moments.pick("latest").values())
    if moments.summed and set(take(moments.framework, latest)) == {profile.framework_id}:
        learners, at_or_above = _expected_by_bits(moments, framework, profile, target, scales, asked, wanted)
    else:
        learners, at_or_above = {}, {}
        for row in moments.rows(latest):
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


@lru_cache(maxsize=16)
def _levels_below(level: int) -> bytes:
    """A `bytes.translate` table: 1 for the character of a level below `level`, 0 for any other."""
    return byte_table({char: 1 for char in compact.LEVEL_CHARS if int(char) < level})


def _expected_by_bits(moments: Cohort, framework: Framework, profile: PositionProfile, target: str, scales: Scales,
                      asked: list[str] | None, wanted: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """`at_expected_level`'s learners and learners at or above, per cluster, when every moment is written in the
    layout on one scale and every latest one is of the profile's framework: a byte per learner, 1 where they gave one
    of the cluster's expected statements a level, OR-ed over those statements' columns of `latest_answers`, and
    likewise 1 where a level is below the statement's expected one; their bits counted (`int.bit_count`)."""
    scale = moments.scale_of_all
    try:  # what `gap.gap` refuses in every moment alike: the target position, the scale against the profile's
        gap(framework, profile, {"framework": profile.framework_id, "scale": scale.id, "ratings": {}}, target,
            scales, asked)
    except InputError:
        return {}, {}
    columns = moments.latest_answers[0]
    learners, at_or_above = {}, {}
    for cluster in framework.clusters():
        rated = below = 0
        for statement in cluster.statements():
            column = columns.get(statement.id) if statement.id in wanted else None
            if column:
                level = profile.expected_level(statement.id, target, scale.independent)
                rated |= int.from_bytes(column.translate(HAS_LEVEL), "big")
                below |= int.from_bytes(column.translate(_levels_below(level)), "big")
        if rated:
            learners[cluster.id] = rated.bit_count()
            at_or_above[cluster.id] = learners[cluster.id] - below.bit_count()
    return learners, at_or_above


def iso_week(submitted_at: str) -> str:
    """The ISO week of a timestamp as written (its date part), e.g. "2026-W48"."""
    year, week, _ = date.fromisoformat(submitted_at[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def growth_over_time(rows: Cohort | Iterable[Row], cluster_ids: Sequence[str], min_group: int = MIN_GROUP,
                     by: str = "moment") -> list[Period]:
    """Per period, in order, the median of each cluster: by moment number, or by ISO week of submission.

    A learner counts once per period, with their latest snapshot in it. Periods with fewer than `min_group`
    learners are listed but suppressed; weeks without snapshots are not listed.
    """
    if by not in ("moment", "week"):
        raise ValueError(f"by must be 'moment' or 'week', not {by!r}")
    moments = _cohort(rows)
    periods: dict[int | str, list[int]] = {}  # period -> its rows
    if by == "week":
        if moments.submitted_at is None:
            raise ValueError("these moments were read without their times")
        weeks: dict[str, str] = {}  # date -> its ISO week
        for i, submitted in enumerate(moments.submitted_at):
            day = submitted[:10]
            periods.setdefault(weeks.get(day) or weeks.setdefault(day, iso_week(day)), []).append(i)
    else:
        for number in set(moments.moment):
            periods[number] = list(compress(range(len(moments)), map(eq, moments.moment, repeat(number))))
    result = []
    for label in sorted(periods):
        chosen = _latest_of_each(moments, periods[label])
        if too_few(len(chosen), min_group):
            result.append(Period(label, len(chosen), tuple((cid, None) for cid in cluster_ids), True))
            continue
        medians = tuple((cid, _counted_median(moments.counts.overall(cid, chosen), min_group))
                        for cid in cluster_ids)
        result.append(Period(label, len(chosen), medians, False))
    return result


def _latest_of_each(moments: Cohort, rows: list[int]) -> list[int]:
    """Each learner's latest of these rows, by (submitted_at, moment): the rows themselves when no learner has two
    (a learner has one moment of each number)."""
    learner = moments.learner
    if len(set(take(learner, rows))) == len(rows):
        return rows
    number, submitted = moments.moment, moments.submitted_at
    mine: dict[str, int] = {}
    for i in rows:
        other = mine.get(learner[i])
        if other is None or (submitted[i], number[i]) > (submitted[other], number[other]):
            mine[learner[i]] = i
    return list(mine.values())


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
