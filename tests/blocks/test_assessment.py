"""The self-assessment block in the XBlock SDK workbench runtime: handlers, stored state, events, Studio, OLX, views.

Every refused request must leave the learner's stored state exactly as it was; state is always read back
through a fresh block instance (tests/helpers.py: `reload`, `stored_state`), so these tests see the database.
"""

import copy
import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from django.utils.html import escape
from lxml import etree
from xblock.fields import Scope

from digicomp_xblock.blocks.assessment import AssessmentXBlock
from digicomp_xblock.blocks.assessment.handlers import LEARNER_STATE, SUBMITTED_EVENT
from digicomp_xblock.blocks.assessment.studio import EDITABLE
from digicomp_xblock.core.answers import MAX_BODY_BYTES, MAX_REFLECTION_CHARS
from digicomp_xblock.core.snapshots import CSV_COLUMNS
from tests.helpers import (
    STAFF,
    ReportState,
    answer_all,
    block_for,
    call_handler,
    make_block,
    raw_state,
    reload,
    response_of,
    stored_state,
    submit_all,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

#: Clusters 5 and 6: 48 statements (38 + 10).
SHORT = '<digicomp_assessment scope="5 6" max_moments="2" weight="1"/>'
#: The partial draft most refusal tests start from (so "unchanged" is not just "empty").
DRAFT = {"ratings": {"5.1.1": 1, "6.1.1": 0}, "reflections": {"5": "first notes"}}



@pytest.fixture
def events(monkeypatch):
    """Record what blocks publish: `events.watch(block)` -> list of (event_type, data)."""

    class Recorder(list):
        def watch(self, block):
            monkeypatch.setattr(block.runtime, "publish",
                                lambda _block, event_type, data: self.append((event_type, data)))
            return block

    return Recorder()


def short_block(**attrs):
    xml_attrs = {"scope": "5 6", "max_moments": "2", "weight": "1", **attrs}
    return make_block("<digicomp_assessment " + " ".join(f'{k}="{v}"' for k, v in xml_attrs.items()) + "/>")


def ok(block, name, payload=None, **kwargs):
    """Call a handler that must succeed; its JSON body."""
    status, body = call_handler(block, name, payload, **kwargs)
    assert status == 200, body
    return body


def studio(block, payload=None, **kwargs):
    """The block's editor saves (`studio_submit`) as the course staff do: (status, body)."""
    return call_handler(block_for(block, STAFF), "studio_submit", payload, **kwargs)


def studio_ok(block, payload):
    status, body = studio(block, payload)
    assert status == 200, body
    return body


def save_draft(block):
    return ok(block, "save_answers", DRAFT)


def submit(block, level=2, reflections=None):
    status, body = submit_all(block, level, reflections)
    assert status == 200, body
    return body


# --- Refused saves: 400 (or 405) with a message naming the problem, stored state unchanged --------------------

def prepare_draft(block):
    save_draft(block)


def prepare_submitted(block):
    save_draft(block)
    submit(block)


def prepare_reopened_then_lowered(block):
    """Moment 2 open, then the course team lowers max_moments to 1 (Studio) before the learner submits; the
    learner's block as it is then."""
    save_draft(block)
    submit(block)
    ok(block, "start_moment", {})
    studio_ok(block, {"max_moments": 1})
    return reload(block)


def too_long_reflection(_block):
    return {"reflections": {"5": "x" * (MAX_REFLECTION_CHARS + 1)}}


def all_but_two(block):
    ratings = answer_all(block)
    del ratings["5.3.4"], ratings["6.2.1"]
    return {"ratings": ratings, "submit": True}


OVERSIZED = b'{"ratings": {}' + b" " * MAX_BODY_BYTES + b"}"

BAD_REQUESTS = [
    # (block attributes, prepare, handler, call_handler arguments, status, words the message must contain)
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b"{not json"}, 400, ["not valid JSON"],
                 id="body-not-json"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b'{"reflections": {"5": "caf\xe9"}}'}, 400,
                 ["not valid JSON", "utf-8"], id="body-not-utf8"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b""}, 400, ["not valid JSON"], id="body-empty"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": [{"ratings": {}}]}, 400,
                 ["must be a JSON object"], id="json-array"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {}, "evil": 1}}, 400,
                 ["unexpected field(s): evil"], id="unexpected-field"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": [["5.1.2", 1]]}}, 400,
                 ["'ratings' must be an object"], id="ratings-not-object"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"reflections": "text"}}, 400,
                 ["'reflections' must be an object"], id="reflections-not-object"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"submit": "yes"}}, 400,
                 ["'submit' must be true or false"], id="submit-not-bool"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 1, "9.9.9": 2}}}, 400,
                 ["unknown statement ID '9.9.9'"], id="unknown-statement"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"1.1.1": 2}}}, 400,
                 ["statement 1.1.1 is not part of this self-assessment"], id="statement-out-of-scope"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 7}}}, 400,
                 ["level 7 for statement 5.1.2 is not on the scale", "0, 1, 2, 3, 4"], id="level-7"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": -1}}}, 400,
                 ["level -1 for statement 5.1.2"], id="level-negative"),
    pytest.param({"scale": "three-levels"}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 3}}},
                 400, ["level 3 for statement 5.1.2 is not on the scale (0, 1, 2 or 'na')"], id="level-off-small-scale"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": True}}}, 400,
                 ["level True for statement 5.1.2"], id="level-bool"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 2.0}}}, 400,
                 ["level 2.0 for statement 5.1.2"], id="level-float"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": "2"}}}, 400,
                 ["level '2' for statement 5.1.2"], id="level-string"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": {"level": 2}}}}, 400,
                 ["for statement 5.1.2 is not on the scale"], id="level-object"),
    pytest.param({"allow_not_relevant": "false"}, prepare_draft, "save_answers",
                 {"payload": {"ratings": {"5.1.2": "na"}}}, 400,
                 ["'not relevant' is not offered", "5.1.2"], id="na-not-offered"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"reflections": {"1": "about cluster 1"}}}, 400,
                 ["cluster '1' is not part of this self-assessment"], id="reflection-out-of-scope"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"reflections": {"5": 42}}}, 400,
                 ["reflection on cluster 5 must be text"], id="reflection-not-text"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": too_long_reflection}, 400,
                 [f"{MAX_REFLECTION_CHARS + 1} characters", f"the limit is {MAX_REFLECTION_CHARS}"],
                 id="reflection-too-long"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": OVERSIZED}, 400,
                 [f"{len(OVERSIZED)} bytes", f"the limit is {MAX_BODY_BYTES}"], id="body-oversized"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": all_but_two}, 400,
                 ["2 statement(s) are not answered yet: 5.3.4, 6.2.1"], id="submit-unanswered"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"submit": True}}, 400,
                 ["46 statement(s) are not answered yet: 5.1.2, 5.1.3", " …"], id="submit-unanswered-many"),
    pytest.param({"max_moments": "1"}, prepare_submitted, "start_moment", {"payload": {}}, 400,
                 ["all 1 assessment moment(s) of this self-assessment are used"], id="start-when-all-used"),
    pytest.param({"max_moments": "1"}, prepare_submitted, "save_answers", {"payload": {"submit": True}}, 400,
                 ["no assessment moment is open"], id="submit-when-all-used"),
    pytest.param({}, prepare_reopened_then_lowered, "save_answers", {"payload": {"submit": True}}, 400,
                 ["all 1 assessment moment(s) of this self-assessment are used"], id="submit-after-max-lowered"),
    pytest.param({}, prepare_submitted, "save_answers", {"payload": {"ratings": {"5.1.1": 4}}}, 400,
                 ["no assessment moment is open"], id="rating-after-submit"),
    pytest.param({}, prepare_draft, "start_moment", {"payload": {}}, 400, ["a moment is already open"],
                 id="start-while-open"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 1}}, "method": "GET"}, 405,
                 ["use POST"], id="get-instead-of-post"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 1}}, "method": "PUT"}, 405,
                 ["use POST"], id="put-instead-of-post"),
    pytest.param({}, prepare_submitted, "start_moment", {"method": "GET"}, 405, ["use POST"], id="start-by-get"),
    # Bodies that used to be answered with a 500, or taken for something they are not.
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b'{"reflections": {"5": "\\ud800"}}'}, 400,
                 ["characters that are not text"], id="reflection-lone-surrogate"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b'{"ratings": {"\\udfff": 1}}'}, 400,
                 ["characters that are not text"], id="key-lone-surrogate"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b'{"ratings": {"5.1.2": NaN}}'}, 400,
                 ["not valid JSON", "NaN"], id="level-nan-literal"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b'{"ratings": {"5.1.2": -Infinity}}'}, 400,
                 ["not valid JSON", "Infinity"], id="level-infinity-literal"),
    pytest.param({}, prepare_draft, "save_answers", {"raw_body": b"[" * 5000 + b"]" * 5000}, 400,
                 ["not valid JSON", "nested too deeply"], id="body-deeply-nested"),
    pytest.param({}, prepare_draft, "save_answers", {"payload": {"ratings": {"5.1.2": 1}, "revision": "7"}}, 400,
                 ["'revision' must be a whole number"], id="revision-not-a-number"),
    pytest.param({}, prepare_submitted, "start_moment", {"payload": [1, 2]}, 400, ['expected {} or {"revision"'],
                 id="start-body-list"),
    pytest.param({}, prepare_submitted, "start_moment", {"payload": "x"}, 400, ['expected {} or {"revision"'],
                 id="start-body-text"),
    pytest.param({}, prepare_submitted, "start_moment", {"raw_body": b"null"}, 400, ['expected {} or {"revision"'],
                 id="start-body-null"),
    pytest.param({}, prepare_submitted, "start_moment", {"payload": {"unexpected": 1}}, 400,
                 ['expected {} or {"revision"'], id="start-body-unexpected-field"),
    pytest.param({}, prepare_submitted, "start_moment", {"payload": {"revision": -1}}, 400,
                 ["'revision' must be a whole number"], id="start-revision-negative"),
    pytest.param({}, prepare_submitted, "current_state", {"payload": {"please": True}}, 400, ["expected {}"],
                 id="state-body-unexpected"),
]


