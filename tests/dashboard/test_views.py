"""The instructor's cohort page and exports: anonymised, small groups suppressed; a learner's own profile page.

Who may see each view is in the table of tests/test_authorisation.py."""

import csv
import html
import io
import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from digicomp_demo.platform import anonymous_id as demo_anonymous_id
from digicomp_demo.registry import register_scenarios
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard.models import SnapshotRecord
from digicomp_xblock.dashboard.urls import CourseKeyConverter
from digicomp_xblock.platform.openedx import course_key_of_text

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

COURSE = "demo-course-digital-social-work-in-practice"  # the demo course: the demo's platform knows it
PAGE = f"/digicomp/courses/{COURSE}/cohort/"


@pytest.fixture(autouse=True)
def demo_courses(fresh_scenarios):
    """The demo's scenarios are its courses; a course key it does not know is a 404."""
    register_scenarios()


def add_cohort(learners: int, levels=(1, 3), shared=True, days=(7, 14), prefix="anon-"):
    """`learners` learners with two moments (October `days`): level levels[0] everywhere, then levels[1]; told
    that course staff see their answers when `shared`."""
    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = resolve_scope(framework, ["6"])
    for n in range(learners):
        for moment, level in enumerate(levels, 1):
            when = datetime(2026, 10, days[moment - 1], tzinfo=UTC)
            snap = make_snapshot(framework, scale, scope, {s.id: level for s in scope}, {}, when.isoformat(),
                                 shared=shared)
            SnapshotRecord.objects.create(course_key=COURSE, block_key=f"{COURSE}.assessment", learner=f"{prefix}{n}",
                                          moment=moment, moment_id=snap["id"], submitted_at=when, framework=framework.id,
                                          framework_version=framework.version, scale="growth-5",
                                          ratings=snap["ratings"], scores=snap["scores"], shared=shared)


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_user("lecturer", is_staff=True))
    return client


PROFILE = f"/digicomp/courses/{COURSE}/profile/"


def csv_rows(response) -> list[list[str]]:
    """The cells of a CSV export, after its byte order mark (asserted), split as its separator says."""
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    header = text[1:].splitlines()[0]
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";" if ";" in header else ","))


def test_staff_see_median_and_growth_of_the_clusters_the_assessment_asks_about(staff_client):
    add_cohort(6)
    page = staff_client.get(PAGE).content.decode()
    assert "6 learners submitted." in page and "Scale: Five levels, from not yet familiar to guiding others." in page
    # cluster 6 latest moment: level 3 of 0..4 -> 75 %; first moment level 1 -> 25 %: +50 points, all improved
    assert "<td>75%</td>" in page and "<td>50</td>" in page and "<td>100%</td>" in page
    assert "Managing digital client details securely" in page and "no ratings" not in page
    assert "Promoting digital inclusion" not in page  # a cluster this assessment does not ask about has no rows
    # level distribution of cluster 6 (10 statements) in the latest moment: 6 learners x 10 ratings, all level 3
    assert "<td>6</td><td>0%</td><td>0%</td><td>0%</td><td>100%</td><td>0%</td><td>0%</td>" in page.replace(
        "\n", "").replace(" ", "")


def test_the_page_draws_each_table_as_a_chart_and_names_the_statements_rated_lowest(staff_client):
    add_cohort(6)
    page = staff_client.get(PAGE).content.decode()
    assert page.count('class="dc-bar dc-bar-before"') == 1 and page.count('class="dc-bar dc-bar-now"') == 1
    assert page.count('class="dc-seg dc-seg-3"') == 1 and 'width="0' not in page.split("dc-cohort-levels")[1][:2000]
    lowest = page.split('<ol class="dc-lowest">')[1].split("</ol>")[0]
    assert lowest.count("<li>") == 5 and "median: I do it independently; 6 learners" in lowest.replace("\n", " ")


def test_by_week_the_timeline_names_the_monday_of_each_week(staff_client):
    add_cohort(6)
    page = staff_client.get(PAGE + "?by=week").content.decode()
    assert "week of Oct. 5, 2026" in page and "week of Oct. 12, 2026" in page


def test_small_groups_are_not_shown(staff_client):
    add_cohort(4)
    page = staff_client.get(PAGE).content.decode()
    assert "too few learners" in page and "75%" not in page and "dc-seg-3" not in page
    assert staff_client.get(PAGE + "export/learners.csv").status_code == 403


