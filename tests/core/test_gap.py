"""The gap between a learner's moment and a target position of a profile, on a learner worked out by hand."""

import pytest

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