@pytest.mark.parametrize("attrs, prepare, handler, kwargs, status, words", BAD_REQUESTS)
def test_bad_requests_are_refused_and_change_nothing(events, attrs, prepare, handler, kwargs, status, words):
    block = short_block(**attrs)
    block = prepare(block) or block
    before = stored_state(block)
    assert before["draft"]["ratings"], "the test must start from a non-empty draft"
    kwargs = dict(kwargs)
    if callable(kwargs.get("payload")):
        kwargs["payload"] = kwargs["payload"](block)
    events.watch(block)

    got_status, body = call_handler(block, handler, **kwargs)

    assert got_status == status
    assert set(body) == {"error"}
    for word in words:
        assert word in body["error"]
    assert stored_state(block) == before
    assert events == []


def test_a_page_showing_an_older_revision_is_told_with_the_current_state(events):
    """A second tab (or a page from before a submit) says which revision it shows: an older one gets 409 and what is
    stored, and changes nothing."""
    block = short_block()
    current = save_draft(block)["revision"]
    events.watch(block)
    before = stored_state(block)
    for handler, payload in (("save_answers", {"ratings": {"5.1.1": 4}, "revision": current - 1}),
                             ("save_answers", {"submit": True, "revision": current + 5})):
        status, body = call_handler(block, handler, payload)
        assert status == 409 and "changed in another tab or window" in body["error"]
        assert body["state"]["revision"] == current and body["state"]["ratings"] == before["draft"]["ratings"]
    assert stored_state(block) == before and events == []
    assert ok(block, "save_answers", {"ratings": {"5.1.1": 4}, "revision": current})["revision"] == current + 1


