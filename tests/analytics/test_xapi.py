"""The xAPI statement of a submitted self-assessment: our transformer, registered with event-routing-backends (ERB)
by the analytics app, run by ERB's own xAPI processor on the event the block publishes, as the LMS hands it over.

The IRIs are written out here on purpose: datasets in Aspects read them, so they are a published contract.
"""

import json
import os
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import pytest
from event_routing_backends.processors.xapi.transformer_processor import XApiProcessor
from tincan import Statement

from digicomp_xblock.core.snapshots import SUBMITTED_EVENT
from tests.analytics.conftest import COURSE_NAME
from tests.helpers import answer_all, call_handler, make_block

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

LMS = "https://lms.example.org"  # LMS_ROOT_URL of tests/settings.py
COURSE_ID = "course-v1:SAM+DIGI101+2026"
USAGE_KEY = "block-v1:SAM+DIGI101+2026+type@digicomp_assessment+block@where-do-i-stand"
TIMESTAMP = "2026-03-02T10:15:30.123456+00:00"
SESSION = "5f0c2d6a9e3b41c7a8d2e6f1b3c9a7d4"
REFLECTION = "SECRET-REFLECTION: I still avoid video calls with clients."
OURS = "https://w3id.org/xapi/digicomp/extensions"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user(username="sofie.peeters", email="sofie.peeters@example.org",
                                                 first_name="Sofie", last_name="Peeters")


def publish(monkeypatch, share: bool):
    """What the block publishes on a submit: cluster 5 rated 3 of 0..4 throughout, cluster 6 all "not relevant"
    (so it has no score), with a reflection written; its answers shared with course staff when `share`."""
    block = make_block(f'<digicomp_assessment scope="5 6" share_answers="{str(share).lower()}"/>')
    events = []
    monkeypatch.setattr(block.runtime, "publish", lambda _block, name, data: events.append((name, data)))
    ratings = {sid: 3 if sid.startswith("5.") else "na" for sid in answer_all(block)}
    status, body = call_handler(block, "save_answers",
                                {"ratings": ratings, "reflections": {"5": REFLECTION}, "submit": True})
    assert status == 200, body
    return next(data for name, data in events if name == SUBMITTED_EVENT)


@pytest.fixture
def published(monkeypatch):
    return publish(monkeypatch, share=True)


def tracking_event(learner, data):
    """The event as the LMS passes it to ERB: the block's data, in the context of the handler's request."""
    return {
        "name": SUBMITTED_EVENT,
        "timestamp": TIMESTAMP,
        "context": {
            "course_id": COURSE_ID,
            "org_id": "SAM",
            "enterprise_uuid": "",
            "course_user_tags": {},
            "user_id": learner.pk,
            "username": learner.username,
            "path": f"/courses/{COURSE_ID}/xblock/{USAGE_KEY}/handler/save_answers",
            "module": {"display_name": "Where do I stand?", "usage_key": USAGE_KEY},
            "asides": {},
            "session": SESSION,
            "ip": "203.0.113.7",
            "agent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "host": "lms.example.org",
            "referer": f"{LMS}/xblock/{USAGE_KEY}?view=student_view",
            "accept_language": "nl-BE,nl;q=0.9",
        },
        "data": data,
    }


def statements_of(event):
    """The xAPI statements (JSON) that ERB's processor makes of a tracking event."""
    return XApiProcessor()([event])


