"""Agreement of a consensus exercise: distributions, Krippendorff's ordinal alpha, disagreement first, a draft profile."""

import math

import krippendorff
import pytest

from digicomp_xblock.core.agreement import agreement, draft_profile, ordinal_alpha
from digicomp_xblock.core.messages import InputError
from digicomp_xblock.core.model import LocalText
from digicomp_xblock.core.profiles import NOT_EXPECTED, Expectation, Owner

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing data: observers A-D
# (rows) x units 1-12 (columns), values 1-5, None where an observer gave no value. He reports alpha = 0.743
# (nominal), 0.815 (ordinal), 0.849 (interval).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_ordinal_alpha_of_krippendorffs_published_example():
    data = [[None if v is None else v - 1 for v in row] for row in KRIPPENDORFF_2011]
    assert round(ordinal_alpha(data, 5), 3) == 0.815
    # The same matrix gives his nominal and interval figures, so it is his data.
    matrix = [[math.nan if v is None else v for v in row] for row in KRIPPENDORFF_2011]
    assert round(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"), 3) == 0.743
    assert round(krippendorff.alpha(reliability_data=matrix, level_of_measurement="interval"), 3) == 0.849


# Three colleagues, four statements (ranks: 0 beginner, 1 experienced, 2 pioneer, 3 pacesetter, 4 not expected):
#   1.1.1  ana 0  bram 0  chris 0
#   1.1.2  ana 1  bram 1  chris 2
#   2.1.1  ana 2  bram 2  chris 2
#   2.1.2  ana 4  bram 4  (chris skipped it)
# By hand (Krippendorff's coincidences and ordinal metric): n = 11 pairable values, n_0 = 3, n_1 = 2, n_2 = 4,
# n_3 = 0, n_4 = 2. The only disagreement is 1.1.2: o_12 = o_21 = 1 and delta^2_12 = (n_1 + n_2 - (n_1 + n_2) / 2)^2
# = 9, so D_o = 18 / 11. D_e = sum over c != k of n_c n_k delta^2_ck / (n (n - 1)) = 2 x (3*2*6.25 + 3*4*30.25 +
# 3*2*72.25 + 2*4*9 + 2*2*36 + 4*2*9) / 110 = 2244 / 110. Alpha = 1 - D_o / D_e = 1 - 180 / 2244 = 172 / 187.
# Cluster 1 alone: n = 6, D_o = 2 x 2.25 / 6 = 0.75, D_e = 2 x (3*2*6.25 + 3*1*16 + 2*1*2.25) / 30 = 6, alpha = 0.875.
# Cluster 2 alone: no disagreement, alpha = 1.
CHOICES = {
    "ana": {"1.1.1": "beginner", "1.1.2": "experienced", "2.1.1": "pioneer", "2.1.2": NOT_EXPECTED},
    "bram": {"1.1.1": "beginner", "1.1.2": "experienced", "2.1.1": "pioneer", "2.1.2": NOT_EXPECTED},
    "chris": {"1.1.1": "beginner", "1.1.2": "pioneer", "2.1.1": "pioneer"},
}
SCOPE_IDS = ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]


@pytest.fixture
def scope(framework):
    return [framework.statement(sid) for sid in SCOPE_IDS]


@pytest.fixture
def result(framework, scope):
    return agreement(framework, scope, CHOICES)


def test_alpha_over_all_and_per_cluster_by_hand(result):
    assert result.alpha == pytest.approx(172 / 187)
    assert [(c.cluster_id, c.alpha) for c in result.clusters] == [("1", pytest.approx(0.875)), ("2", 1.0)]


def test_distribution_and_share_per_statement(result):
    assert result.participants == 3
    assert result.order == ("beginner", "experienced", "pioneer", "pacesetter", NOT_EXPECTED)
    second = result.statements[1]
    assert second.statement_id == "1.1.2" and second.cluster_id == "1"
    assert second.counts == (("beginner", 0), ("experienced", 2), ("pioneer", 1), ("pacesetter", 0),
                             (NOT_EXPECTED, 0))
    assert (second.choices, second.most_common, second.share, second.spread) == (3, ("experienced",),
                                                                                 pytest.approx(2 / 3), 1)
    last = result.statements[3]
    assert (last.choices, last.most_common, last.share, last.spread) == (2, (NOT_EXPECTED,), 1.0, 0)