def test_a_request_that_read_before_another_one_wrote_is_refused_not_applied(events):
    """Two requests of one learner: the one that read the state first and writes last gets 409 instead of writing
    over the other's moment (XBlock keeps what an instance read; the stored revision tells it moved on)."""
    block = short_block()
    save_draft(block)
    slow = reload(block)
    assert slow.revision == 1  # this request has read the learner's state
    submit(reload(block), level=3)  # meanwhile another tab submits
    after_submit = stored_state(block)
    events.watch(slow)

    status, body = call_handler(slow, "save_answers", {"ratings": answer_all(slow, 1), "submit": True})

    assert status == 409 and set(body) == {"error"}  # its own state is stale: the page asks for the current one
    assert stored_state(block) == after_submit and len(after_submit["snapshots"]) == 1 and events == []
    fresh = ok(reload(block), "current_state", {})
    assert (fresh["moments"], fresh["editing"], fresh["revision"]) == (1, False, after_submit["revision"])


def test_every_moment_has_an_identifier_of_its_own():
    block = short_block()
    submit(block)
    ok(block, "start_moment", {})
    submit(block, level=3)
    ids = [snapshot["id"] for snapshot in reload(block).snapshots]
    assert len(set(ids)) == 2 and all(len(i) == 32 for i in ids)


def test_the_body_limit_is_inclusive():
    """A body of exactly MAX_BODY_BYTES is read; one byte more is refused (see the table above)."""
    block = short_block()
    head = b'{"ratings": {"5.1.2": 1}'
    body = head + b" " * (MAX_BODY_BYTES - len(head) - 1) + b"}"
    assert len(body) == MAX_BODY_BYTES
    status, state = call_handler(block, "save_answers", raw_body=body)
    assert status == 200 and state["ratings"] == {"5.1.2": 1}
    status, _ = call_handler(block, "save_answers", raw_body=body[:-1] + b" }")
    assert status == 400


# --- Happy paths ------------------------------------------------------------------------------------------------

def test_a_partial_draft_is_merged_across_saves_and_null_clears_a_rating():
    block = short_block()
    first = ok(block, "save_answers", {"ratings": {"5.1.1": 2}})
    assert (first["answered"], first["total"], first["revision"], first["editing"]) == (1, 48, 1, True)

    second = ok(reload(block), "save_answers", {"ratings": {"5.1.2": "na", "6.3.2": 4}})
    assert second["ratings"] == {"5.1.1": 2, "5.1.2": "na", "6.3.2": 4}
    assert second["answered"] == 3

    third = ok(reload(block), "save_answers", {"ratings": {"5.1.1": None, "6.3.2": 0}})
    assert third["ratings"] == {"5.1.2": "na", "6.3.2": 0}
    state = stored_state(block)
    assert state["draft"]["ratings"] == {"5.1.2": "na", "6.3.2": 0}
    assert state["revision"] == 3 and state["editing"] is True and state["snapshots"] == []


def test_reflections_are_stored_trimmed_and_an_empty_text_clears_one():
    block = short_block()
    ok(block, "save_answers", {"reflections": {"5": "  I want to learn more about privacy.  ", "6": "Later."}})
    assert stored_state(block)["draft"]["reflections"] == {"5": "I want to learn more about privacy.", "6": "Later."}
    body = ok(reload(block), "save_answers", {"reflections": {"5": ""}})
    assert body["reflections"] == {"6": "Later."}
    ok(reload(block), "save_answers", {"reflections": {"6": None}})
    assert stored_state(block)["draft"]["reflections"] == {}


def test_submit_records_a_snapshot_of_the_scope(framework):
    # The learner rated 5.1.1 while the scope still had all of cluster 5; then Studio narrowed it to 5.2.3.
    block = make_block('<digicomp_assessment scope="1 2 5" max_moments="2"/>')
    ok(block, "save_answers", {"ratings": {"5.1.1": 4}})
    studio_ok(block, {"scope": "1 2 5.2.3"})
    block = reload(block)
    ratings = {sid: 4 if sid.startswith("1.") else "na" if sid.startswith("2.") else 0 for sid in answer_all(block)}
    ratings["1.1.1"] = 0

    body = ok(block, "save_answers", {"ratings": ratings, "reflections": {"5": "Privacy first."}, "submit": True})

    assert body["editing"] is False and body["moments"] == 1
    assert "Your self-assessment of" in body["profile_html"]
    state = stored_state(block)
    assert state["editing"] is False
    [snapshot] = state["snapshots"]
    scope_ids = {s.id for s in block.scope_statements}
    assert "5.2.3" in scope_ids and "5.1.1" not in scope_ids
    assert snapshot["ratings"] == ratings and set(snapshot["ratings"]) == scope_ids
    submitted = datetime.fromisoformat(snapshot["submitted_at"])
    assert submitted.tzinfo is not None and abs(datetime.now(UTC) - submitted) < timedelta(minutes=1)
    assert (snapshot["framework"], snapshot["framework_version"], snapshot["scale"]) == (
        "social-work-2025", framework.version, "growth-5-kinds")
    assert snapshot["reflections"] == {"5": "Privacy first."}
    clusters = {c["cluster"]: c["overall"] for c in snapshot["scores"]["clusters"]}
    assert list(clusters) == ["1", "2", "5"]
    cluster_1 = [s for s in block.scope_statements if s.cluster_id == "1"]
    assert clusters["1"]["value"] == pytest.approx(100 * (4 * (len(cluster_1) - 1)) / len(cluster_1) / 4)
    assert clusters["2"] == {"value": None, "rated": 0, "not_relevant": clusters["2"]["total"],
                             "total": clusters["2"]["total"]}
    assert clusters["5"] == {"value": 0.0, "rated": 1, "not_relevant": 0, "total": 1}


def test_start_moment_copies_the_last_answers_into_the_draft():
    block = short_block()
    submit(block, level=3, reflections={"6": "Data protection."})
    body = ok(reload(block), "start_moment", {})
    assert body["editing"] is True and body["answered"] == 48 and body["moments"] == 1
    state = stored_state(block)
    assert state["editing"] is True
    assert state["draft"]["ratings"] == state["snapshots"][0]["ratings"] == answer_all(block, 3)
    assert state["draft"]["reflections"] == {"6": "Data protection."}
    # A change in the new moment does not touch the recorded one.
    ok(reload(block), "save_answers", {"ratings": {"5.1.1": 0}})
    assert stored_state(block)["snapshots"][0]["ratings"]["5.1.1"] == 3