def test_exports_are_anonymised_and_say_version_scale_and_cluster_names(staff_client):
    add_cohort(5)
    rows = csv_rows(staff_client.get(PAGE + "export/learners.csv"))
    assert rows[0] == ["learner", "moment", "submitted_at", "6 Managing digital client details securely"]
    assert rows[1][0] == "anon-0" and rows[1][3] == "25.0" and len(rows) == 1 + 10
    data = staff_client.get(PAGE + "export/clusters.json").json()
    assert data["framework_versions"] == ["2025.1.0"] and data["scales"] == ["growth-5"]
    assert data["clusters"]["6"] == "Managing digital client details securely"
    cluster6 = next(r for r in data["rows"] if r["cluster"] == "6")
    assert (cluster6["median"], cluster6["median_change"], cluster6["improved"]) == (75, 50, 100)


def test_a_dutch_page_exports_csv_a_dutch_spreadsheet_opens_in_columns(staff_client):
    add_cohort(5)
    dutch = {"accept-language": "nl"}
    rows = csv_rows(staff_client.get(PAGE + "export/learners.csv", headers=dutch))
    assert rows[0][3] == "6 Digitale cliëntgegevens veilig beheren" and rows[1][3] == "25,0"
    rows = csv_rows(staff_client.get(PAGE + "export/learners.csv?sep=comma", headers=dutch))
    assert rows[1][3] == "25.0"
    clusters = csv_rows(staff_client.get(PAGE + "export/clusters.csv?sep=semicolon"))
    assert clusters[0][:3] == ["cluster", "title", "learners"] and clusters[1][:3] == ["6", "Managing digital client details securely", "5"]
    response = staff_client.get(PAGE + "export/clusters.csv?sep=tab")
    assert response.status_code == 400 and "'sep' must be 'comma' or 'semicolon'" in response.content.decode()


@pytest.mark.parametrize("url, status", [
    (PAGE + "export/everything.csv", 400), (PAGE + "export/clusters.pdf", 400), (PAGE + "?block=nope", 400),
])
def test_bad_export_requests(staff_client, url, status):
    add_cohort(5)
    assert staff_client.get(url).status_code == status


def test_a_refusal_that_repeats_the_address_is_plain_text_never_markup(staff_client):
    response = staff_client.get(PAGE + "?since=<img src=x onerror=alert(1)>")
    assert response.status_code == 400 and response["Content-Type"] == "text/plain; charset=utf-8"
    assert "<img src=x onerror=alert(1)>" in response.content.decode()  # said as it was typed, as text


@pytest.mark.parametrize("url", [PAGE, PROFILE, PAGE + "export/clusters.csv", PAGE + "export/learners.json",
                                 PAGE + "?since=notadate"])
def test_pages_with_learners_figures_are_never_cached(staff_client, url):
    """Back after a submit, or a shared computer's cache, never shows figures that are not current any more."""
    add_cohort(5)
    response = staff_client.get(url)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


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


# --- Bad queries and unknown courses ---------------------------------------------------------------------------

@pytest.mark.parametrize("query, words", [
    ("since=notadate", "'since' must be a date written as YYYY-MM-DD, not 'notadate'"),
    ("until=2026-13-45", "'until' must be a date written as YYYY-MM-DD"),
    ("since=20261001", "'since' must be a date"),
    ("since=2026-10-20&until=2026-10-01", "'since' (2026-10-20) is after 'until' (2026-10-01)"),
    ("by=month", "'by' must be 'moment' or 'week'"),
    ("block=nope", "unknown assessment block"),
])
@pytest.mark.parametrize("view", ["", "export/clusters.json", "export/learners.csv"])
def test_a_query_the_page_cannot_use_is_a_400_that_says_why(staff_client, query, words, view):
    add_cohort(6)
    response = staff_client.get(f"{PAGE}{view}?{query}")
    assert response.status_code == 400 and words in response.content.decode()


@pytest.mark.parametrize("path", ["cohort/", "profile/", "cohort/export/clusters.csv"])
def test_a_course_the_platform_does_not_know_is_a_404(staff_client, path):
    assert staff_client.get(f"/digicomp/courses/no-such-course/{path}").status_code == 404


def test_open_edx_course_keys_are_checked_where_they_enter(settings):
    """With Open edX's platform, a text that is no CourseKey never reaches a view."""
    settings.DIGICOMP_PLATFORM = "digicomp_xblock.platform.openedx.OpenEdx"
    converter = CourseKeyConverter()
    key = converter.to_python("course-v1:Org+Course+2026")
    assert isinstance(key, CourseKey) and str(key) == converter.to_url(key) == "course-v1:Org+Course+2026"
    for text in ("not a course key", "course-v1:Org+Course", "course-v1:Org+Course+2026+extra", ""):
        with pytest.raises(ValueError):
            converter.to_python(text)


