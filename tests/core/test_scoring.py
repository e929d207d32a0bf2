"""Scores: mean level as a share of the scale per cluster and K/S/A part, "na" never a level, growth between moments."""

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.scoring import Change, ClusterScore, Profile, Score, growth, profile, score

SCALES = load_scales()
GROWTH = SCALES.get("growth-5")
THREE = SCALES.get("three-levels")

# Strategies need the real framework at import time (fixtures cannot feed them).
REAL = get_framework("social-work-2025")
STATEMENT_IDS = [s.id for s in REAL.statements()]
NODE_IDS = ([f.id for f in REAL.focuses] + [c.id for c in REAL.clusters()]
            + [comp.id for c in REAL.clusters() for comp in c.components] + STATEMENT_IDS)

# Few examples, no deadline, and no example database left in the work tree.
PROPERTY = settings(max_examples=60, deadline=None, database=None)


def every_score(result: Profile):
    """Every Score of a profile: overall, per cluster, per cluster and kind."""
    yield result.overall
    for cluster in result.clusters:
        yield cluster.overall
        for _, kind_score in cluster.by_kind:
            yield kind_score


def values_of(result: Profile):
    return [s.value for s in every_score(result)]


# --- Known answers on the mini framework ---------------------------------------------------------------------------

# (scale, ratings, cluster 1 knowledge, cluster 1 attitudes, cluster 1 overall, cluster 2 skills, overall)
MINI_CASES = {
    "growth-5 mean of 4 and 2": (GROWTH, {"1.1.1": 4, "1.1.2": 2}, 75.0, None, 75.0, None, 75.0),
    "growth-5 lowest level is 0 %, not None": (GROWTH, {"1.1.1": 0}, 0.0, None, 0.0, None, 0.0),
    "growth-5 over two clusters": (GROWTH, {"1.1.1": 4, "1.3.1": 0, "2.2.1": 1, "2.2.2": 2},
                                   100.0, 0.0, 50.0, 37.5, 43.75),
    "three-levels mean of 2 and 1": (THREE, {"1.1.1": 2, "1.1.2": 1}, 75.0, None, 75.0, None, 75.0),
    "three-levels one partly": (THREE, {"2.2.3": 1}, None, None, None, 50.0, 50.0),
    "na is not a level": (GROWTH, {"1.1.1": 4, "1.1.2": NOT_RELEVANT}, 100.0, None, 100.0, None, 100.0),
    "only na means no score": (GROWTH, {"1.1.1": NOT_RELEVANT, "1.3.1": NOT_RELEVANT}, None, None, None, None, None),
    "nothing rated": (GROWTH, {}, None, None, None, None, None),
    "ratings outside the framework are ignored": (GROWTH, {"9.9.9": 0, "1.1.1": 3}, 75.0, None, 75.0, None, 75.0),
    "a bool is not a level": (GROWTH, {"1.1.1": True, "1.1.2": 2}, 50.0, None, 50.0, None, 50.0),
}


@pytest.mark.parametrize("name", sorted(MINI_CASES))
def test_known_scores_on_the_mini_framework(name, mini):
    scale, ratings, knowledge, attitudes, cluster_one, skills_two, overall = MINI_CASES[name]
    result = profile(mini, mini.statements(), ratings, scale)
    one, two = result.cluster("1"), result.cluster("2")
    assert one.kind("knowledge").value == knowledge
    assert one.kind("attitudes").value == attitudes
    assert one.overall.value == cluster_one
    assert two.kind("skills").value == skills_two
    assert result.overall.value == overall


def test_score_counts_rated_not_relevant_answered_and_total(mini):
    """'na' counts as answered but not as rated; unanswered statements only count in the total."""
    ratings = {"1.1.1": 3, "1.1.2": NOT_RELEVANT, "2.2.1": 1, "2.2.2": NOT_RELEVANT}
    result = score(mini.statements(), ratings, GROWTH)
    assert result == Score(value=50.0, rated=2, not_relevant=2, total=6)
    assert result.answered == 4


def test_score_of_no_statements_is_none_not_zero():
    assert score([], {"1.1.1": 4}, GROWTH) == Score(None, 0, 0, 0)


def test_profile_lists_kinds_present_in_the_cluster_only(mini):
    result = profile(mini, mini.statements(), {}, GROWTH)
    assert [c.cluster_id for c in result.clusters] == ["1", "2"]
    assert [kind for kind, _ in result.cluster("1").by_kind] == ["knowledge", "attitudes"]
    assert [kind for kind, _ in result.cluster("2").by_kind] == ["skills"]
    assert result.cluster("1").kind("skills") is None
    assert result.cluster("3") is None
    assert result.cluster("1").kind("knowledge") == Score(None, 0, 0, 2)


