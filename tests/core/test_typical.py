"""The level a learner chose most often, per cluster and kind of statement."""

from digicomp_xblock.core.typical import typical_levels


def test_the_level_chosen_most_often_per_cluster_and_kind(framework):
    ratings = {"6.1.1": 3, "6.1.2": 3, "6.1.3": 1, "6.2.1": 2, "6.2.2": 4, "6.3.1": "na", "5.2.3": 0}
    assert typical_levels(framework, ratings) == {"6": {"knowledge": 3, "skills": 2}, "5": {"skills": 0}}


def test_a_tie_goes_to_the_lower_level_and_not_relevant_is_no_level(framework):
    assert typical_levels(framework, {"6.1.1": 4, "6.1.2": 1, "6.1.3": "na", "6.1.4": True}) == {
        "6": {"knowledge": 1}}
    assert typical_levels(framework, {"6.1.1": "na"}) == {}
