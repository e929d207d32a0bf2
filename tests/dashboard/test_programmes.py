"""The programme page and its CSV: what the courses of a programme develop together, for the staff of all of them.

Who may see them is also in the table of tests/test_authorisation.py."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from workbench.scenarios import SCENARIOS

from digicomp_demo.platform import Workbench
from digicomp_demo.registry import register_scenarios
from digicomp_xblock.dashboard import api
from digicomp_xblock.dashboard.admin import ProgrammeForm
from digicomp_xblock.dashboard.models import Programme
from tests.helpers import FILES, tag_unit

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

COURSE = "demo-course-digital-social-work-in-practice"
BEGINNER = "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"
PAGE = "/digicomp/programmes/social-work/"


@pytest.fixture
def programme(fresh_scenarios, taxonomy, framework):
    """The demo course (its unit on client files tagged with cluster 6) and the beginner's course, as a programme."""
    register_scenarios()
    tag_unit(SCENARIOS["digicomp-course"].usage_id, FILES, ["6"], framework)
    return Programme.objects.create(slug="social-work", name="Social work", courses=f"{COURSE}\n{BEGINNER}\n")


def signed_in(client, name, staff):
    client.force_login(get_user_model().objects.create_user(name, is_staff=staff))
    return client


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_staff_see_what_the_courses_develop_together_as_the_csv_counts_it(client, programme):
    staff = signed_in(client, "lecturer", True)
    page = staff.get(PAGE)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "Competences across the programme “Social work”" in text
    assert f'<th scope="col">{SCENARIOS["digicomp-course"].description}</th>' in text  # courses by name
    totals = [int(row[-1]) for row in csv_rows(staff.get(f"{PAGE}coverage.csv"))[1:]]
    none, one = totals.count(0), totals.count(1)
    assert 0 < none < 144 and one >= 10
    assert f"Of the 144 statements, {none} are developed by no course and {one} by only one." in text


def test_the_csv_has_a_column_per_course_and_a_row_per_statement(client, programme):
    response = signed_in(client, "lecturer", True).get(f"{PAGE}coverage.csv?sep=comma")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0] == ["statement", "cluster", "text", COURSE, BEGINNER, "courses"]
    assert len(rows) == 145
    by_id = {row[0]: row for row in rows[1:]}
    assert all(by_id[s][3:] == ["1", "0", "1"] for s in by_id if s.startswith("6."))  # the tagged unit


def test_learners_are_refused_and_visitors_sent_to_log_in(client, programme):
    assert client.get(PAGE).status_code == 302
    assert signed_in(client, "ana", False).get(PAGE).status_code == 403
    assert client.get(f"{PAGE}coverage.csv").status_code == 403


def test_an_unknown_programme_or_course_is_a_404_with_its_name(client, programme):
    staff = signed_in(client, "lecturer", True)
    missing = staff.get("/digicomp/programmes/nope/")
    assert missing.status_code == 404 and "nope" in missing.content.decode()
    Programme.objects.create(slug="broken", name="Broken", courses="no/such/course")
    broken = staff.get("/digicomp/programmes/broken/")
    assert broken.status_code == 404 and "no/such/course" in broken.content.decode()
    assert broken["Content-Type"].startswith("text/plain")


def test_a_bad_separator_is_refused(client, programme):
    response = signed_in(client, "lecturer", True).get(f"{PAGE}coverage.csv?sep=tab")
    assert response.status_code == 400 and "sep" in response.content.decode()


def test_the_admin_form_keeps_course_keys_the_platform_reads_and_drops_blank_lines(programme):
    form = ProgrammeForm(data={"slug": "p2", "name": "P", "courses": f"{COURSE}\n\n {BEGINNER} \n"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["courses"] == f"{COURSE}\n{BEGINNER}"
    wrong = ProgrammeForm(data={"slug": "p3", "name": "P", "courses": "a/b\n"})
    assert not wrong.is_valid() and "not a course key: a/b" in str(wrong.errors)
    assert not ProgrammeForm(data={"slug": "p4", "name": "P", "courses": "\n \n", "organisations": ""}).is_valid()


class OrganisationsPlatform(Workbench):
    """The workbench, with the demo course and the beginner's as the runs of the organisation "DemoX"."""

    def course_runs(self, organisations):
        return [COURSE, BEGINNER] if "DemoX" in organisations else []

    def organisation(self, course_key):
        return "DemoX" if str(course_key) in (COURSE, BEGINNER) else ""


def test_a_programme_filled_from_an_organisation_has_its_runs_after_the_listed_courses(client, programme, settings):
    settings.DIGICOMP_PLATFORM = f"{__name__}.OrganisationsPlatform"
    Programme.objects.create(slug="by-org", name="By organisation", courses=BEGINNER, organisations="DemoX")
    assert api.programme("by-org").course_keys == [BEGINNER, COURSE]  # listed first, each once
    assert [p.slug for p in api.programmes_of(COURSE)] == ["by-org", "social-work"]  # by name
    rows = csv_rows(signed_in(client, "lecturer", True).get("/digicomp/programmes/by-org/coverage.csv?sep=comma"))
    assert rows[0] == ["statement", "cluster", "text", BEGINNER, COURSE, "courses"]
    Programme.objects.create(slug="empty-org", name="Empty", organisations="NoRuns")
    empty = client.get("/digicomp/programmes/empty-org/")
    assert empty.status_code == 404 and "has no course yet" in empty.content.decode()


def test_the_admin_form_checks_organisation_codes_and_needs_a_course_or_an_organisation(programme):
    form = ProgrammeForm(data={"slug": "o1", "name": "O", "courses": "", "organisations": "DemoX  KU_Leuven DemoX"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisations"] == "DemoX KU_Leuven"
    wrong = ProgrammeForm(data={"slug": "o2", "name": "O", "courses": "", "organisations": "Demo/X"})
    assert not wrong.is_valid() and "not an organisation code: Demo/X" in str(wrong.errors)
    neither = ProgrammeForm(data={"slug": "o3", "name": "O", "courses": "", "organisations": ""})
    assert not neither.is_valid() and "name at least one course or organisation" in str(neither.errors)
