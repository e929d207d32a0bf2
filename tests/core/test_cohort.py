"""Cohort figures: medians, quartiles, level counts, paired growth and time lines, never for fewer than min_group."""

import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digicomp_xblock.core.cohort import (
    MIN_GROUP,
    ClusterGrowth,
    ClusterStats,
    LevelDistribution,
    Period,
    StatementLevel,
    cluster_summary,
    covered_clusters,
    export_columns,
    filter_rows,
    growth_over_time,
    iso_week,
    learner_rows_for_export,
    leaves_out_enough,
    level_distribution,
    paired_growth,
    statement_levels,
)
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.scoring import ClusterScore, Profile, Score
from digicomp_xblock.core.snapshots import make_snapshot

GROWTH = load_scales().get("growth-5")
PROPERTY = settings(max_examples=60, deadline=None, database=None)


def scores(values: dict, kinds: dict | None = None) -> dict:
    """A `Profile.to_dict()` with these cluster scores (None = only "na") and, optionally, kind scores."""
    def sc(value):
        return Score(value, 0 if value is None else 1, 0, 1)

    clusters = tuple(ClusterScore(cid, sc(value), tuple((k, sc(v)) for k, v in (kinds or {}).get(cid, {}).items()))
                     for cid, value in values.items())
    return Profile(Score(None, 0, 0, len(values)), clusters).to_dict()


def row(learner, moment, submitted_at, values, kinds=None, ratings=None) -> dict:
    result = {"learner": learner, "moment": moment, "submitted_at": submitted_at, "scores": scores(values, kinds)}
    if ratings is not None:
        result["ratings"] = ratings
    return result


# --- The hand-made cohort ------------------------------------------------------------------------------------------

# learner: [(submitted_at, cluster 1, cluster 2), ...] by moment. Cluster 1 has knowledge = its score and attitudes
# = its score for learners a-d only; cluster 2 has skills = its score. f has one moment; d's second is in week 48.
COHORT = {
    "a": [("2026-11-23T09:00:00Z", 10.0, 50.0), ("2026-11-30T09:00:00Z", 20.0, 75.0)],
    "b": [("2026-11-23T09:05:00Z", 20.0, None), ("2026-11-30T09:05:00Z", 20.0, 100.0)],
    "c": [("2026-11-23T09:10:00Z", 30.0, 50.0), ("2026-12-01T10:00:00Z", 25.0, 25.0)],
    "d": [("2026-11-23T09:15:00Z", 40.0, 50.0), ("2026-11-29T21:00:00Z", 60.0, None)],
    "e": [("2026-11-23T09:20:00Z", 50.0, 50.0), ("2026-12-02T08:00:00Z", 80.0, 50.0)],
    "f": [("2026-11-24T12:00:00Z", 60.0, 50.0)],
}


def cohort_rows() -> list[dict]:
    rows = []
    for learner, moments in COHORT.items():
        for moment, (at, one, two) in enumerate(moments, 1):
            kinds = {"1": {"knowledge": one, "attitudes": one if learner in "abcd" else None}, "2": {"skills": two}}
            rows.append(row(learner, moment, at, {"1": one, "2": two}, kinds))
    return rows


ROWS = cohort_rows()


def test_cluster_summary_of_the_latest_moments():
    one, two = cluster_summary(ROWS, ["1", "2"])
    # cluster 1, latest: 20 20 25 60 80 60
    assert one == ClusterStats("1", 6, 42.5, 21.25, 60.0,
                               (("knowledge", 42.5), ("attitudes", None)), False)  # attitudes: 4 learners only
    # cluster 2, latest: 75 100 25 (d: "na" only) 50 50
    assert two == ClusterStats("2", 5, 50.0, 50.0, 75.0, (("skills", 50.0),), False)
    assert one.kind("knowledge") == 42.5 and one.kind("skills") is None


def test_cluster_summary_of_the_first_moments():
    one, two = cluster_summary(ROWS, ["1", "2"], moment="first")
    assert (one.learners, one.median, one.q1, one.q3) == (6, 35.0, 22.5, 47.5)
    assert (two.learners, two.median) == (5, 50.0)  # b rated cluster 2 "na" only


