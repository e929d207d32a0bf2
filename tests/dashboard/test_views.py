"""The instructor's cohort page and exports: anonymised, small groups suppressed; a learner's own profile page.

Who may see each view is in the table of tests/test_authorisation.py."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from digicomp_demo.platform import anonymous_id as demo_anonymous_id
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard.models import SnapshotRecord

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

COURSE = "course-v1-demo"
PAGE = f"/digicomp/courses/{COURSE}/cohort/"


def add_cohort(learners: int, levels=(1, 3)):
    """`learners` learners with two moments: level levels[0] everywhere, then levels[1]."""
    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = resolve_scope(framework, ["6"])
    for n in range(learners):
        for moment, level in enumerate(levels, 1):
            when = datetime(2026, 10, moment * 7, tzinfo=UTC)
            snap = make_snapshot(framework, scale, scope, {s.id: level for s in scope}, {}, when.isoformat())
            SnapshotRecord.objects.create(course_key=COURSE, block_key=f"{COURSE}.assessment", learner=f"anon-{n}",
                                          moment=moment, moment_id=snap["id"], submitted_at=when, framework=framework.id,
                                          framework_version=framework.version, scale="growth-5",
                                          ratings=snap["ratings"], scores=snap["scores"])


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_user("lecturer", is_staff=True))
    return client


PROFILE = f"/digicomp/courses/{COURSE}/profile/"


def test_staff_see_median_and_growth_per_cluster(staff_client):
    add_cohort(6)
    page = staff_client.get(PAGE).content.decode()
    assert "6 learners submitted." in page
    # cluster 6 latest moment: level 3 of 0..4 -> 75 %; first moment level 1 -> 25 %: +50 points, all improved
    assert "<td>75%</td>" in page and "<td>50.0</td>" in page and "<td>100%</td>" in page
    assert page.count('<td colspan="5">no ratings</td>') == 8  # the clusters this assessment does not ask about
    # level distribution of cluster 6 (10 statements) in the latest moment: 6 learners x 10 ratings at level 3
    assert "<td>6</td><td>0</td><td>0</td><td>0</td><td>60</td><td>0</td><td>0</td>" in page.replace("\n", "").replace(" ", "")


def test_small_groups_are_not_shown(staff_client):
    add_cohort(4)
    page = staff_client.get(PAGE).content.decode()
    assert "too few learners" in page and "75%" not in page
    assert staff_client.get(PAGE + "export/learners.csv").status_code == 403


def test_exports_are_anonymised_and_say_version_and_scale(staff_client):
    add_cohort(5)
    response = staff_client.get(PAGE + "export/learners.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][2:4] == ["# framework: social-work-2025", "# framework_versions: 2025.1.0"]
    assert "# scales: growth-5" in rows[0]
    assert rows[1][:3] == ["learner", "moment", "submitted_at"] and rows[2][0] == "anon-0"
    assert len(rows) == 2 + 10
    data = staff_client.get(PAGE + "export/clusters.json").json()
    assert data["framework_versions"] == ["2025.1.0"]
    cluster6 = next(r for r in data["rows"] if r["cluster"] == "6")
    assert (cluster6["median"], cluster6["mean_change"], cluster6["improved"]) == (75.0, 50.0, 1.0)


@pytest.mark.parametrize("url, status", [
    (PAGE + "export/everything.csv", 400), (PAGE + "export/clusters.pdf", 400), (PAGE + "?block=nope", 400),
])
def test_bad_export_requests(staff_client, url, status):
    add_cohort(5)
    assert staff_client.get(url).status_code == status


def test_the_permission_rule_is_pluggable(client, settings):
    add_cohort(5)
    settings.DIGICOMP_COHORT_PERMISSION = "tests.dashboard.test_views.everyone_named_ana"
    client.force_login(get_user_model().objects.create_user("ana"))
    assert client.get(PAGE).status_code == 200


def everyone_named_ana(user, course_key):
    return user.username == "ana" and course_key == COURSE


def test_learners_see_their_own_course_profile_only(client):
    add_cohort(6)
    SnapshotRecord.objects.filter(learner="anon-0").update(learner=demo_anonymous_id("ana"))
    client.force_login(get_user_model().objects.create_user("ana"))
    page = client.get(PROFILE).content.decode()
    assert "Your scores per cluster in this course" in page
    assert "<td>25%</td><td>75%</td><td>+50</td>" in page
    client.force_login(get_user_model().objects.create_user("nobody"))
    assert "have not submitted a self-assessment" in client.get(PROFILE).content.decode()


def test_the_course_tab_page_links_staff_to_the_cohort(client, staff_client):
    cohort_link = f'<a href="{PAGE}">Competences of the cohort (course staff)</a>'
    assert cohort_link in staff_client.get(PROFILE).content.decode()
    client.force_login(get_user_model().objects.create_user("ana"))
    assert cohort_link not in client.get(PROFILE).content.decode()


def test_a_regional_language_gets_the_framework_in_its_base_language(client, settings):
    """Open edX's languages are regional (nl-nl); the page picks the framework's `nl`, as the blocks do."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("nl-nl", "Nederlands (Nederland)")]
    add_cohort(6)
    SnapshotRecord.objects.filter(learner="anon-0").update(learner=demo_anonymous_id("ana"))
    client.force_login(get_user_model().objects.create_user("ana"))
    page = client.get(PROFILE, headers={"accept-language": "nl-NL"}).content.decode()
    assert '<html lang="nl-nl">' in page and "Digitale cliëntgegevens veilig beheren" in page
