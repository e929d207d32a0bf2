"""Coverage and growth across the courses of a programme, on hand-built programmes of three courses; the
learners' pseudonymous IDs."""

import pytest

from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.programmes import ProgrammeCourse, programme_coverage, programme_growth
from digicomp_xblock.core.pseudonyms import new_secret, pseudonym


def test_three_courses_what_none_one_and_several_develop():
    framework = get_framework()
    six = [s.id for s in framework.cluster("6").statements()]  # 10 statements
    first = ProgrammeCourse("c1", "First year", frozenset(six[:4]))
    second = ProgrammeCourse("c2", "Second year", frozenset(six[2:6]))
    third = ProgrammeCourse("c3", "Placement", frozenset({"1.1.1"}))
    result = programme_coverage(framework, [first, second, third])
    cluster_six = next(c for c in result.clusters if c.cluster_id == "6")
    assert (cluster_six.statements, cluster_six.per_course, cluster_six.developed) == (10, (4, 4, 0), 6)
    cluster_one = next(c for c in result.clusters if c.cluster_id == "1")
    assert cluster_one.per_course == (0, 0, 1) and cluster_one.developed == 1
    # six[2:4] by two courses; six[0:2], six[4:6] and 1.1.1 by one; everything else by none
    assert dict(result.single) == {six[0]: "c1", six[1]: "c1", six[4]: "c2", six[5]: "c2", "1.1.1": "c3"}
    assert len(result.undeveloped) == 144 - 7
    assert six[2] not in result.undeveloped and six[6] in result.undeveloped
    assert [sid for sid, _ in result.developers] == [s.id for s in framework.statements()]
    assert dict(result.developers)[six[3]] == ("c1", "c2")


def test_a_programme_without_tagged_units_develops_nothing():
    framework = get_framework()
    result = programme_coverage(framework, [ProgrammeCourse("c1", "Empty", frozenset())])
    assert len(result.undeveloped) == 144 and result.single == ()
    assert all(c.per_course == (0,) and c.developed == 0 for c in result.clusters)


# --- Growth across the programme -----------------------------------------------------------------------------------

def moment(learner, course, when, **scores):
    """A row of the programme's moments: `scores` by cluster ("c1" is cluster 1; None: not rated)."""
    return {"learner": learner, "course": course, "submitted_at": when,
            "figures": tuple((cid[1:], value, ()) for cid, value in scores.items())}


#: Four learners of a programme of three courses: a took all three (2024, 2025, 2026), b two, c one course twice,
#: d one course without a score. Courses assess different clusters.
PROGRAMME_MOMENTS = [
    moment("a", "c1", "2024-02-01T10:00:00+00:00", c1=40.0),
    moment("a", "c2", "2025-03-01T10:00:00+00:00", c1=60.0, c2=50.0),
    moment("a", "c3", "2026-01-10T10:00:00+00:00", c2=70.0),
    moment("b", "c2", "2025-02-01T10:00:00+00:00", c1=55.0),
    moment("b", "c1", "2024-02-03T10:00:00+00:00", c1=50.0),  # rows in any order
    moment("c", "c1", "2024-05-01T10:00:00+00:00", c1=30.0),
    moment("c", "c1", "2024-06-01T10:00:00+00:00", c1=45.0),
    moment("d", "c2", "2025-01-05T10:00:00+00:00", c2=None),
]


def test_growth_across_courses_pairs_the_first_and_latest_score_of_learners_seen_in_several():
    growth = programme_growth(PROGRAMME_MOMENTS, ["1", "2"], min_group=2)
    assert growth.learners == 4 and growth.course_counts == ((1, 2), (2, 1), (3, 1)) and growth.several == 2
    one, two = growth.clusters
    # cluster 1: a 40 -> 60, b 50 -> 55 (c took one course only: not counted)
    assert (one.learners, one.first, one.latest, one.change, one.improved, one.suppressed) == (
        2, 45.0, 57.5, 12.5, 1.0, False)
    # cluster 2: only a has two scores (50 -> 70): one learner, under the minimum group
    assert (two.learners, two.first, two.change, two.suppressed) == (1, None, None, True)


def test_each_year_takes_each_learners_latest_score_of_each_cluster_in_it():
    years = programme_growth(PROGRAMME_MOMENTS, ["1", "2"], min_group=2).years
    assert [y.label for y in years] == [2024, 2025, 2026]
    y2024, y2025, y2026 = years
    assert (y2024.learners, y2024.median("1"), y2024.median("2"), y2024.suppressed) == (3, 45.0, None, False)
    assert (y2025.learners, y2025.median("1"), y2025.median("2")) == (3, 57.5, None)  # a, b, and d unscored
    assert (y2026.learners, y2026.suppressed, y2026.median("2")) == (1, True, None)


def test_with_the_usual_minimum_group_a_small_programme_shows_no_figure():
    growth = programme_growth(PROGRAMME_MOMENTS, ["1", "2"], min_group=5)
    assert all(c.suppressed and c.change is None for c in growth.clusters)
    assert all(y.suppressed for y in growth.years) and growth.learners == 4


def test_a_forgotten_learner_leaves_the_figures():
    without_a = [row for row in PROGRAMME_MOMENTS if row["learner"] != "a"]
    growth = programme_growth(without_a, ["1"], min_group=1)
    assert growth.learners == 3 and growth.several == 1
    assert (growth.clusters[0].learners, growth.clusters[0].change) == (1, 5.0)


def test_pseudonyms_are_stable_within_a_programme_and_differ_across_programmes():
    first, second = new_secret(), new_secret()
    assert first != second and len(first) == 64
    assert pseudonym(first, 42) == pseudonym(first, "42") == pseudonym(first, 42)
    assert pseudonym(first, 42) != pseudonym(second, 42)
    assert pseudonym(first, 42) != pseudonym(first, 43)
    assert len(pseudonym(first, 42)) == 32
    with pytest.raises(ValueError, match="secret"):
        pseudonym("", 42)