def test_cluster_summary_follows_the_requested_clusters():
    """Requested order; a cluster nobody has is listed, suppressed; clusters not asked for are left out."""
    assert [(s.cluster_id, s.learners, s.suppressed) for s in cluster_summary(ROWS, ["9", "2"])] == [
        ("9", 0, True), ("2", 5, False)]
    assert cluster_summary(ROWS, []) == []
    assert cluster_summary([], ["1"]) == [ClusterStats("1", 0, None, None, None, (), True)]


@pytest.mark.parametrize("values", [[42.0], [10.0, 90.0], [0.0, 0.0, 100.0], [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.6]])
def test_median_and_quartiles_are_the_statistics_module_figures(values):
    rows = [row(f"l{n}", 1, "2026-11-23", {"1": v}) for n, v in enumerate(values)]
    stats = cluster_summary(rows, ["1"], min_group=1)[0]
    q1, q3 = ((values[0], values[0]) if len(values) == 1
              else statistics.quantiles(values, n=4, method="inclusive")[::2])
    assert (stats.median, stats.q1, stats.q3) == (statistics.median(values), q1, q3)
    assert not hasattr(stats, "mean")  # a mean would let two groups that differ by one learner tell their score


def test_an_unknown_moment_is_refused():
    with pytest.raises(ValueError, match="latest"):
        cluster_summary(ROWS, ["1"], moment="second")
    with pytest.raises(ValueError, match="week"):
        growth_over_time(ROWS, ["1"], by="day")


# --- Suppression ---------------------------------------------------------------------------------------------------

def group(n: int) -> list[dict]:
    """n learners with two moments: cluster 1 from 40 to 60, every statement of cluster 1 rated."""
    ratings = {"1.1.1": 2, "1.1.2": 3, "1.3.1": NOT_RELEVANT}
    return [row(f"l{i}", m, f"2026-11-{20 + m}T10:00:00", {"1": v}, ratings=ratings)
            for i in range(n) for m, v in ((1, 40.0), (2, 60.0))]


FIGURES = {
    "summary": lambda rows, k: cluster_summary(rows, ["1"], min_group=k)[0],
    "levels": lambda rows, k: level_distribution(rows, {"1": ["1.1.1", "1.1.2", "1.3.1"]}, GROWTH.values, k)[0],
    "growth": lambda rows, k: paired_growth(rows, ["1"], min_group=k)[0],
    "by moment": lambda rows, k: growth_over_time(rows, ["1"], min_group=k)[-1],
    "by week": lambda rows, k: growth_over_time(rows, ["1"], min_group=k, by="week")[0],
}


@pytest.mark.parametrize("name", sorted(FIGURES))
@pytest.mark.parametrize("n, min_group, suppressed", [
    (4, MIN_GROUP, True), (5, MIN_GROUP, False), (6, MIN_GROUP, False), (2, 3, True), (3, 3, False), (1, 1, False),
])
def test_figures_of_fewer_than_min_group_learners_are_suppressed(name, n, min_group, suppressed):
    result = FIGURES[name](group(n), min_group)
    assert result.suppressed is suppressed
    shown = {
        ClusterStats: lambda r: [r.median, r.q1, r.q3],
        LevelDistribution: lambda r: [r.counts],
        ClusterGrowth: lambda r: [r.median_change, r.improved, r.declined],
        Period: lambda r: [r.median("1")],
    }[type(result)](result)
    assert all(v is None for v in shown) if suppressed else all(v is not None for v in shown)


@pytest.mark.parametrize("whole, part, shown", [(10, 10, True), (10, 9, False), (10, 6, False), (10, 5, True),
                                                (30, 12, True), (0, 0, True)])
def test_a_part_of_a_cohort_is_shown_only_when_it_leaves_out_enough_learners(whole, part, shown):
    assert leaves_out_enough(whole, part, min_group=5) is shown