@pytest.mark.parametrize("erb_installed", [True, False])
def test_the_app_registers_the_transformer_when_erb_is_installed(erb_installed):
    """Django starts in a process of its own, so that only the app's ready() can have imported our module."""
    apps = ["django.contrib.auth", "django.contrib.contenttypes", "digicomp_xblock.analytics"]
    script = (
        "import sys, django\n"
        "from django.conf import settings\n"
        "settings.configure(INSTALLED_APPS=sys.argv[1:])\n"
        "django.setup()\n"
        "from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry\n"
        f"transformer = XApiTransformersRegistry.mapping.get({SUBMITTED_EVENT!r})\n"
        "print(transformer and f'{transformer.__module__}.{transformer.__qualname__}')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run([sys.executable, "-c", script, *apps, *(["event_routing_backends"] * erb_installed)],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    expected = "digicomp_xblock.analytics.xapi.AssessmentSubmittedTransformer" if erb_installed else "None"
    assert result.stdout.strip() == expected


def test_a_submitted_moment_becomes_a_completed_assessment_with_every_cluster_score(platform, learner, published,
                                                                                    framework):
    [statement] = statements_of(tracking_event(learner, published))

    assert statement["actor"] == {"objectType": "Agent",
                                  "account": {"homePage": LMS, "name": platform.anonymous_id(learner)}}
    assert statement["verb"] == {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en": "completed"}}
    assert statement["object"] == {
        "objectType": "Activity",
        "id": f"{LMS}/xblock/{USAGE_KEY}",
        "definition": {"type": "http://adlnet.gov/expapi/activities/assessment"},
    }
    assert statement["context"]["contextActivities"] == {"parent": [{
        "objectType": "Activity",
        "id": f"{LMS}/course/{COURSE_ID}",
        "definition": {"type": "http://adlnet.gov/expapi/activities/course", "name": {"en-US": COURSE_NAME}},
    }]}
    context = statement["context"]["extensions"]
    assert context.pop("https://w3id.org/xapi/openedx/extension/transformer-version").startswith(
        "event-routing-backends@")
    assert context == {
        "https://w3id.org/xapi/openedx/extensions/session-id": SESSION,
        f"{OURS}/framework": "social-work-2025",
        f"{OURS}/framework-version": framework.version,
        f"{OURS}/scale": "growth-5-kinds",
        f"{OURS}/moment": 1,
    }
    assert statement["result"] == {"completion": True, "extensions": {
        f"{OURS}/cluster-scores": {"5": 75.0, "6": None},
        f"{OURS}/rated": 38,
        f"{OURS}/not-relevant": 10,
    }}
    assert statement["timestamp"] == TIMESTAMP
    assert statement["version"] == "1.0.3"
    assert uuid.UUID(statement["id"]).version == 5  # ERB's: the same event always makes the same statement id


def test_a_moment_kept_to_the_learner_reaches_analytics_without_its_scores(platform, learner, monkeypatch):
    """The learner was told only they see their answers: Aspects shows single learners' rows, so the statement says
    that a moment was completed, and how many statements were rated, but no score."""
    [statement] = statements_of(tracking_event(learner, publish(monkeypatch, share=False)))
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["result"] == {"completion": True, "extensions": {f"{OURS}/rated": 38, f"{OURS}/not-relevant": 10}}


def test_the_statement_is_valid_xapi(platform, learner, published):
    [statement] = statements_of(tracking_event(learner, published))
    # tincan (ERB's xAPI library) parses it back into the same statement, checking each part's type on the way.
    assert json.loads(Statement.from_json(json.dumps(statement)).to_json()) == statement
    # Extension keys must be IRIs; ours and ERB's are absolute http(s) IRIs.
    keys = [*statement["context"]["extensions"], *statement["result"]["extensions"]]
    assert all(urlsplit(key).scheme == "https" and urlsplit(key).netloc for key in keys)


def test_nothing_but_the_named_fields_reaches_the_statement(platform, learner, published):
    """Not even free text that an event might carry besides the fields the transformer reads."""
    event = tracking_event(learner, {**published, "reflections": {"5": REFLECTION}})
    dumped = json.dumps(statements_of(event), ensure_ascii=False)
    for private in ("SECRET", "reflection", learner.username, learner.email, "Sofie", "Peeters",
                    event["context"]["ip"], event["context"]["agent"]):
        assert private not in dumped