def three_moments(levels=(0, 2, 4)):
    block = short_block(max_moments="3")
    submit(block, levels[0])
    for level in levels[1:]:
        ok(reload(block), "start_moment", {})
        submit(reload(block), level)
    return reload(block)


def test_a_second_submit_keeps_both_snapshots_and_the_profile_shows_growth():
    block = short_block()
    submit(block, 2)
    ok(reload(block), "start_moment", {})
    body = submit(reload(block), 4)
    assert body["moments"] == 2
    snapshots = stored_state(block)["snapshots"]
    assert [s["scores"]["overall"]["value"] for s in snapshots] == [50.0, 100.0]
    html = ok(reload(block), "profile", {"compare": 1})["profile_html"]
    assert "Your self-assessment of" in html and "Your growth since" in html
    assert "<td>+50</td>" in html


def test_a_draft_save_leaves_the_history_as_stored_without_copying_it(monkeypatch):
    block = short_block()
    submit(block, 2)
    ok(reload(block), "start_moment", {})
    before = stored_state(block)["snapshots"]
    copies = []
    real_deepcopy = copy.deepcopy
    monkeypatch.setattr(copy, "deepcopy", lambda value, *args: copies.append(value) or real_deepcopy(value, *args))
    fresh = reload(block)
    assert len(fresh.snapshots) == 1
    ok(fresh, "save_answers", {"ratings": {}, "submit": False})
    assert not any(value is fresh.snapshots or value == before for value in copies)
    assert stored_state(block)["snapshots"] == before


def test_profile_compares_with_the_moment_asked_for():
    block = three_moments((0, 2, 4))
    since_1 = ok(block, "profile", {"compare": 1})["profile_html"]
    since_2 = ok(block, "profile", {"compare": 2})["profile_html"]
    default = ok(block, "profile", {"compare": None})["profile_html"]
    assert '<option value="1" selected>' in since_1 and "<td>+100</td>" in since_1
    assert '<option value="2" selected>' in since_2 and "<td>+50</td>" in since_2 and "<td>+100</td>" not in since_2
    assert '<option value="2" selected>' in default


@pytest.mark.parametrize("payload, words", [
    ({"compare": 2}, "'compare' must be an earlier moment, from 1 to 1"),
    ({"compare": 0}, "from 1 to 1"),
    ({"compare": -1}, "from 1 to 1"),
    ({"compare": "1"}, "from 1 to 1"),
    ({"compare": 1.0}, "from 1 to 1"),
    ({"compare": True}, "from 1 to 1"),
    ({"compare": 1, "extra": 1}, "expected {\"compare\""),
    ([1], "expected {\"compare\""),
])
def test_profile_refuses_a_bad_compare(payload, words):
    block = short_block()
    submit(block, 2)
    ok(reload(block), "start_moment", {})
    submit(reload(block), 3)
    status, body = call_handler(reload(block), "profile", payload)
    assert status == 400 and words in body["error"]


@pytest.mark.parametrize("payload, words", [
    ({}, "there is no submitted moment yet"),
    ({"compare": None}, "there is no submitted moment yet"),
    ({"compare": 1}, "there is no submitted moment yet"),
])
def test_profile_without_a_submitted_moment_is_refused(payload, words):
    block = short_block()
    save_draft(block)
    status, body = call_handler(block, "profile", payload)
    assert status == 400 and words in body["error"]


# --- Platform: completion, grade, analytics event ---------------------------------------------------------------

def test_first_submit_publishes_completion_grade_and_the_event(events, framework):
    block = events.watch(short_block(weight="1.5", share_answers="true"))
    ok(block, "save_answers", {"ratings": {"5.1.1": "na"}, "reflections": {"5": "SECRET-REFLECTION"}})
    assert events == []
    ratings = {**answer_all(block, 4), "5.1.1": "na", "5.1.2": "na"}
    ratings.update({sid: 0 for sid in ratings if sid.startswith("6.")})
    ok(block, "save_answers", {"ratings": ratings, "reflections": {"6": "ANOTHER-SECRET"}, "submit": True})

    assert [name for name, _ in events] == ["completion", "grade", SUBMITTED_EVENT]
    assert events[0][1] == {"completion": 1.0}
    assert events[1][1] == {"value": 1, "max_value": 1}
    event = events[2][1]
    assert event == {
        "framework": "social-work-2025", "framework_version": framework.version, "scale": "growth-5-kinds",
        "moment": 1, "rated": 46, "not_relevant": 2, "shared": True, "cluster_scores": {"5": 100.0, "6": 0.0},
    }
    dumped = json.dumps(events)
    assert "SECRET" not in dumped and "reflection" not in dumped


def test_later_submits_publish_only_the_event(events):
    block = short_block()
    submit(block, 1)
    ok(reload(block), "start_moment", {})
    again = events.watch(reload(block))
    ok(again, "save_answers", {"ratings": answer_all(again, 3), "reflections": {"5": "SECRET"}, "submit": True})
    assert [name for name, _ in events] == [SUBMITTED_EVENT]
    assert events[0][1]["moment"] == 2 and events[0][1]["shared"] is False
    assert "cluster_scores" not in events[0][1]  # kept to the learner: no score reaches analytics
    assert "SECRET" not in json.dumps(events)


def test_weight_zero_publishes_no_grade(events):
    block = events.watch(short_block(weight="0"))
    submit(block)
    assert [name for name, _ in events] == ["completion", SUBMITTED_EVENT]


@pytest.mark.parametrize("weight, graded", [("0", False), ("0.0", False), ("0.5", True), ("1", True), ("3", True)])
def test_has_score_follows_weight(weight, graded):
    block = short_block(weight=weight)
    assert block.has_score is graded
    assert block.max_score() == 1


# --- Per-learner state ------------------------------------------------------------------------------------------