def test_nobody_means_nothing_to_show():
    assert cluster_summary([], ["1"], min_group=0) == [ClusterStats("1", 0, None, None, None, (), True)]
    assert level_distribution([], {"1": ["1.1.1"]}, GROWTH.values, 0) == [LevelDistribution("1", 0, None, True)]
    assert paired_growth([], ["1"], min_group=0) == [ClusterGrowth("1", 0, None, None, None, True)]
    assert growth_over_time([], ["1"], min_group=0) == growth_over_time([], ["1"], by="week") == []
    assert filter_rows([], "2026-01-01") == learner_rows_for_export([], ["1"]) == []


def test_a_suppressed_period_keeps_its_place_in_the_time_line():
    rows = group(5) + [row("late", 3, "2026-12-01", {"1": 80.0})]
    periods = growth_over_time(rows, ["1"])
    assert periods == [Period(1, 5, (("1", 40.0),), False), Period(2, 5, (("1", 60.0),), False),
                       Period(3, 1, (("1", None),), True)]


# --- Level distribution --------------------------------------------------------------------------------------------

STATEMENTS = {"1": ["1.1.1", "1.1.2", "1.3.1"], "2": ["2.2.1", "2.2.2"]}


def test_level_distribution_counts_the_latest_ratings_per_level_and_na():
    rows = [
        row("a", 1, "2026-11-23", {}, ratings={"1.1.1": 0, "1.1.2": 0, "2.2.1": 0}),  # not the latest: ignored
        row("a", 2, "2026-11-30", {}, ratings={"1.1.1": 4, "1.1.2": 3, "1.3.1": NOT_RELEVANT, "2.2.1": 1}),
        row("b", 1, "2026-11-23", {}, ratings={"1.1.1": 4, "1.1.2": NOT_RELEVANT, "2.2.1": 2}),
        row("c", 1, "2026-11-23", {}, ratings={"1.1.1": 3, "2.2.1": NOT_RELEVANT, "2.2.2": NOT_RELEVANT}),
        row("d", 1, "2026-11-23", {}, ratings={"1.1.1": 2, "1.3.1": 2, "2.2.2": 4, "9.9.9": 4}),  # 9.9.9: unknown
        row("e", 1, "2026-11-23", {}, ratings={"1.1.2": 1, "2.2.1": 7, "2.2.2": 3}),  # 7: not a level of the scale
        row("f", 1, "2026-11-23", {}),  # no ratings at all
    ]
    one, two = level_distribution(rows, STATEMENTS, GROWTH.values)
    assert one == LevelDistribution("1", 5, {0: 0, 1: 1, 2: 2, 3: 2, 4: 2, NOT_RELEVANT: 2}, False)
    assert list(one.counts) == [0, 1, 2, 3, 4, NOT_RELEVANT]
    # cluster 2: a, b, d and e gave a level; c only "na" does not count as rated
    assert two == LevelDistribution("2", 4, None, True)
    assert level_distribution(rows, STATEMENTS, GROWTH.values, min_group=4)[1].counts == {
        0: 0, 1: 1, 2: 1, 3: 1, 4: 1, NOT_RELEVANT: 2}


def test_a_bool_is_not_a_level_in_the_distribution():
    rows = [row(f"l{i}", 1, "2026-11-23", {}, ratings={"1.1.1": True, "1.1.2": 1}) for i in range(5)]
    assert level_distribution(rows, STATEMENTS, GROWTH.values)[0].counts == {
        0: 0, 1: 5, 2: 0, 3: 0, 4: 0, NOT_RELEVANT: 0}


# --- Paired growth -------------------------------------------------------------------------------------------------

def test_paired_growth_from_first_to_latest_moment():
    one, two = paired_growth(ROWS, ["1", "2"])
    # a +10, b 0, c -5, d +20, e +30 (median +10); f has one moment and does not count
    assert one == ClusterGrowth("1", 5, 10.0, 0.6, 0.2, False)
    # a +25, c -25, e 0; b has no first score and d no latest score in cluster 2
    assert two == ClusterGrowth("2", 3, None, None, None, True)
    assert paired_growth(ROWS, ["2"], min_group=3) == [ClusterGrowth("2", 3, 0.0, 1 / 3, 1 / 3, False)]