def test_statements_by_disagreement(result):
    assert [s.statement_id for s in result.by_disagreement()] == ["1.1.2", "1.1.1", "2.1.1", "2.1.2"]


def test_a_wider_spread_is_more_disagreement_at_the_same_share(framework, scope):
    choices = {"a": {"1.1.1": "beginner", "1.1.2": "beginner"}, "b": {"1.1.1": "experienced", "1.1.2": NOT_EXPECTED}}
    result = agreement(framework, scope, choices)
    assert [s.statement_id for s in result.by_disagreement()] == ["1.1.2", "1.1.1", "2.1.1", "2.1.2"]
    assert [s.spread for s in result.statements[:2]] == [1, 4]


def test_cluster_summary(result):
    first, second = result.clusters
    assert (first.statements, first.chosen, first.unanimous, first.ties) == (2, 2, 1, 0)
    assert first.mean_share == pytest.approx((1 + 2 / 3) / 2)
    assert (second.statements, second.chosen, second.unanimous, second.ties, second.mean_share) == (2, 2, 2, 0, 1.0)


def test_alpha_is_none_when_it_is_undefined(framework, scope):
    everyone_agrees = {"a": {"1.1.1": "beginner", "2.1.1": "beginner"}, "b": {"1.1.1": "beginner"}}
    assert agreement(framework, scope, everyone_agrees).alpha is None
    nobody_overlaps = {"a": {"1.1.1": "beginner"}, "b": {"2.1.1": "pioneer"}}
    result = agreement(framework, scope, nobody_overlaps)
    assert result.alpha is None and [c.alpha for c in result.clusters] == [None, None]
    assert agreement(framework, scope, {}).alpha is None


def draft(result, framework):
    return draft_profile(result, framework, profile_id="team-north", name=LocalText.of({"en": "Draft", "nl": "Ontwerp"}),
                         description=LocalText.of({"en": "To discuss.", "nl": "Te bespreken."}),
                         owner=Owner("organisation", "org-north", "North"), date="2026-12-02")


def test_the_majority_as_a_draft_profile_with_ties_left_undecided(framework, scope):
    choices = {**CHOICES, "dina": {"1.1.1": "experienced", "1.1.2": "pioneer", "2.1.1": "pioneer"}}
    result = draft(agreement(framework, scope, choices), framework)
    assert result.profile.expectations == (("1.1.1", Expectation("beginner")), ("2.1.1", Expectation("pioneer")),
                                           ("2.1.2", Expectation(NOT_EXPECTED)))
    assert (result.ties, result.unchosen) == (("1.1.2",), ())
    provenance = result.profile.provenance
    assert (provenance.kind, provenance.date, provenance.participants) == ("consensus", "2026-12-02", 4)
    assert result.profile.positions == ("beginner", "experienced", "pioneer", "pacesetter")
    assert result.profile.expected_up_to("pioneer") == ("1.1.1", "2.1.1")


def test_a_statement_nobody_chose_is_left_undecided(framework, scope):
    choices = {"a": {"1.1.1": "beginner"}, "b": {"1.1.1": "beginner"}}
    result = draft(agreement(framework, scope, choices), framework)
    assert [sid for sid, _ in result.profile.expectations] == ["1.1.1"]
    assert (result.ties, result.unchosen) == ((), ("1.1.2", "2.1.1", "2.1.2"))


def test_a_consensus_of_one_is_refused(framework, scope):
    with pytest.raises(InputError) as caught:
        draft(agreement(framework, scope, {"a": {"1.1.1": "beginner"}}), framework)
    assert caught.value.text == "a consensus needs at least two participants, not %(count)s"
    assert str(caught.value) == "a consensus needs at least two participants, not 1"


@pytest.mark.parametrize("choices, message", [
    ({"a": {"1.1.1": "chief"}},
     "the choice 'chief' for statement 1.1.1 is none of beginner, experienced, pioneer, pacesetter, not-expected"),
    ({"a": {"9.3.4": "beginner"}}, "statement 9.3.4 is not part of this exercise"),
])
def test_choices_outside_the_exercise_are_refused(framework, scope, choices, message):
    with pytest.raises(InputError) as caught:
        agreement(framework, scope, choices)
    assert str(caught.value) == message