# --- Known answers on the real framework ---------------------------------------------------------------------------

def test_cluster_one_knowledge_on_the_real_framework(framework):
    result = profile(framework, framework.statements(), {"1.1.1": 4, "1.1.2": 2}, GROWTH)
    one = result.cluster("1")
    assert one.kind("knowledge") == Score(75.0, 2, 0, 4)
    assert one.kind("skills") == Score(None, 0, 0, 5)
    assert one.overall == Score(75.0, 2, 0, 13)
    assert result.overall == Score(75.0, 2, 0, 144)
    assert [c.cluster_id for c in result.clusters] == [str(n) for n in range(1, 10)]
    assert all(c.overall.value is None for c in result.clusters if c.cluster_id != "1")


def test_knowledge_skills_attitudes_of_cluster_one(framework):
    """Knowledge all 4, skills all 0, attitudes all 'na': 100 %, 0 %, None; the cluster is the mean of 9 levels."""
    ratings = {}
    for s in framework.cluster("1").statements():
        ratings[s.id] = {"knowledge": 4, "skills": 0, "attitudes": NOT_RELEVANT}[s.kind]
    one = profile(framework, resolve_scope(framework, ["1"]), ratings, GROWTH).cluster("1")
    assert one.kind("knowledge") == Score(100.0, 4, 0, 4)
    assert one.kind("skills") == Score(0.0, 5, 0, 5)
    assert one.kind("attitudes") == Score(None, 0, 4, 4)
    assert one.overall.value == pytest.approx(100.0 * 16 / 9 / 4)
    assert (one.overall.rated, one.overall.not_relevant, one.overall.total) == (9, 4, 13)


@pytest.mark.parametrize("scope, clusters, kinds", [
    (["1", "5"], ["1", "5"], {"1": ["knowledge", "skills", "attitudes"], "5": ["knowledge", "skills", "attitudes"]}),
    (["5", "1"], ["1", "5"], {"1": ["knowledge", "skills", "attitudes"], "5": ["knowledge", "skills", "attitudes"]}),
    (["1.1", "5.2.3"], ["1", "5"], {"1": ["knowledge"], "5": ["skills"]}),
    (["9.3", "2.2.1", "2.3"], ["2", "9"], {"2": ["skills", "attitudes"], "9": ["attitudes"]}),
    (["F3"], ["7", "8", "9"], {c: ["knowledge", "skills", "attitudes"] for c in "789"}),
])
def test_profile_covers_only_what_the_scope_touches_in_document_order(scope, clusters, kinds, framework):
    result = profile(framework, resolve_scope(framework, scope), {}, GROWTH)
    assert [c.cluster_id for c in result.clusters] == clusters
    assert {c.cluster_id: [k for k, _ in c.by_kind] for c in result.clusters} == kinds


def test_ratings_outside_the_scope_do_not_count(framework):
    scope = resolve_scope(framework, ["1.1"])
    result = profile(framework, scope, {"1.1.1": 0, "1.2.1": 4, "5.1.1": 4}, GROWTH)
    assert result.overall == Score(0.0, 1, 0, 4)
    assert result.cluster("5") is None


# --- Strongest / weakest -------------------------------------------------------------------------------------------

def profile_of(values: dict) -> Profile:
    """A profile with one overall score per cluster (value None = nothing rated)."""
    clusters = tuple(ClusterScore(cid, Score(v, 0 if v is None else 1, 0, 1), ()) for cid, v in values.items())
    return Profile(Score(None, 0, 0, len(values)), clusters)


@pytest.mark.parametrize("values, strongest, weakest", [
    ({"1": 80.0, "2": 20.0, "3": 50.0}, ["1"], ["2"]),
    ({"1": 80.0, "2": 80.0, "3": 50.0}, ["1", "2"], ["3"]),
    ({"1": 10.0, "2": 80.0, "3": 10.0}, ["2"], ["1", "3"]),
    ({"1": 60.0, "2": 60.0}, [], []),  # all level: nothing to name
    ({"1": 60.2, "2": 59.9}, [], []),  # the same whole percent, as shown
    ({"1": 60.6, "2": 59.9}, ["1"], ["2"]),
    ({"1": 0.0, "2": None, "3": 100.0}, ["3"], ["1"]),
    ({"1": 90.0, "2": None}, [], []),
    ({"1": None, "2": None, "3": None}, [], []),
    ({"1": 50.0}, [], []),
    ({}, [], []),
])
def test_strongest_and_weakest_clusters(values, strongest, weakest):
    result = profile_of(values)
    assert result.strongest() == strongest
    assert result.weakest() == weakest