def test_a_learner_with_one_moment_is_no_pair():
    rows = group(4) + [row("once", 1, "2026-11-21", {"1": 10.0})]
    assert paired_growth(rows, ["1"]) == [ClusterGrowth("1", 4, None, None, None, True)]
    assert paired_growth(rows + [row("once", 2, "2026-11-22", {"1": 0.0})], ["1"]) == [
        ClusterGrowth("1", 5, 20.0, 0.8, 0.2, False)]  # +20 four times and -10: the median is +20


def test_paired_growth_skips_the_middle_moments():
    rows = [row(f"l{i}", m, f"2026-11-2{m}", {"1": v}) for i in range(5) for m, v in ((1, 50.0), (2, 0.0), (3, 75.0))]
    assert paired_growth(rows, ["1"]) == [ClusterGrowth("1", 5, 25.0, 1.0, 0.0, False)]


# --- Time lines ----------------------------------------------------------------------------------------------------

def test_growth_over_time_by_moment():
    assert growth_over_time(ROWS, ["1", "2"]) == [
        Period(1, 6, (("1", 35.0), ("2", 50.0)), False),
        Period(2, 5, (("1", 25.0), ("2", None)), False),  # cluster 2 scored by a, b, c and e only
    ]


def test_growth_over_time_by_iso_week():
    """Week 48: all first moments and d's second (d counts once, latest); week 49: four learners."""
    assert growth_over_time(ROWS, ["1", "2"], by="week") == [
        Period("2026-W48", 6, (("1", 40.0), ("2", None)), False),  # 10 20 30 60 50 60; 50 50 50 50 (b, d "na")
        Period("2026-W49", 4, (("1", None), ("2", None)), True),
    ]
    assert growth_over_time(ROWS, ["1"], by="week", min_group=4)[1] == Period("2026-W49", 4, (("1", 22.5),), False)


def test_moments_are_ordered_as_numbers():
    rows = [row("a", m, f"2026-11-{m:02d}", {"1": float(m)}) for m in (10, 2, 1)]
    assert [p.label for p in growth_over_time(rows, ["1"], min_group=1)] == [1, 2, 10]


@pytest.mark.parametrize("submitted_at, week", [
    ("2026-11-23T09:00:00Z", "2026-W48"),
    ("2026-11-29T23:59:59+01:00", "2026-W48"),  # the date as written, not converted
    ("2026-11-30", "2026-W49"),
    ("2027-01-01T00:00:00", "2026-W53"),
    ("2025-12-29T08:00:00.123456Z", "2026-W01"),
])
def test_iso_week(submitted_at, week):
    assert iso_week(submitted_at) == week


# --- Filters and export --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("since, until, learners", [
    (None, None, "aabbccddeef"),
    ("2026-11-30", None, "abce"),
    (None, "2026-11-29", "abcddef"),  # a date bound covers its whole day
    ("2026-11-24", "2026-11-30", "abdf"),
    ("2026-11-30T09:05:00Z", "2026-12-01T10:00:00Z", "bc"),  # timestamps are inclusive too
    ("2026-12-03", None, ""),
    ("2026-12-01", "2026-11-01", ""),
])
def test_filter_rows_by_submission_time(since, until, learners):
    assert "".join(sorted(r["learner"] for r in filter_rows(ROWS, since, until))) == learners


def test_learner_rows_for_export():
    rows = [
        row("b", 2, "2026-11-30T09:00:00Z", {"1": 66.66666, "2": None}),
        row("a", 1, "2026-11-23T09:00:00Z", {"1": 12.25, "3": 0.0}),
        row("b", 1, "2026-11-23T09:00:00Z", {"1": 100.0, "2": 37.549}),
    ]
    exported = learner_rows_for_export(rows, ["1", "2"])
    assert exported == [
        {"learner": "a", "moment": 1, "submitted_at": "2026-11-23T09:00:00Z", "cluster_1": 12.2, "cluster_2": ""},
        {"learner": "b", "moment": 1, "submitted_at": "2026-11-23T09:00:00Z", "cluster_1": 100.0, "cluster_2": 37.5},
        {"learner": "b", "moment": 2, "submitted_at": "2026-11-30T09:00:00Z", "cluster_1": 66.7, "cluster_2": ""},
    ]
    assert all(list(r) == export_columns(["1", "2"]) for r in exported)