def test_learners_do_not_see_each_others_answers():
    first = short_block()
    save_draft(first)
    submit(first, 4, reflections={"5": "mine"})
    second = block_for(first, "student_2")
    assert (second.draft, second.snapshots, second.editing, second.revision) == ({}, [], True, 0)
    assert ok(second, "save_answers", {"ratings": {"6.1.1": 1}})["ratings"] == {"6.1.1": 1}
    assert call_handler(block_for(first, "student_2"), "download", method="GET", query="format=json") == (200, [])

    mine = stored_state(first)
    assert len(mine["snapshots"]) == 1 and mine["snapshots"][0]["reflections"] == {"5": "mine"}
    assert mine["draft"]["ratings"]["6.1.1"] == 4
    theirs = stored_state(block_for(first, "student_2"))
    assert theirs["draft"] == {"ratings": {"6.1.1": 1}, "reflections": {}} and theirs["snapshots"] == []


# --- Two tabs (or two concurrent requests) of the same learner -------------------------------------------------

def two_tabs():
    """Two instances of the same learner's block that have both read the state before either saves."""
    block = short_block(max_moments="3")
    save_draft(block)
    tab_a, tab_b = reload(block), reload(block)
    for tab in (tab_a, tab_b):
        assert "dc-statement" in tab.render("student_view").content
    return block, tab_a, tab_b


def test_a_draft_save_from_a_second_tab_after_a_submit_loses_no_snapshot():
    block, tab_a, tab_b = two_tabs()
    submit(tab_a, 3)
    after_submit = stored_state(block)
    call_handler(tab_b, "save_answers", {"ratings": {"5.1.1": 0}})
    state = stored_state(block)
    assert state["snapshots"] == after_submit["snapshots"] and len(state["snapshots"]) == 1
    assert state["editing"] is False  # the moment stays closed


def test_a_stale_tab_is_refused_when_each_request_reads_the_state_afresh():
    """What the platform does between requests: a new block instance per request, so tab B sees the closed moment."""
    block, tab_a, _ = two_tabs()
    submit(tab_a, 3)
    for payload in ({"ratings": {"5.1.1": 0}}, {"ratings": answer_all(block, 1), "submit": True}):
        status, body = call_handler(reload(block), "save_answers", payload)
        assert status == 400 and "no assessment moment is open" in body["error"]
    assert len(stored_state(block)["snapshots"]) == 1


def test_a_submit_from_a_second_tab_loses_no_snapshot():
    """Both tabs submit: either the second is refused or both moments are kept, never one overwriting the other."""
    block, tab_a, tab_b = two_tabs()
    submit(tab_a, 3)
    first = stored_state(block)["snapshots"]
    status, _ = submit_all(tab_b, 1)
    snapshots = stored_state(block)["snapshots"]
    assert snapshots[:1] == first, f"the moment submitted from tab A was overwritten (tab B got HTTP {status})"
    assert len(snapshots) == (2 if status == 200 else 1)


# --- Downloads --------------------------------------------------------------------------------------------------

def test_download_json_numbers_the_snapshots_from_1():
    block = short_block()
    assert call_handler(block, "download", method="GET", query="format=json") == (200, [])
    submit(block, 1)
    ok(reload(block), "start_moment", {})
    submit(reload(block), 2)
    response = response_of(reload(block), "download", query="format=json")
    assert response.status_code == 200 and response.content_type == "application/json"
    assert response.content_disposition == 'attachment; filename="my-self-assessment.json"'
    data = json.loads(response.body)
    snapshots = stored_state(block)["snapshots"]
    assert [d["moment"] for d in data] == [1, 2]
    assert [{k: v for k, v in d.items() if k != "moment"} for d in data] == snapshots


