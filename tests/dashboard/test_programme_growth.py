"""Growth across a programme's courses (learners linked by their pseudonymous ID in the programme), its CSV, the
learner's own profile across the programme, and retirement taking a learner out of the figures.

Who may see each view is in the table of tests/test_authorisation.py."""

import csv
import io
import re
import sys
import types
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from digicomp_demo.platform import anonymous_id
from digicomp_demo.registry import register_scenarios
from digicomp_xblock import platform
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.pseudonyms import pseudonym
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard import api
from digicomp_xblock.dashboard.models import Programme, SnapshotRecord
from digicomp_xblock.platform.openedx import OpenEdx

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

FIRST = "demo-course-digital-social-work-in-practice"
SECOND = "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"
PAGE = "/digicomp/programmes/social-work/"
#: Six learners took both courses (level 1 in the first course's first moment, 3 in the second's latest); two
#: took only the first.
BOTH = [f"both-{n}" for n in range(6)]
ONCE = ["once-0", "once-1"]


def add_moment(username: str, course: str, number: int, when: datetime, level: int):
    """A moment of cluster 6 at one level, in a course's assessment, under the demo's anonymous id of `username`."""
    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = resolve_scope(framework, ["6"])
    snap = make_snapshot(framework, scale, scope, {s.id: level for s in scope}, {}, when.isoformat(), shared=True)
    SnapshotRecord.objects.create(course_key=course, block_key=f"{course}.assessment", learner=anonymous_id(username),
                                  moment=number, moment_id=snap["id"], submitted_at=when, framework=framework.id,
                                  framework_version=framework.version, scale="growth-5", ratings=snap["ratings"],
                                  scores=snap["scores"], shared=True)


@pytest.fixture
def programme(fresh_scenarios):
    register_scenarios()
    users = get_user_model().objects
    for name in BOTH:
        users.create_user(name)
        add_moment(name, FIRST, 1, datetime(2025, 3, 1, tzinfo=UTC), 1)
        add_moment(name, FIRST, 2, datetime(2025, 6, 1, tzinfo=UTC), 2)
        add_moment(name, SECOND, 1, datetime(2026, 2, 1, tzinfo=UTC), 3)
    for name in ONCE:
        users.create_user(name)
        add_moment(name, FIRST, 1, datetime(2025, 3, 2, tzinfo=UTC), 4)
    return Programme.objects.create(slug="social-work", name="Social work", courses=f"{FIRST}\n{SECOND}")


def signed_in(client, name, staff=False):
    user = get_user_model().objects.filter(username=name).first() or get_user_model().objects.create_user(name)
    user.is_staff = staff
    user.save()
    client.force_login(user)
    return client


def cells(text: str, caption: str) -> list[list[str]]:
    """The rows of the table with this caption, as the texts of their cells (tags removed)."""
    table = text[text.index(caption):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    return [[re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row,
                                                                             re.DOTALL)] for row in rows]


def test_staff_see_the_first_and_latest_score_of_learners_seen_in_several_courses(client, programme):
    text = signed_in(client, "lecturer", staff=True).get(PAGE).content.decode()
    assert "8 learners took a self-assessment in the programme&#x27;s courses." in text
    assert "6 of them were seen in more than one course" in text
    assert cells(text, "Learners by the number")[1:] == [["1", "2"], ["2", "6"]]
    growth = cells(text, "Growth across the courses")
    # cluster 6: 25% (level 1 of 0-4) at the first moment, 75% at the latest: +50 points, all six improved
    assert growth[1][1:] == ["6", "25%", "75%", "50", "100%"]
    assert 'id="dc-programme-growth-title"' in text  # the chart beside the table
    header, learners, cluster_6 = cells(text, "Median per cluster and year")
    # 2025: each learner's latest that year, 50% for the six (level 2), 100% for the two; 2026: the six at 75%
    assert header[1:] == ["2025", "2026"] and learners[1:] == ["8", "6"] and cluster_6[1:] == ["50%", "75%"]


def test_small_groups_stay_hidden(client, programme):
    SnapshotRecord.objects.filter(course_key=SECOND, learner__in=[anonymous_id(n) for n in BOTH[:2]]).delete()
    text = signed_in(client, "lecturer", staff=True).get(PAGE).content.decode()
    assert cells(text, "Growth across the courses")[1][1:] == ["4", "too few learners"]
    _header, learners, cluster_6 = cells(text, "Median per cluster and year")
    assert learners[1:] == ["8", "4"] and cluster_6[1:] == ["50%", "too few learners"]
    assert 'id="dc-programme-growth-title"' not in text


def test_the_growth_csv_has_a_row_per_cluster_and_a_column_per_year(client, programme):
    response = signed_in(client, "lecturer", staff=True).get(f"{PAGE}growth.csv?sep=comma")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["cluster", "title", "learners", "suppressed", "first", "latest", "median_change", "improved",
                       "median_2025", "median_2026"]
    assert rows[1][0] == "6" and rows[1][2:] == ["6", "False", "25", "75", "50", "100", "50", "75"]


def test_an_unknown_export_is_a_404_that_names_it(client, programme):
    response = signed_in(client, "lecturer", staff=True).get(f"{PAGE}everything.csv")
    assert response.status_code == 404 and "everything" in response.content.decode()