# --- Real snapshots ------------------------------------------------------------------------------------------------

def test_rows_from_real_snapshots(mini):
    """Snapshots made by `make_snapshot` feed the figures as they are."""
    scope = list(mini.statements())
    rows = []
    for n in range(5):
        for moment, level in ((1, n % 5), (2, 4)):
            snapshot = make_snapshot(mini, GROWTH, scope, {"1.1.1": level, "1.3.1": NOT_RELEVANT, "2.2.1": 2}, {},
                                     f"2026-11-2{moment}T10:00:00Z")
            rows.append({"learner": f"l{n}", "moment": moment, **snapshot})
    one, two = cluster_summary(rows, ["1", "2"])
    assert (one.median, one.kind("knowledge"), one.kind("attitudes"), two.median) == (100.0, 100.0, None, 50.0)
    assert paired_growth(rows, ["1"])[0] == ClusterGrowth("1", 5, 50.0, 0.8, 0.0, False)  # 0 25 50 75 100 -> 100
    counts = level_distribution(rows, {c.id: [s.id for s in c.statements()] for c in mini.clusters()}, GROWTH.values)
    assert counts[0].counts == {0: 0, 1: 0, 2: 0, 3: 0, 4: 5, NOT_RELEVANT: 5}


# --- Properties ----------------------------------------------------------------------------------------------------

value = st.one_of(st.none(), st.floats(0, 100, allow_nan=False))


@st.composite
def cohorts(draw):
    """Rows of up to 12 learners with 1-3 moments each, clusters "1" and "2" scored, "na" only or missing."""
    rows = []
    for n in range(draw(st.integers(0, 12))):
        for moment in range(1, draw(st.integers(1, 3)) + 1):
            day = draw(st.integers(1, 60))
            values = {cid: draw(value) for cid in ("1", "2") if draw(st.booleans()) or cid == "1"}
            rows.append(row(f"l{n}", moment, f"2026-{10 + day // 31:02d}-{day % 31 + 1:02d}T{moment:02d}:00:00",
                            values, ratings={"1.1.1": draw(st.sampled_from((0, 4, NOT_RELEVANT)))}))
    return rows


def latest_values(rows, cid):
    latest = {}
    for r in rows:
        if r["learner"] not in latest or r["moment"] > latest[r["learner"]]["moment"]:
            latest[r["learner"]] = r
    return [c["overall"]["value"] for r in latest.values() for c in r["scores"]["clusters"]
            if c["cluster"] == cid and c["overall"]["value"] is not None]


@PROPERTY
@given(cohorts(), st.integers(1, 6))
def test_medians_lie_between_the_smallest_and_largest_score(rows, min_group):
    for stats in cluster_summary(rows, ["1", "2"], min_group=min_group):
        values = latest_values(rows, stats.cluster_id)
        assert stats.learners == len(values)
        assert stats.suppressed == (len(values) < min_group or not values)
        if not stats.suppressed:
            assert min(values) <= stats.median <= max(values)
            assert min(values) - 1e-9 <= stats.q1 <= stats.median + 1e-9 <= stats.q3 + 2e-9 <= max(values) + 3e-9
            assert stats.median == statistics.median(values)
    for period in growth_over_time(rows, ["1", "2"], min_group=min_group):
        for _, median in period.medians:
            assert median is None or 0.0 <= median <= 100.0