def test_download_csv_has_a_header_and_one_row_per_answered_statement(framework):
    block = short_block()
    submit(block, 3)
    ok(reload(block), "start_moment", {})
    ok(reload(block), "save_answers", {"ratings": {"5.2.3": "na"}})
    submit(reload(block), 2)
    response = response_of(reload(block), "download", query="format=csv")
    assert response.status_code == 200 and response.content_type == "text/csv"
    assert response.content_disposition == 'attachment; filename="my-self-assessment.csv"'
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8"))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 1 + 2 * 48
    by_key = {(r[0], r[5]): dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert len(by_key) == 96
    row = by_key[("1", "5.2.3")]
    assert (row["cluster"], row["rating"], row["rating_label"], row["framework_version"]) == (
        "5", "3", "I do it independently", framework.version)
    assert row["statement_text"] == framework.statement("5.2.3").text.get("en")
    assert by_key[("2", "6.3.2")]["rating"] == "2"


@pytest.mark.parametrize("query", ["format=xml", "format=", "format=JSON"])
def test_download_refuses_other_formats(query):
    block = short_block()
    submit(block)
    status, body = call_handler(block, "download", method="GET", query=query)
    assert status == 400 and body == {"error": "format must be json or csv"}


# --- Studio -----------------------------------------------------------------------------------------------------

def settings_of(block) -> dict:
    fresh = reload(block)
    return {name: getattr(fresh, name) for name in EDITABLE}


def test_a_well_set_block_validates_cleanly():
    assert short_block().validate().empty
    assert make_block("<digicomp_assessment/>").validate().empty
    separators_only = short_block()
    separators_only.scope = " , "  # no ID at all means the whole framework, not an empty scope
    assert separators_only.validate().empty and len(separators_only.scope_statements) == 144


@pytest.mark.parametrize("field, value, words", [
    ("scope", "1 9.9 5.2.77", "unknown competence ID(s): 9.9, 5.2.77"),
    ("scale", "seven-levels", "unknown scale 'seven-levels'"),
    ("max_moments", 0, "from 1 to 20"),
    ("max_moments", 21, "from 1 to 20"),
    ("weight", -0.5, "weight must be a number of 0 or more"),
    ("framework", "our-own-2024", "no framework 'our-own-2024'"),
])
def test_validate_reports_unusable_settings(field, value, words):
    block = short_block()
    setattr(block, field, value)
    messages = block.validate().messages
    assert [m.type for m in messages] == ["error"]
    assert words in messages[0].text


def test_validate_reports_a_scope_without_statements(monkeypatch):
    """No ID of the bundled framework resolves to zero statements, so the resolver is stubbed here."""
    block = short_block()
    monkeypatch.setattr("digicomp_xblock.blocks.assessment.configuration.resolve_scope", lambda framework, ids: ())
    assert [m.text for m in block.validate().messages] == ["the scope contains no statement"]


def test_studio_submit_saves_good_values():
    block = short_block()
    body = studio_ok(block, {
        "display_name": "Start of the course", "introduction": "Why.\n\nHow.", "framework": "social-work-2025",
        "scope": "5, 6 5.2.3 6", "scale": "three-levels", "allow_not_relevant": False, "max_moments": 4,
        "show_profile": False, "weight": 2,
    })
    assert body == {"result": "success"}
    assert settings_of(block) == {
        "display_name": "Start of the course", "introduction": "Why.\n\nHow.", "second_language": "",
        "display_name_second": "", "introduction_second": "", "framework": "social-work-2025",
        "scope": "5 6 5.2.3", "scale": "three-levels", "allow_not_relevant": False, "max_moments": 4,
        "show_profile": False, "share_answers": False, "weight": 2.0, "position_profile": "", "target_position": "",
        "learner_chooses_target": False,
    }
    studio_ok(block, {"scope": "", "weight": 0.5})
    assert settings_of(block)["scope"] == "" and settings_of(block)["weight"] == 0.5
    assert len(reload(block).scope_statements) == 144


@pytest.mark.parametrize("payload, status, words", [
    ({"display_name": "Changed", "color": "red"}, 400, "unknown setting(s): color"),
    ({"display_name": "Changed", "max_moments": "3"}, 400, "wrong type for: max_moments"),
    ({"display_name": "Changed", "max_moments": 3.0}, 400, "wrong type for: max_moments"),
    ({"display_name": "Changed", "max_moments": True}, 400, "wrong type for: max_moments"),
    ({"display_name": "Changed", "weight": "1"}, 400, "wrong type for: weight"),
    ({"display_name": "Changed", "weight": False}, 400, "wrong type for: weight"),
    ({"display_name": "Changed", "allow_not_relevant": 1}, 400, "wrong type for: allow_not_relevant"),
    ({"display_name": "Changed", "scope": ["5", "6"]}, 400, "wrong type for: scope"),
    ({"display_name": 7}, 400, "wrong type for: display_name"),
    ({"display_name": "Changed", "scope": "1 9.9"}, 400, "unknown competence ID(s): 9.9"),
    ({"display_name": "Changed", "max_moments": 0}, 400, "from 1 to 20"),
    ({"display_name": "Changed", "max_moments": 21}, 400, "from 1 to 20"),
    ({"display_name": "Changed", "weight": -1}, 400, "weight must be a number of 0 or more"),
    ({"display_name": "Changed", "weight": 10**400}, 400, "weight must be a number of 0 or more, at most 100"),
    ({"display_name": "Changed", "weight": 101}, 400, "at most 100"),
    ({"display_name": "Changed", "weight": 1e308}, 400, "at most 100"),
    ({"display_name": "x" * 256}, 400, "too long: display_name"),
    ({"introduction": "x" * 10_001}, 400, "too long: introduction"),
    ({"display_name": "Changed", "scale": "ten-levels"}, 400, "unknown scale 'ten-levels'"),
    ({"display_name": "Changed", "framework": "our-own-2024"}, 400, "no framework 'our-own-2024'"),
    ({"display_name": "Changed", "framework": "../../setup"}, 400, "no framework '../../setup'"),
    (["display_name", "Changed"], 400, "must be a JSON object"),
])
def test_studio_submit_refuses_bad_values_and_changes_nothing(payload, status, words):
    block = short_block()
    before = settings_of(block)
    got_status, body = studio(block, payload)
    assert got_status == status and words in body["error"]
    assert settings_of(block) == before


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_studio_submit_refuses_javascript_numbers_and_the_block_stays_usable(literal):
    block = short_block()
    before = settings_of(block)
    status, body = studio(block, raw_body=b'{"weight": ' + literal + b"}")
    assert status == 400 and "not valid JSON" in body["error"]
    assert settings_of(block) == before
    assert submit_all(reload(block))[0] == 200 and studio(block, {"weight": 2})[0] == 200


def test_studio_submit_lists_every_problem_at_once():
    block = short_block()
    status, body = studio(block, {"scope": "9.9", "max_moments": 0, "weight": -1})
    assert status == 400
    assert all(words in body["error"] for words in ("9.9", "from 1 to 20", "weight"))


def test_studio_submit_needs_post():
    block = short_block()
    status, body = studio(block, {"display_name": "Changed"}, method="GET")
    assert status == 405 and "use POST" in body["error"]
    assert settings_of(block)["display_name"] != "Changed"


def test_a_learner_cannot_change_the_settings():
    """The settings are the block's for everyone: a learner's studio_submit (the workbench stores any user's) is a
    403 that changes nothing; the learner's own answers stay as they were."""
    block = short_block()
    save_draft(block)
    before, answers = settings_of(block), stored_state(block)

    status, body = call_handler(block, "studio_submit", {"display_name": "Changed", "max_moments": 20, "weight": 100})

    assert status == 403 and body == {"error": "only course staff can change the settings of this self-assessment"}
    assert settings_of(block) == before and stored_state(block) == answers
    assert studio(block, {"display_name": "Changed"})[0] == 200 and settings_of(block)["display_name"] == "Changed"


class StudioPermissions:
    """Studio's `studio_user_permissions` service: write access to the course, whatever the user service says."""

    def __init__(self, can_write: bool):
        self.answer, self.asked = can_write, []

    def can_write(self, course_key):
        self.asked.append(course_key)
        return self.answer


@pytest.mark.parametrize("user, can_write, status", [("student_1", True, 200), (STAFF, False, 403)])
def test_in_studio_write_access_to_the_course_decides(user, can_write, status):
    """Studio's editing runtime calls every author a "student" (no staff flag, no role): there its permissions
    service decides, not the user service's role."""
    block = block_for(short_block(), user)
    permissions = StudioPermissions(can_write)
    block.runtime._services["studio_user_permissions"] = permissions  # what Studio's runtime adds

    got, _body = call_handler(block, "studio_submit", {"display_name": "Edited in Studio"})

    assert got == status and len(permissions.asked) == 1
    assert (settings_of(block)["display_name"] == "Edited in Studio") is (status == 200)


def test_studio_view_shows_the_tree_with_the_chosen_statements_ticked(framework):
    block = make_block('<digicomp_assessment scope="1 2 5.2.3"/>')
    html = block.render("studio_view").content
    for sid in ("1.1.1", "5.2.3", "9.1.1"):
        assert escape(framework.statement(sid).text.get("en")) in html
    assert 'value="5.2.3" data-level="statement" checked' in html
    assert 'value="1" data-level="cluster" checked' in html
    assert 'value="5" data-level="cluster">' in html and 'value="5.2.4" data-level="statement">' in html
    assert html.count('data-level="statement"') == 144
    assert 'name="max_moments" min="1" max="20" value="3"' in html


# --- OLX ------------------------------------------------------------------------------------------------------

OLX = '<digicomp_assessment scope="1 2 5.2.3" max_moments="2" allow_not_relevant="false" weight="1.5"/>'


def test_olx_round_trips_exactly():
    block = make_block(OLX)
    assert (block.scope, block.max_moments, block.allow_not_relevant, block.weight) == ("1 2 5.2.3", 2, False, 1.5)
    node = etree.Element("x")
    block.add_xml_to_node(node)
    exported = dict(node.attrib)
    assert node.tag == "digicomp_assessment"
    assert exported.pop("xblock-family") == "xblock.v1"
    assert exported == dict(etree.fromstring(OLX).attrib)

    again = make_block(etree.tostring(node, encoding="unicode"))
    assert {name: getattr(again, name) for name in EDITABLE} == {name: getattr(block, name) for name in EDITABLE}


@pytest.mark.parametrize("attrs, words", [
    ('scope="1 9.9"', "9.9"),
    ('scope="1, 9.9, 5.2.3, x"', "unknown competence ID(s): 9.9, x"),
    ('max_moments="0"', "assessment moments must be a whole number from 1 to 20"),
    ('max_moments="21"', "from 1 to 20"),
    ('max_moments="abc"', 'max_moments="abc" is not a whole number'),
    ('max_moments="2.5"', "2.5"),
    ('weight="-1"', "weight must be a number of 0 or more"),
    ('weight="lots"', 'weight="lots"'),
    ('weight="1' + "0" * 400 + '"', "weight must be a number of 0 or more, at most 100"),
    ('weight="100.5"', "at most 100"),
    ('max_moments="' + "9" * 5000 + '"', "is more than 20"),
    ('scale="ten-levels"', "unknown scale 'ten-levels'"),
    ('framework="our-own-2024"', "no framework 'our-own-2024'"),
])
def test_olx_with_unusable_settings_is_refused(attrs, words):
    with pytest.raises(ValueError) as raised:
        make_block(f"<digicomp_assessment {attrs}/>")
    message = str(raised.value)
    assert message.startswith("<digicomp_assessment>") and words in message


# --- student_view -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [
    ("en", ["Rate yourself", "Submit my self-assessment", "Not relevant to my work"]),
    ("nl", ["Beoordeel jezelf", "Mijn zelfevaluatie indienen", "Niet relevant voor mijn werk"]),
])
@pytest.mark.parametrize("scope, fieldsets, clusters", [("", 144, 9), ("5 6", 48, 2)])
def test_student_view_renders_in_the_learners_language(framework, lang, words, scope, fieldsets, clusters):
    block = make_block(f'<digicomp_assessment scope="{scope}"/>')
    with translation.override(lang):
        html = block.render("student_view").content
    assert f'lang="{lang}"' in html
    for word in words:
        assert word in html
    assert html.count('<fieldset class="dc-statement"') == fieldsets
    assert html.count('<details class="dc-cluster"') == clusters
    assert escape(framework.statement("5.2.3").text.get(lang)) in html
    other = "nl" if lang == "en" else "en"
    assert escape(framework.statement("5.2.3").text.get(other)) not in html


