"""Coverage across the courses of a programme, on a hand-built programme of three courses."""

from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.programmes import ProgrammeCourse, programme_coverage


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