def test_moments_without_an_account_are_left_out_and_counted(client, programme):
    SnapshotRecord.objects.filter(learner=anonymous_id("once-0")).update(learner="no-such-account")
    text = signed_in(client, "lecturer", staff=True).get(PAGE).content.decode()
    assert "7 learners took a self-assessment" in text
    assert "The moments of 1 learner could not be linked to an account and are left out." in text


def test_pseudonyms_are_stable_within_a_programme_and_differ_across_programmes(programme):
    other = Programme.objects.create(slug="other", name="Other", courses=f"{SECOND}\n{FIRST}")
    ours, _ = api.programme_moments("social-work")
    theirs, _ = api.programme_moments("other")
    user = get_user_model().objects.get(username="both-0")
    mine = {row["learner"] for row in ours if row["learner"] == pseudonym(programme.secret, user.pk)}
    assert len(mine) == 1 and sum(row["learner"] in mine for row in ours) == 3  # one ID for all three moments
    assert not mine & {row["learner"] for row in theirs}
    assert programme.secret != other.secret
    assert anonymous_id("both-0") not in {row["learner"] for row in ours}  # not the per-course anonymous id


def test_retirement_takes_a_learner_out_of_the_programme_figures(client, programme):
    api.forget_learners([anonymous_id("both-0")])
    text = signed_in(client, "lecturer", staff=True).get(PAGE).content.decode()
    assert "7 learners took a self-assessment" in text and "5 of them were seen in more than one course" in text
    assert cells(text, "Growth across the courses")[1][1] == "5"


def test_a_learner_sees_their_own_profile_across_the_programme_from_the_course_tab(client, programme):
    learner = signed_in(client, "both-1")
    course_page = learner.get(f"/digicomp/courses/{FIRST}/profile/").content.decode()
    assert f'href="{PAGE}mine/"' in course_page and "Your competences across the programme “Social work”" in course_page
    text = learner.get(f"{PAGE}mine/").content.decode()
    assert "Based on the 3 self-assessments you submitted in the programme&#x27;s courses." in text
    assert "Only you see this page." in text
    assert [row[1] for row in cells(text, "The programme&#x27;s courses")[1:]] == ["2", "1"]
    assert set(re.findall(r"<td>(\d+)%</td>", text)) <= {"25", "50", "75"}  # own moments only (no 100%)


def test_a_learner_without_moments_is_told_so(client, programme):
    text = signed_in(client, "newcomer").get(f"{PAGE}mine/").content.decode()
    assert "You have not submitted a self-assessment in the programme&#x27;s courses yet." in text


def test_a_course_of_no_programme_links_to_none(client, programme):
    Programme.objects.all().delete()
    page = signed_in(client, "both-1").get(f"/digicomp/courses/{FIRST}/profile/").content.decode()
    assert "/mine/" not in page


def platform_module(monkeypatch, dotted: str, **models):
    """An Open edX module (and its parents) for the test's duration, with `models` whose `objects` is the given
    stand-in of a manager."""
    parts = dotted.split(".")
    for n in range(1, len(parts)):
        monkeypatch.setitem(sys.modules, ".".join(parts[:n]), types.ModuleType(".".join(parts[:n])))
    module = types.ModuleType(dotted)
    for name, manager in models.items():
        setattr(module, name, types.SimpleNamespace(objects=manager))
    monkeypatch.setitem(sys.modules, dotted, module)


def test_open_edx_links_anonymous_ids_through_its_table_in_batches(monkeypatch):
    """OpenEdx.user_ids asks AnonymousUserId, at most LOOKUP_BATCH ids per query."""
    asked = []

    class Rows:
        def filter(self, anonymous_user_id__in):
            asked.append(list(anonymous_user_id__in))
            return self

        def values_list(self, *names):
            assert names == ("anonymous_user_id", "user_id")
            return [(anon, int(anon[1:])) for anon in asked[-1] if anon != "a7"]

    platform_module(monkeypatch, "common.djangoapps.student.models", AnonymousUserId=Rows())
    monkeypatch.setattr("digicomp_xblock.platform.openedx.LOOKUP_BATCH", 4)
    found = OpenEdx().user_ids([f"a{n}" for n in range(10)])
    assert [len(batch) for batch in asked] == [4, 4, 2]
    assert found == {f"a{n}": n for n in range(10) if n != 7}
    assert platform.Platform().user_ids(["a1"]) == {}


def test_open_edx_finds_an_organisations_runs_in_its_course_overviews(monkeypatch):
    asked = {}

    class Overviews:
        def filter(self, org__in):
            asked["orgs"] = org__in
            return self

        def order_by(self, *names):
            asked["order"] = names
            return self

        def values_list(self, name, flat):
            return ["course-v1:KUL+SW1+2025", "course-v1:KUL+SW2+2026"]

    platform_module(monkeypatch, "openedx.core.djangoapps.content.course_overviews.models", CourseOverview=Overviews())
    assert OpenEdx().course_runs(["KUL"]) == ["course-v1:KUL+SW1+2025", "course-v1:KUL+SW2+2026"]
    assert asked == {"orgs": ["KUL"], "order": ("start", "id")}
    assert OpenEdx().organisation("course-v1:KUL+SW1+2025") == "KUL"
