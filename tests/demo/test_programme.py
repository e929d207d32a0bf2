"""The demo programme: its three courses, the synthetic learners who took one, two or three of them (accounts whose
anonymous ids are their rows' learners), and what the courses develop together."""

import csv
import io
from collections import Counter
from itertools import pairwise

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from lxml import etree
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_demo.platform import anonymous_id, course_of
from digicomp_xblock.dashboard.models import Programme, SnapshotRecord
from digicomp_xblock.platform.course import course_blocks

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb, pytest.mark.usefixtures("fresh_scenarios")]

COURSES = ("digicomp-course", "digicomp-course-2", "digicomp-course-3")
BEGINNER = "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"
KEYS = ["demo-course-digital-social-work-in-practice", "demo-course-2-blended-help-with-the-right-tools",
        "demo-course-3-a-digital-strategy-for-your-service"]


def demo_data(learners=10, seed=2025) -> str:
    out = io.StringIO()
    call_command("digicomp_demo_data", learners=learners, seed=seed, stdout=out)
    return out.getvalue()


def synthetic_accounts() -> list[str]:
    return sorted(get_user_model().objects.filter(username__startswith="learner-").values_list("username", flat=True))


def courses_per_learner() -> Counter:
    """Learner -> how many of the programme's courses they have rows in (two moments in each)."""
    rows = Counter(SnapshotRecord.objects.filter(course_key__in=KEYS).values_list("learner", "course_key"))
    assert set(rows.values()) == {2}
    return Counter(learner for learner, _course in rows)


@pytest.mark.parametrize("scenario", COURSES)
def test_each_course_loads_with_a_self_assessment_a_profile_and_the_coverage_map(client, scenario):
    client.get("/")  # registers the scenarios
    root = WorkbenchRuntime("student_1").get_block(SCENARIOS[scenario].usage_id)
    assert all(len(course_blocks(root, kind)) == 1
               for kind in ("digicomp_assessment", "digicomp_profile", "digicomp_coverage"))
    page = client.get(f"/scenario/{scenario}/")
    assert page.status_code == 200
    assert len(etree.HTML(page.content).xpath("//*[@data-block-type='digicomp_assessment']")) == 1


def test_the_programme_groups_the_three_courses_in_order():
    output = demo_data()
    assert [course_of(SCENARIOS[name].usage_id) for name in COURSES] == KEYS
    assert Programme.objects.get(slug="demo-programme").course_keys() == KEYS
    assert "/digicomp/programmes/demo-programme/" in output
    assert SnapshotRecord.objects.filter(course_key=BEGINNER, learner__startswith="synthetic-").count() == 20


def test_the_learners_are_accounts_that_took_one_two_or_three_courses_in_order_a_year_apart():
    output = demo_data(learners=10)
    names = synthetic_accounts()
    assert names == [f"learner-{n:03d}" for n in range(1, 11)]
    assert not any(get_user_model().objects.get(username=name).has_usable_password() for name in names)
    taken = Counter(courses_per_learner().values())
    assert taken[1] >= 1 and taken[2] >= 3 and taken[3] >= 3 and taken.total() == 10
    assert f"took one course: {taken[1]}, two: {taken[2]}, three: {taken[3]}" in output
    ids = {anonymous_id(name) for name in names}
    assert set(SnapshotRecord.objects.filter(course_key__in=KEYS).values_list("learner", flat=True)) == ids
    for learner in ids:
        mine = list(SnapshotRecord.objects.filter(learner=learner).order_by("submitted_at"))
        starts = [row.submitted_at for row in mine if row.moment == 1]
        assert [row.course_key for row in mine] == [key for key in KEYS[:len(starts)] for _moment in (1, 2)]
        assert all(abs((later - earlier).days - 364) <= 4 for earlier, later in pairwise(starts))


def programme_rows() -> set[tuple]:
    return set(SnapshotRecord.objects.filter(course_key__in=KEYS).values_list("learner", "course_key", "moment",
                                                                                 "answers"))


def test_rerunning_replaces_the_learners_and_their_rows():
    demo_data(learners=10)
    accounts, rows = set(get_user_model().objects.values_list("pk", "username")), programme_rows()
    demo_data(learners=10)
    assert set(get_user_model().objects.values_list("pk", "username")) == accounts  # the same accounts, kept
    assert programme_rows() == rows and SnapshotRecord.objects.filter(course_key__in=KEYS).count() == len(rows)
    demo_data(learners=4)
    assert synthetic_accounts() == [f"learner-{n:03d}" for n in range(1, 5)]
    assert set(courses_per_learner()) == {anonymous_id(name) for name in synthetic_accounts()}
    assert SnapshotRecord.objects.filter(course_key=BEGINNER).count() == 8


def test_the_courses_develop_partly_different_statements(client, taxonomy):
    demo_data(learners=0)
    client.force_login(get_user_model().objects.get(username="lecturer"))
    response = client.get("/digicomp/programmes/demo-programme/coverage.csv?sep=comma")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][3:] == [*KEYS, "courses"]
    developed = {row[0]: tuple(row[3:6]) for row in rows[1:]}
    only = Counter(columns for columns in developed.values() if columns.count("1") == 1)
    assert all(only[columns] >= 5 for columns in (("1", "0", "0"), ("0", "1", "0"), ("0", "0", "1")))
    assert Counter(developed.values())[("0", "0", "0")] >= 50  # cluster 9, for one, is developed by no course
    assert developed["5.1.4"] == ("1", "1", "0") and developed["6.2.1"] == ("1", "0", "1")