@PROPERTY
@given(cohorts(), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(rows, rnd: random.Random):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    for figure in (
        lambda rs: cluster_summary(rs, ["1", "2"], min_group=2),
        lambda rs: cluster_summary(rs, ["1", "2"], min_group=2, moment="first"),
        lambda rs: level_distribution(rs, {"1": ["1.1.1"]}, GROWTH.values, 2),
        lambda rs: paired_growth(rs, ["1", "2"], min_group=2),
        lambda rs: growth_over_time(rs, ["1", "2"], min_group=2),
        lambda rs: growth_over_time(rs, ["1", "2"], min_group=2, by="week"),
        lambda rs: learner_rows_for_export(rs, ["1", "2"]),
        lambda rs: sorted(map(id, filter_rows(rs, "2026-10-15", "2026-11-15"))),
    ):
        assert figure(shuffled) == figure(rows)
        assert figure(iter(shuffled)) == figure(rows)  # any iterable, read once


def test_statements_rated_lowest_come_first_and_small_groups_are_left_out():
    ratings = [{"1.1.1": 3, "1.1.2": 1, "1.1.3": "na"}, {"1.1.1": 4, "1.1.2": 0, "1.1.3": 2},
               {"1.1.1": 3, "1.1.2": 2}, {"1.1.1": 2, "1.1.2": 1}, {"1.1.1": 3, "1.1.2": 1}]
    rows = [row(f"l{n}", 1, "2026-11-23", {"1": 50.0}, ratings=r) for n, r in enumerate(ratings)]
    found = statement_levels(rows, ["1.1.1", "1.1.2", "1.1.3"], min_group=5)
    assert found == [StatementLevel("1.1.2", 5, 1), StatementLevel("1.1.1", 5, 3)]  # 1.1.3: one level only
    assert [s.statement_id for s in statement_levels(rows, ["1.1.1", "1.1.2", "1.1.3"], min_group=1)] == [
        "1.1.2", "1.1.3", "1.1.1"]


def test_among_equal_medians_the_statement_more_learners_rated_below_it_comes_first():
    ratings = [{"1.1.1": 2, "1.1.2": 2}, {"1.1.1": 2, "1.1.2": 0}, {"1.1.1": 2, "1.1.2": 0},
               {"1.1.1": 3, "1.1.2": 3}, {"1.1.1": 3, "1.1.2": 4}]
    rows = [row(f"l{n}", 1, "2026-11-23", {"1": 50.0}, ratings=r) for n, r in enumerate(ratings)]
    found = statement_levels(rows, ["1.1.1", "1.1.2"], min_group=5)
    assert [(s.statement_id, s.median) for s in found] == [("1.1.2", 2), ("1.1.1", 2)]


def test_only_the_clusters_the_assessment_asked_about_are_covered():
    assert covered_clusters(ROWS, ["9", "2", "1", "3"]) == ["2", "1"]
    assert covered_clusters([], ["1"]) == []


@pytest.mark.parametrize("seed", range(12))
def test_paired_growth_counts_the_changes_a_learner_by_learner_reading_finds(seed):
    """Counted by pairs of scores when every moment asks the same clusters, read learner by learner when the
    clusters differ (here: in half of the cohorts, one learner's latest moment adds cluster 3)."""
    rng = random.Random(seed)
    levels = [None, 0.0, 25.0, 50.0, 75.0, 100.0]
    rows = []
    for n in range(rng.randint(5, 30)):
        for moment in range(1, rng.randint(1, 3) + 1):
            values = {cid: rng.choice(levels) for cid in ("1", "2")}
            if seed % 2 and n == 0 and moment > 1:
                values["3"] = 50.0
            rows.append(row(f"l{n}", moment, f"2026-11-{10 + moment}T10:00:00Z", values))
    expected = []
    for cid in ("1", "2", "3"):
        deltas = []
        for learner in {r["learner"] for r in rows}:
            mine = sorted((r for r in rows if r["learner"] == learner), key=lambda r: r["moment"])
            if len(mine) > 1:
                values = [{c["cluster"]: c["overall"]["value"] for c in r["scores"]["clusters"]} for r in mine]
                a, b = values[0].get(cid), values[-1].get(cid)
                if a is not None and b is not None:
                    deltas.append(b - a)
        expected.append((len(deltas), statistics.median(deltas) if deltas else None,
                         sum(d > 0 for d in deltas) / len(deltas) if deltas else None))
    found = paired_growth(rows, ["1", "2", "3"], min_group=1)
    assert [(g.pairs, g.median_change, g.improved) for g in found] == expected