def test_open_edx_course_keys_are_parsed_once_where_they_enter(settings, monkeypatch):
    """The views hand the parsed key on; the platform's lookups take it as it is."""
    settings.DIGICOMP_PLATFORM = "digicomp_xblock.platform.openedx.OpenEdx"
    parsed = []
    from_string = CourseKey.from_string.__func__
    monkeypatch.setattr(CourseKey, "from_string",
                        classmethod(lambda cls, text: parsed.append(text) or from_string(cls, text)))
    key = CourseKeyConverter().to_python("course-v1:Org+Course+2026")
    assert course_key_of_text(key) is key and course_key_of_text(course_key_of_text(key)) is key
    assert parsed == ["course-v1:Org+Course+2026"]


def test_a_course_key_that_open_edx_refuses_is_a_404_not_a_500(staff_client, settings):
    settings.DIGICOMP_PLATFORM = "digicomp_xblock.platform.openedx.OpenEdx"
    for path in ("cohort/", "profile/", "cohort/export/clusters.csv"):
        assert staff_client.get(f"/digicomp/courses/course-v1:no-plus-signs/{path}").status_code == 404


# --- Who sees individual answers, and differencing ---------------------------------------------------------------

def test_without_shared_answers_there_is_no_per_learner_export_and_no_link(staff_client):
    add_cohort(6, shared=False)
    for fmt in ("csv", "json"):
        response = staff_client.get(f"{PAGE}export/learners.{fmt}")
        assert response.status_code == 403 and "keeps each learner's answers to the learner" in response.content.decode()
    page = staff_client.get(PAGE).content.decode()
    assert "export/learners" not in page and "you see the figures of the group only" in page
    assert staff_client.get(PAGE + "export/clusters.json").status_code == 200


def test_the_per_learner_export_holds_only_moments_submitted_while_answers_were_shared(staff_client):
    add_cohort(6, shared=False)
    SnapshotRecord.objects.filter(learner__in=[f"anon-{n}" for n in range(5)], moment=2).update(shared=True)
    response = staff_client.get(PAGE + "export/learners.json")
    rows = json.loads(b"".join(response.streaming_content))["rows"]  # streamed
    assert sorted((r["learner"], r["moment"]) for r in rows) == [(f"anon-{n}", 2) for n in range(5)]


def test_no_figure_is_a_mean_and_figures_are_whole_points(staff_client):
    add_cohort(7, levels=(1, 2))
    data = staff_client.get(PAGE + "export/clusters.json").json()
    assert all("mean" not in key for row in data["rows"] for key in row)
    assert all(isinstance(row[key], int) for row in data["rows"] if not row["suppressed"]
               for key in ("median", "q1", "q3"))


def test_dates_that_leave_out_one_learner_show_no_figures(staff_client):
    """The differencing attack: the whole cohort, then the same dates but for one late learner. Shown side by side,
    the two would tell that learner's figures; the second view shows none."""
    add_cohort(9)
    add_cohort(1, levels=(0, 4), days=(20, 27), prefix="late-")  # one more learner, later in October
    everyone = staff_client.get(f"{PAGE}export/clusters.json").json()
    assert next(r for r in everyone["rows"] if r["cluster"] == "6")["learners"] == 10
    without_late = "?since=2026-10-01&until=2026-10-15"
    response = staff_client.get(f"{PAGE}export/clusters.json{without_late}")
    assert response.status_code == 403 and "leave out fewer than 5 learners" in response.content.decode()
    page = staff_client.get(PAGE + without_late).content.decode()
    shown = html.unescape(page)  # the text as the browser shows it: translations are escaped, quotes too
    assert "No figures are shown, so that nobody's answers can be worked out" in shown and "75%" not in page


def test_dates_that_leave_out_enough_learners_show_their_figures(staff_client):
    add_cohort(6)
    add_cohort(6, levels=(0, 0), days=(20, 27), prefix="late-")
    response = staff_client.get(f"{PAGE}export/clusters.json?until=2026-10-15")
    cluster6 = next(r for r in response.json()["rows"] if r["cluster"] == "6")
    assert (cluster6["learners"], cluster6["median"]) == (6, 75)



def test_the_cohort_csvs_neutralise_cells_that_start_like_a_formula(staff_client):
    add_cohort(5, prefix="=cmd|' /C calc'!A")
    for what in ("learners", "clusters"):
        response = staff_client.get(f"{PAGE}export/{what}.csv")
        found = [cell for row in csv.reader(io.StringIO(b"".join(response.streaming_content).decode())) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in found), what
    assert "'=cmd|' /C calc'!A0" in found or what == "clusters"
