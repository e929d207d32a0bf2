"""The gap between a learner's moment and a target position of a profile, on a learner worked out by hand."""

import pytest

from digicomp_xblock.core.cohort import at_expected_level
from digicomp_xblock.core.gap import BelowExpected, gap
from digicomp_xblock.core.messages import InputError
from digicomp_xblock.core.profiles import NOT_EXPECTED, build_profile
from digicomp_xblock.core.scales import load_scales

PROFILE = {
    "schema": "digicomp-position-profile/1", "id": "team-north",
    "framework": {"id": "social-work-2025", "version": "2025.1.0"},
    "name": {"en": "Team North", "nl": "Team Noord"}, "description": {"en": "Ours.", "nl": "Van ons."},
    "owner": {"kind": "organisation", "key": "org-north", "name": "North"},
    "provenance": {"kind": "written", "date": "2026-12-01"}, "scale": "growth-5",
    "expectations": {
        "1.1.1": "beginner", "1.1.2": "beginner", "1.1.3": "experienced", "1.2.1": {"from": "beginner", "level": 4},
        "1.2.2": "pioneer", "2.1.1": "beginner", "2.1.2": NOT_EXPECTED, "2.1.3": "beginner",
    },
}
# The learner, on growth-5 (the default expected level is 3, "I do it independently"):
#   1.1.1 3 (= expected)   1.1.2 2 (< 3)   1.1.3 1 (< 3, expected from experienced)   1.2.1 3 (< its own level 4)
#   1.2.2 0 (expected from pioneer only)   2.1.1 "na"   2.1.2 0 (not expected)   2.1.3 not rated   5.1.1 4 (no expectation)
MOMENT = {"framework": "social-work-2025", "framework_version": "2025.1.0", "scale": "growth-5",
          "ratings": {"1.1.1": 3, "1.1.2": 2, "1.1.3": 1, "1.2.1": 3, "1.2.2": 0, "2.1.1": "na", "2.1.2": 0,
                      "5.1.1": 4}}


@pytest.fixture
def profile(framework):
    return build_profile(PROFILE, framework)


def test_gap_to_experienced_practitioner(framework, profile):
    result = gap(framework, profile, MOMENT, "experienced", load_scales())
    assert (result.profile_id, result.target, result.scale, result.default_level) == ("team-north", "experienced",
                                                                                      "growth-5", 3)
    assert [c.cluster_id for c in result.clusters] == [str(n) for n in range(1, 10)]
    one = result.cluster("1")
    assert (one.expected, one.rated, one.at_or_above, one.not_relevant, one.unrated) == (4, 4, 1, (), ())
    assert one.below == (BelowExpected("1.1.2", 2, 3), BelowExpected("1.1.3", 1, 3), BelowExpected("1.2.1", 3, 4))
    two = result.cluster("2")
    assert (two.expected, two.rated, two.below, two.not_relevant, two.unrated) == (2, 0, (), ("2.1.1",), ("2.1.3",))
    assert all(c.expected == 0 and c.rated == 0 for c in result.clusters[2:])


def test_gap_to_beginner_and_to_pacesetter(framework, profile):
    beginner = gap(framework, profile, MOMENT, "beginner", load_scales()).cluster("1")
    assert (beginner.expected, [b.statement_id for b in beginner.below]) == (3, ["1.1.2", "1.2.1"])
    pacesetter = gap(framework, profile, MOMENT, "pacesetter", load_scales()).cluster("1")
    assert (pacesetter.expected, pacesetter.rated, len(pacesetter.below)) == (5, 5, 4)


def test_without_own_levels_the_moments_independent_level_is_expected(framework):
    plain = {**PROFILE, "expectations": {"1.1.1": "beginner", "1.1.2": "beginner"}}
    plain.pop("scale")
    moment = {**MOMENT, "scale": "three-levels", "ratings": {"1.1.1": 2, "1.1.2": 1}}
    result = gap(framework, build_profile(plain, framework), moment, "beginner", load_scales())
    assert result.default_level == 2 and result.cluster("1").below == (BelowExpected("1.1.2", 1, 2),)


