"""The demo site: one identity for the workbench's blocks and the Django pages."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_demo.platform import anonymous_id as demo_anonymous_id
from digicomp_xblock.dashboard.models import SnapshotRecord
from digicomp_xblock.platform import course_key_of
from digicomp_xblock.platform.course import course_blocks
from digicomp_xblock.tagging.api import sync_taxonomy
from tests.helpers import answer_all, block_for

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]
SCENARIO = "digicomp-assessment-short"


def the_assessment(client, scenario=SCENARIO):
    client.get("/")  # the middleware registers the scenarios (and tags the demo units when the taxonomy exists)
    root = WorkbenchRuntime("student_1").get_block(SCENARIOS[scenario].usage_id)
    return course_blocks(root, "digicomp_assessment")[0]


def post(client, block, handler, payload, query=""):
    """A JSON POST to one of the block's handlers, as the page's script sends it."""
    return client.post(f"/handler/{block.scope_ids.usage_id}/{handler}/{query}", content_type="application/json",
                       data=payload)


def test_index_lists_only_our_scenarios(client, fresh_scenarios):
    page = client.get("/").content.decode()
    assert "/scenario/digicomp-framework/" in page
    assert "helloworld" not in page and "Hello World" not in page


def test_a_logged_in_user_is_the_student_of_every_block_page_and_handler(client, fresh_scenarios):
    client.force_login(get_user_model().objects.create_user("ana"))
    block = the_assessment(client)

    page = client.get(f"/scenario/{SCENARIO}/?student=bram").content.decode()
    assert "studentId = 'ana'" in page and "Logged in as ana" in page

    answered = post(client, block, "save_answers", {"ratings": answer_all(block, 3), "submit": True}, "?student=bram")
    assert answered.status_code == 200
    assert block_for(block, "bram").snapshots == [] and len(block_for(block, "ana").snapshots) == 1
    record = SnapshotRecord.objects.get()
    assert record.learner == demo_anonymous_id("ana")
    course_key = course_key_of(block)
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


def test_the_course_page_shows_each_moment_and_the_units_to_work_on_next(client, fresh_scenarios, framework):
    sync_taxonomy(framework, "en")
    client.force_login(get_user_model().objects.create_user("ana"))
    block = the_assessment(client, "digicomp-course")
    assert post(client, block, "save_answers", {"ratings": answer_all(block, 1), "submit": True}).status_code == 200
    assert post(client, block, "start_moment", {}).status_code == 200
    ratings = answer_all(block, 3) | {s.id: 0 for s in block.scope_statements if s.cluster_id == "6"}
    assert post(client, block, "save_answers", {"ratings": ratings, "submit": True}).status_code == 200

    page = client.get(f"/digicomp/courses/{course_key_of(block)}/profile/")
    html = page.content.decode()
    assert "Your score per cluster at each self-assessment" in html and html.count('class="dc-date"') == 2
    assert "<td>25%</td><td>0%</td>" in html  # cluster 6: level 1, then 0
    lowest = html[html.index("What to work on next"):]
    assert "lowest in cluster 6 (" in lowest and 'href="/scenario/digicomp-course/#dc-unit-' in lowest


def test_the_cohort_page_names_each_self_assessment_by_its_title(client, fresh_scenarios):
    block = the_assessment(client, "digicomp-course")
    call_command("digicomp_demo_data", learners=5, stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="lecturer"))
    page = client.get(f"/digicomp/courses/{course_key_of(block)}/cohort/").content.decode()
    assert f'<option value="{block.scope_ids.usage_id}" selected>{block.display_name}</option>' in page
    assert "5 learners submitted." in page


def test_the_demo_data_command_refuses_a_negative_count():
    with pytest.raises(CommandError, match="-1 is negative"):
        call_command("digicomp_demo_data", "--learners", "-1")
    assert not SnapshotRecord.objects.exists()