def test_student_view_after_a_submit_shows_the_profile_and_hides_the_form():
    block = short_block()
    submit(block)
    html = reload(block).render("student_view").content
    assert "Your self-assessment of" in html
    assert 'class="dc-form-section" aria-labelledby=' in html and "-form-title\" hidden>" in html


BREAKOUT = "</script><img src=x onerror=window.__pwned=1>"


def test_no_free_text_goes_into_the_start_up_data_and_the_state_is_escaped_json():
    """The SDK's runtime writes initialize_js arguments into `<script type="json/xblock-args">` unescaped (the
    project's issue 11): a reflection there ends the script. The state goes through json_script instead."""
    block = short_block(display_name=escape(BREAKOUT), introduction=escape(BREAKOUT))
    assert call_handler(block, "save_answers", {"ratings": {"5.1.1": 1}, "reflections": {"5": BREAKOUT}})[0] == 200
    block = reload(block)
    fragment = block.student_view()
    assert fragment.json_init_args == {"storageKey": f"digicomp:{block.draft_owner}:{block.dom_id}"}
    html = block.render("student_view").content  # wrapped by the SDK's runtime, start-up data and all
    assert BREAKOUT not in html and "<img" not in html
    state = etree.HTML(html).xpath(f"//script[@id='{block.dom_id}-state']")[0].text
    assert "<" not in state and json.loads(state)["reflections"] == {"5": BREAKOUT}


def test_each_learner_keeps_unsaved_answers_under_a_key_of_their_own_that_does_not_name_them():
    block = short_block()
    keys = {user: block_for(block, user).student_view().json_init_args["storageKey"] for user in ("ana", "bram")}
    assert keys["ana"] != keys["bram"]
    assert all(key.split(":")[2] == block.dom_id and user not in key for user, key in keys.items())
    assert keys["ana"] == block_for(block, "ana").student_view().json_init_args["storageKey"]  # on every visit