@pytest.mark.parametrize("change, target, message", [
    ({"scale": "three-levels"}, "beginner",
     "this moment was rated on the scale 'three-levels', but the profile's levels are on 'growth-5'"),
    ({"scale": "growth-7"}, "beginner", "the scale 'growth-7' of this moment is unknown"),
    ({"framework": "youth-work-2024"}, "beginner",
     "this moment was rated on framework 'youth-work-2024'; the profile is for 'social-work-2025'"),
    ({}, NOT_EXPECTED, "'not-expected' is not a position of this framework (beginner, experienced, pioneer, pacesetter)"),
])
def test_what_cannot_be_compared_is_refused(framework, profile, change, target, message):
    with pytest.raises(InputError) as caught:
        gap(framework, profile, {**MOMENT, **change}, target, load_scales())
    assert str(caught.value) == message


# --- A small cohort against the beginner (expected in cluster 1: 1.1.1, 1.1.2 at 3, 1.2.1 at 4; cluster 2: 2.1.1,
# 2.1.3 at 3), worked out by hand -----------------------------------------------------------------------------------

def row(learner, ratings, moment=1, scale="growth-5"):
    return {**MOMENT, "learner": learner, "moment": moment, "submitted_at": f"2026-10-0{moment}T10:00:00+00:00",
            "scale": scale, "ratings": ratings}


COHORT = [
    row("a", {"1.1.1": 3, "1.1.2": 3, "1.2.1": 4, "2.1.1": 3}),  # 1: at or above; 2: at or above
    row("b", {"1.1.1": 4, "1.1.2": 2, "1.2.1": 4, "2.1.1": "na"}),  # 1: 1.1.2 below; 2: nothing rated
    row("c", {"1.1.1": 3, "1.2.1": 3, "2.1.3": 1}),  # 1: 1.2.1 below its own level 4; 2: below
    row("d", {"1.1.1": "na", "1.1.2": "na", "1.2.1": "na"}),  # 1: nothing rated (never below); 2: nothing
    row("e", {"1.1.1": 0, "1.1.2": 0, "1.2.1": 0}),  # an earlier moment of e: only the latest counts
    row("e", {"1.1.1": 3, "2.1.1": 4, "2.1.3": 3}, moment=2),  # 1: at or above (1 rated); 2: at or above
    row("f", {"1.1.1": 3, "1.1.2": 3, "1.2.1": 4}),  # 1: at or above
    row("g", {"1.1.1": 1, "1.1.2": 1}, scale="three-levels"),  # another scale than the profile's: left out
]


def test_the_share_of_learners_at_or_above_the_expected_level_per_cluster(framework, profile):
    one, two = at_expected_level(COHORT, framework, profile, "beginner", load_scales(), min_group=3)
    assert (one.cluster_id, one.learners, one.at_or_above, one.suppressed) == ("1", 5, 3, False)  # a e f of a b c e f
    assert one.share == pytest.approx(3 / 5)
    assert (two.cluster_id, two.learners, two.at_or_above, two.suppressed) == ("2", 3, 2, False)  # a e of a c e


def test_small_groups_are_suppressed_and_only_the_statements_asked_count(framework, profile):
    one, two = at_expected_level(COHORT, framework, profile, "beginner", load_scales(), min_group=5)
    assert (one.learners, one.at_or_above, one.suppressed) == (5, 3, False)
    assert (two.learners, two.at_or_above, two.suppressed, two.share) == (3, None, True, None)
    (only,) = at_expected_level(COHORT, framework, profile, "beginner", load_scales(), asked=["1.1.1", "1.1.2"],
                                min_group=1)
    # b's 1.1.2 is below; c's 1.2.1 no longer counts; d rated nothing
    assert (only.cluster_id, only.learners, only.at_or_above) == ("1", 5, 4)
    assert at_expected_level([], framework, profile, "beginner", load_scales())[0].learners == 0