def test_strongest_and_weakest_from_real_ratings(framework):
    ratings = {s.id: {"1": 4, "2": 4, "3": 1}[s.cluster_id]
               for s in framework.statements() if s.cluster_id in ("1", "2", "3")}
    result = profile(framework, framework.statements(), ratings, GROWTH)
    assert result.strongest() == ["1", "2"]
    assert result.weakest() == ["3"]


# --- Growth --------------------------------------------------------------------------------------------------------

def test_growth_between_two_moments(framework):
    cluster = {cid: [s.id for s in framework.cluster(cid).statements()] for cid in ("1", "2", "5")}
    earlier = profile(framework, resolve_scope(framework, ["1", "2"]),
                      {**dict.fromkeys(cluster["1"], 2), **dict.fromkeys(cluster["2"], 3)}, GROWTH)
    later = profile(framework, resolve_scope(framework, ["1", "2", "5"]),
                    {**dict.fromkeys(cluster["1"], 3), **dict.fromkeys(cluster["2"], NOT_RELEVANT),
                     **dict.fromkeys(cluster["5"], 4)}, GROWTH)
    changes = growth(earlier, later)
    assert changes == (
        Change("1", 50.0, 75.0),
        Change("2", 75.0, None),  # nothing rated later
        Change("5", None, 100.0),  # not in the earlier profile
    )
    assert [c.delta for c in changes] == [25.0, None, None]


@pytest.mark.parametrize("before, after, delta", [
    (50.0, 75.0, 25.0), (75.0, 50.0, -25.0), (40.0, 40.0, 0.0), (0.0, 100.0, 100.0),
    (None, 75.0, None), (50.0, None, None), (None, None, None),
])
def test_change_delta(before, after, delta):
    assert Change("1", before, after).delta == delta


def test_growth_follows_the_later_profile():
    """Clusters only in the earlier profile are left out; order is the later profile's."""
    earlier = profile_of({"1": 10.0, "3": 30.0, "4": 40.0})
    later = profile_of({"2": 20.0, "4": 60.0})
    assert growth(earlier, later) == (Change("2", None, 20.0), Change("4", 40.0, 60.0))
    assert growth(earlier, profile_of({})) == ()


# --- Serialisation -------------------------------------------------------------------------------------------------

def test_to_dict_shape(mini):
    result = profile(mini, mini.statements(), {"1.1.1": 4, "1.1.2": NOT_RELEVANT}, GROWTH)
    assert result.to_dict() == {
        "overall": {"value": 100.0, "rated": 1, "not_relevant": 1, "total": 6},
        "clusters": [
            {"cluster": "1", "overall": {"value": 100.0, "rated": 1, "not_relevant": 1, "total": 3},
             "by_kind": {"knowledge": {"value": 100.0, "rated": 1, "not_relevant": 1, "total": 2},
                         "attitudes": {"value": None, "rated": 0, "not_relevant": 0, "total": 1}}},
            {"cluster": "2", "overall": {"value": None, "rated": 0, "not_relevant": 0, "total": 3},
             "by_kind": {"skills": {"value": None, "rated": 0, "not_relevant": 0, "total": 3}}},
        ],
    }


@pytest.mark.parametrize("scope", [[], ["1", "5"], ["1.1", "5.2.3"], ["F2"]])
def test_to_dict_from_dict_round_trip_also_through_json(scope, framework):
    ratings = {sid: (n % 5 if n % 7 else NOT_RELEVANT) for n, sid in enumerate(STATEMENT_IDS) if n % 3}
    result = profile(framework, resolve_scope(framework, scope), ratings, GROWTH)
    assert Profile.from_dict(result.to_dict()) == result
    assert Profile.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_from_dict_puts_kinds_in_knowledge_skills_attitudes_order():
    data = {"overall": {"value": None, "rated": 0, "not_relevant": 0, "total": 2},
            "clusters": [{"cluster": "1", "overall": {"value": None, "rated": 0, "not_relevant": 0, "total": 2},
                          "by_kind": {"attitudes": {"value": None, "rated": 0, "not_relevant": 0, "total": 1},
                                      "knowledge": {"value": None, "rated": 0, "not_relevant": 0, "total": 1}}}]}
    assert [kind for kind, _ in Profile.from_dict(data).cluster("1").by_kind] == ["knowledge", "attitudes"]


# --- Properties over the real framework ----------------------------------------------------------------------------