@pytest.mark.parametrize("field, value, words", [
    ("scope", "9.9", "9.9"),
    ("scale", "ten-levels", "ten-levels"),
])
def test_a_block_with_broken_settings_renders_a_plain_message(field, value, words):
    block = short_block()
    setattr(block, field, value)  # e.g. edited in Studio's advanced editor, bypassing studio_submit
    block.save()
    html = reload(block).render("student_view").content
    assert 'role="alert"' in html and words in html
    assert "dc-statement" not in html
    status, body = call_handler(reload(block), "save_answers", {"ratings": {}})
    assert status == 400 and "not set up correctly" in body["error"] and words in body["error"]


def test_reload_reads_the_database():
    """Guard for the helpers: a reloaded block sees saved values only, never another instance's cache."""
    block = short_block()
    block.draft = {"ratings": {"5.1.1": 2}, "reflections": {}}
    assert reload(block).draft == {}
    block.save()
    assert reload(block).draft == {"ratings": {"5.1.1": 2}, "reflections": {}}
    assert block_for(block, "student_2").draft == {}


def test_state_fields_are_the_ones_compared():
    """The refusal tests compare, and the handlers re-read, every user-state field of the block."""
    user_state = {name for name, field in AssessmentXBlock.fields.items() if field.scope == Scope.user_state}
    assert user_state == set(LEARNER_STATE)


# --- Open edX's problem-responses report -------------------------------------------------------------------------

@pytest.mark.mariadb
def test_report_data_has_one_row_per_moment_and_no_reflection():
    block = make_block('<digicomp_assessment scope="6" max_moments="3" share_answers="true"/>', user="gus")
    submit_all(block, level=2, reflections={"6": "secret"})
    state = {"snapshots": raw_state(block)["snapshots"] * 2}  # the row as the platform reads it: moments as text
    assert all(isinstance(moment, str) for moment in state["snapshots"])
    rows = list(block.generate_report_data(iter([ReportState("gus", state), ReportState("hal", {})])))
    assert [(user, row["Moment"]) for user, row in rows] == [("gus", 1), ("gus", 2)]
    assert rows[0][1]["6.1.1"] == 2 and rows[0][1]["Framework version"] == "2025.1.0"
    assert "secret" not in str(rows)
    assert len(list(block.generate_report_data(iter([ReportState("gus", state)]), limit_responses=1))) == 1


@pytest.mark.mariadb
def test_report_data_has_no_ratings_of_moments_submitted_while_answers_were_private():
    block = make_block('<digicomp_assessment scope="6" max_moments="3"/>', user="ida")
    submit_all(block, level=2)
    studio_ok(block, {"share_answers": True})
    call_handler(block, "start_moment", {})
    submit_all(reload(block), level=3)
    rows = list(block.generate_report_data(iter([ReportState("ida", raw_state(block))])))
    assert [sorted(k for k in row if k[0].isdigit())[:1] for _user, row in rows] == [[], ["6.1.1"]]
    assert [row["Moment"] for _user, row in rows] == [1, 2] and rows[1][1]["6.1.1"] == 3


@pytest.mark.parametrize("share, words", [
    ("false", "Who sees your answers: only you. Your course team sees figures of groups of at least 5 learners"),
    ("true", "Who sees your answers: you and your course team. The course team sees your ratings and scores"),
])
def test_learners_read_who_sees_their_answers_before_they_answer(share, words):
    html = make_block(f'<digicomp_assessment scope="6" share_answers="{share}"/>').render("student_view").content
    assert words in html and html.index("Who sees your answers") < html.index('class="dc-form"')



def labels_of(html: str, statement: str) -> list[str]:
    fieldset = html[html.index(f'data-statement="{statement}"'):]
    fieldset = fieldset[:fieldset.index("</fieldset>")]
    return re.findall(r'<label for="[^"]+">([^<]+)</label>', fieldset)


@pytest.mark.parametrize("lang, knowledge, skill, attitude", [
    ("en", "I know it well", "I do it independently", "It guides what I do"),
    ("nl", "Ik ken het goed", "Ik doe het zelfstandig", "Het stuurt wat ik doe"),
])
def test_the_levels_are_worded_for_knowledge_skills_and_attitudes(lang, knowledge, skill, attitude):
    block = make_block('<digicomp_assessment scope="6"/>')
    with translation.override(lang):
        html = block.render("student_view").content
    assert labels_of(html, "6.1.1")[3] == knowledge and labels_of(html, "6.2.1")[3] == skill
    assert labels_of(html, "6.3.1")[3] == attitude
    assert html.count('class="dc-howto-kind"') == 3


def test_a_course_that_chose_the_five_levels_keeps_their_wording():
    html = make_block('<digicomp_assessment scope="6" scale="growth-5"/>').render("student_view").content
    assert {labels_of(html, s)[3] for s in ("6.1.1", "6.2.1", "6.3.1")} == {"I do it independently"}
    assert 'class="dc-howto-kind"' not in html


@pytest.mark.parametrize("lang, title, intro", [
    ("nl", "Waar sta je?", "Beoordeel jezelf."), ("nl-be", "Waar sta je?", "Beoordeel jezelf."),
    ("en", "Where do you stand?", "Rate yourself."),
])
def test_a_bilingual_course_gives_the_texts_in_the_learners_language(lang, title, intro):
    block = make_block('<digicomp_assessment scope="6" display_name="Where do you stand?" introduction="Rate yourself."'
                       ' second_language="nl" display_name_second="Waar sta je?"'
                       ' introduction_second="Beoordeel jezelf."/>')
    with translation.override(lang):
        html = block.render("student_view").content
    assert f'<h2 class="digicomp-title">{title}</h2>' in html and f"<p>{intro}</p>" in html


def test_the_second_language_is_one_of_the_frameworks():
    status, body = studio(short_block(), {"second_language": "fr", "display_name_second": "Où en es-tu ?"})
    assert status == 400 and "the second language must be one of the framework's languages (en, nl)" in body["error"]
    assert studio(short_block(), {"second_language": "nl", "display_name_second": "Waar sta je?"})[0] == 200

