"""The demo site: one identity for the workbench's blocks and the Django pages."""

import pytest
from django.contrib.auth import get_user_model
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_xblock.compat import demo_anonymous_id
from digicomp_xblock.course_structure import course_blocks
from digicomp_xblock.dashboard.models import SnapshotRecord
from tests.helpers import answer_all, block_for

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]
SCENARIO = "digicomp-assessment-short"


def the_assessment(client):
    client.get("/")  # the middleware registers the scenarios
    root = WorkbenchRuntime("student_1").get_block(SCENARIOS[SCENARIO].usage_id)
    return course_blocks(root, "digicomp_assessment")[0]


def test_a_logged_in_user_is_the_student_of_every_block_page_and_handler(client, fresh_scenarios):
    client.force_login(get_user_model().objects.create_user("ana"))
    block = the_assessment(client)

    page = client.get(f"/scenario/{SCENARIO}/?student=bram").content.decode()
    assert "studentId = 'ana'" in page and "Logged in as ana" in page

    usage = block.scope_ids.usage_id
    answered = client.post(f"/handler/{usage}/save_answers/?student=bram", content_type="application/json",
                           data={"ratings": answer_all(block, 3), "submit": True})
    assert answered.status_code == 200
    assert block_for(block, "bram").snapshots == [] and len(block_for(block, "ana").snapshots) == 1
    record = SnapshotRecord.objects.get()
    assert record.learner == demo_anonymous_id("ana")
    course_key = str(usage).split(".", 1)[0]
    profile = client.get(f"/digicomp/courses/{course_key}/profile/").content.decode()
    assert "Your scores per cluster in this course" in profile and "75%" in profile


def test_logged_out_the_address_chooses_the_student_and_the_header_offers_a_login(client, fresh_scenarios):
    the_assessment(client)
    page = client.get(f"/scenario/{SCENARIO}/?student=bram").content.decode()
    assert "studentId = 'bram'" in page and "Logged in as" not in page
    assert f'href="/accounts/login/?next=/scenario/{SCENARIO}/%3Fstudent%3Dbram"' in page


def test_logging_out_returns_to_the_scenarios(client):
    client.force_login(get_user_model().objects.create_user("ana"))
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Logged in as" not in client.get("/").content.decode()