@st.composite
def assessments(draw):
    """(scale, scope statements, ratings): levels of the scale, 'na' or missing, dense or sparse."""
    scale = draw(st.sampled_from(SCALES.scales))
    rating = st.sampled_from(scale.values + (NOT_RELEVANT,))
    scope = resolve_scope(REAL, draw(st.lists(st.sampled_from(NODE_IDS), max_size=4)))
    dense = st.lists(st.one_of(st.none(), rating), min_size=len(STATEMENT_IDS), max_size=len(STATEMENT_IDS)).map(
        lambda values: {sid: v for sid, v in zip(STATEMENT_IDS, values, strict=False) if v is not None})
    sparse = st.dictionaries(st.sampled_from(STATEMENT_IDS), rating, max_size=30)
    return scale, scope, draw(st.one_of(dense, sparse))


@PROPERTY
@given(assessments())
def test_every_score_is_a_percentage_or_none(case):
    scale, scope, ratings = case
    for s in every_score(profile(REAL, scope, ratings, scale)):
        assert s.value is None or 0.0 <= s.value <= 100.0
        assert (s.value is None) == (s.rated == 0)


@PROPERTY
@given(assessments())
def test_marking_unrated_statements_not_relevant_changes_no_score(case):
    scale, scope, ratings = case
    before = profile(REAL, scope, ratings, scale)
    filled = {**dict.fromkeys(STATEMENT_IDS, NOT_RELEVANT), **ratings}
    after = profile(REAL, scope, filled, scale)
    assert values_of(after) == values_of(before)
    assert after.overall.answered == after.overall.total == len(scope)
    assert after.overall.rated == before.overall.rated


@PROPERTY
@given(assessments(), st.randoms(use_true_random=False))
def test_the_order_of_the_ratings_does_not_matter(case, rnd):
    scale, scope, ratings = case
    items = list(ratings.items())
    rnd.shuffle(items)
    assert profile(REAL, scope, dict(items), scale) == profile(REAL, scope, ratings, scale)
    assert profile(REAL, scope, dict(reversed(items)), scale) == profile(REAL, scope, ratings, scale)


@PROPERTY
@given(assessments(), st.data())
def test_raising_one_level_never_lowers_a_score(case, data):
    scale, scope, ratings = case
    raisable = [s for s in scope if isinstance(ratings.get(s.id), int) and ratings[s.id] < scale.maximum]
    assume(raisable)
    statement = data.draw(st.sampled_from(raisable))
    higher = data.draw(st.sampled_from([v for v in scale.values if v > ratings[statement.id]]))
    before = profile(REAL, scope, ratings, scale)
    after = profile(REAL, scope, {**ratings, statement.id: higher}, scale)
    cid = statement.cluster_id
    assert after.cluster(cid).overall.value > before.cluster(cid).overall.value
    assert after.cluster(cid).kind(statement.kind).value > before.cluster(cid).kind(statement.kind).value
    assert after.overall.value > before.overall.value
    for other in before.clusters:
        if other.cluster_id != cid:
            assert after.cluster(other.cluster_id) == other


@PROPERTY
@given(assessments())
def test_totals_count_the_scoped_statements(case):
    scale, scope, ratings = case
    result = profile(REAL, scope, ratings, scale)
    assert result.overall.total == len(scope)
    assert sum(c.overall.total for c in result.clusters) == len(scope)
    for cluster in result.clusters:
        assert sum(s.total for _, s in cluster.by_kind) == cluster.overall.total
        assert sum(s.rated for _, s in cluster.by_kind) == cluster.overall.rated
    scoped = [ratings[s.id] for s in scope if s.id in ratings]
    assert result.overall.not_relevant == scoped.count(NOT_RELEVANT)
    assert result.overall.rated == len(scoped) - scoped.count(NOT_RELEVANT)


@PROPERTY
@given(assessments())
def test_overall_is_the_mean_level_in_scope(case):
    scale, scope, ratings = case
    levels = [ratings[s.id] for s in scope if ratings.get(s.id, NOT_RELEVANT) != NOT_RELEVANT]
    span = scale.maximum - scale.minimum
    expected = 100 * (sum(levels) / len(levels) - scale.minimum) / span if levels else None
    assert profile(REAL, scope, ratings, scale).overall.value == pytest.approx(expected)


def test_the_empty_scope_resolves_to_every_statement_in_scoring():
    result = profile(REAL, resolve_scope(REAL, []), {}, GROWTH)
    assert result.overall == Score(None, 0, 0, 144)
    assert len(result.clusters) == 9

