"""The JSON handlers of every block and the aside, through the demo's Django views as a browser reaches them:
bodies that are not JSON text are refused with 400 and a message, never a 500."""

import pytest
from django.test import Client
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_xblock.platform.course import course_blocks
from tests.helpers import aside_of

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

HANDLERS = ["save_answers", "start_moment", "profile", "current_state", "studio_submit", "set_competences"]


@pytest.fixture
def urls(client, fresh_scenarios):
    """Handler URL of each JSON handler (the aside's is on a unit of the demo course)."""
    client.get("/")  # the demo registers its scenarios
    root = WorkbenchRuntime("student_1").get_block(SCENARIOS["digicomp-course"].usage_id)
    assessment = course_blocks(root, "digicomp_assessment")[0]
    unit = next(block for block in course_blocks(root, "digicomp_demo_container")
                if block.display_name == "Keeping client files safe")
    found = {name: f"/handler/{assessment.scope_ids.usage_id}/{name}/?student=ana" for name in HANDLERS[:-1]}
    found["set_competences"] = f"/aside_handler/{aside_of(unit).scope_ids.usage_id}/set_competences/?student=lecturer"
    return found


@pytest.mark.parametrize("handler", HANDLERS)
def test_a_form_body_is_refused_with_a_message(urls, handler):
    """A browser form (multipart) with a valid CSRF token: Django has read the body as a form already."""
    browser = Client(enforce_csrf_checks=True)
    browser.get("/")
    token = browser.cookies["csrftoken"].value
    response = browser.post(urls[handler], data={"csrfmiddlewaretoken": token, "ratings": "5.1.1=2"},
                            HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400, response.content
    assert "not as a form" in response.json()["error"]


@pytest.mark.parametrize("handler", HANDLERS)
@pytest.mark.parametrize("body, words", [
    (b'{"text": "\\ud800"}', "characters that are not text"),
    (b"[" * 5000, "nested too deeply"),
    (b'{"weight": NaN}', "NaN is not a JSON number"),
    (b"\xff\xfe", "not valid JSON"),
])
def test_bodies_that_are_not_json_text_are_refused_by_every_handler(client, urls, handler, body, words):
    response = client.post(urls[handler], data=body, content_type="application/json")
    assert response.status_code == 400 and words in response.json()["error"]
