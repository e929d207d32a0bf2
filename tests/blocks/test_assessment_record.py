"""The learner's record of moments as the self-assessment stores it (core.moments): each moment as text, read back
exactly as it was submitted by every reader, and older records (JSON objects) read the same and written as text at
the learner's next submit."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_demo.platform import course_of
from digicomp_demo.registry import register_scenarios
from digicomp_xblock.blocks.assessment import handlers
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.moments import decode
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.snapshots import snapshots_csv, snapshots_json
from digicomp_xblock.dashboard.models import SnapshotRecord
from tests.helpers import ReportState, call_handler, make_block, raw_state, reload, response_of, submit_all

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb, pytest.mark.usefixtures("fresh_scenarios")]

#: Reflections with quotes, a backslash, separators, emoji and a right-to-left text.
ODD = {"5": 'say "hi" \\ 5.1.1:3n2 ; , 😀', "6": "line\nnext\u2028 שלום"}


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def three_moments(block, monkeypatch=None):
    """Submit three moments (mostly level 1, "not relevant", 3, every third statement another level), reflections
    in the second and third; with `monkeypatch`, the moments as make_snapshot made them."""
    made = []
    if monkeypatch is not None:
        real = handlers.make_snapshot
        monkeypatch.setattr(handlers, "make_snapshot", lambda *args, **kwargs: made.append(real(*args, **kwargs))
                            or made[-1])
    ids = [s.id for s in block.scope_statements]
    for number, level in enumerate((1, "na", 3)):
        ratings = {sid: (level if i % 3 else (i + number) % 5) for i, sid in enumerate(ids)}
        status, _ = call_handler(reload(block), "save_answers",
                                 {"ratings": ratings, "reflections": ODD if number else {}, "submit": True})
        assert status == 200
        if number < 2:
            call_handler(reload(block), "start_moment", {})
    return made


def store_as_objects(block) -> None:
    """Write the learner's moments as a release before core.moments did: a list of JSON objects, in their order, as
    Open edX's StudentModule keeps them (the workbench's own writes sort every key; this writes the row itself)."""
    record = XBlockState.objects.get(scope="usage", scope_id=str(block.scope_ids.usage_id),
                                     user_id=block.scope_ids.user_id)
    state = json.loads(record.state)
    state["snapshots"] = [decode(moment) for moment in state["snapshots"]]
    record.state = json.dumps(state)
    record.save()
    assert all(isinstance(moment, dict) for moment in raw_state(block)["snapshots"])


def readings(block) -> dict:
    """What every reader of the learner's moments gives: the block's handlers, Open edX's report, the dashboard."""
    download = {fmt: response_of(reload(block), "download", query=f"format={fmt}").body for fmt in ("json", "csv")}
    _, user_state = call_handler(reload(block), "student_view_user_state", method="GET")
    report = list(reload(block).generate_report_data(iter([ReportState("ida", raw_state(block))])))
    _, compared = call_handler(reload(block), "profile", {"compare": 1})
    rows = list(SnapshotRecord.objects.order_by("moment").values())
    return {"download": download, "user_state": user_state, "report": report, "profile": compared, "rows": rows}


SHARED = '<digicomp_assessment scope="5 6" max_moments="4" share_answers="true"/>'


def test_each_moment_is_stored_as_text_and_read_back_as_it_was_submitted(monkeypatch):
    block = make_block(SHARED, user="ida")
    made = three_moments(block, monkeypatch)
    stored = raw_state(block)["snapshots"]
    assert len(stored) == 3 and all(isinstance(moment, str) for moment in stored)
    assert len(json.dumps(stored)) < len(json.dumps(made)) / 3
    assert as_json(list(reload(block).snapshots)) == as_json(made)  # key order, types and floats
    # The downloads are byte for byte what a record of JSON objects gave (a StudentModule keeps their order).
    assert response_of(reload(block), "download", query="format=json").body == snapshots_json(made).encode()
    assert response_of(reload(block), "download", query="format=csv").body == snapshots_csv(
        made, get_framework(), load_scales(), "en").encode()


def test_every_reader_gives_the_same_for_text_and_for_an_older_record():
    block = make_block(SHARED, user="ida")
    three_moments(block)
    as_text = readings(block)
    store_as_objects(block)
    as_objects = readings(block)
    for reader in as_text:
        assert as_objects[reader] == as_text[reader], reader
    assert [row["Moment"] for _, row in as_text["report"]] == [1, 2, 3]
    assert as_text["report"][0][1]["5.1.1"] == 0 and "5.1.1" in as_text["user_state"]["ratings"]
    assert [m["scores"]["overall"]["rated"] for m in as_text["user_state"]["submitted"]] == [48, 16, 48]


def test_an_older_record_is_written_as_text_at_the_next_submit(capsys):
    block = make_block(SHARED, user="ida")
    three_moments(block)
    call_handler(reload(block), "start_moment", {})
    store_as_objects(block)
    before = raw_state(block)["snapshots"]
    rows = list(SnapshotRecord.objects.order_by("moment").values())

    status, body = submit_all(reload(block), level=2)

    assert status == 200 and body["moments"] == 4
    assert all(isinstance(moment, str) for moment in raw_state(block)["snapshots"])
    assert as_json(list(reload(block).snapshots)[:3]) == as_json(before)
    # The dashboard's copies of the first three moments are the rows they were (not replaced); one is added.
    assert list(SnapshotRecord.objects.filter(moment__lte=3).order_by("moment").values()) == rows
    assert SnapshotRecord.objects.count() == 4
    call_command("digicomp_reconcile")
    assert "1 learner record(s) checked: 0 row(s) added, 0 replaced, 0 removed" in capsys.readouterr().out


def test_a_draft_save_leaves_an_older_record_as_objects():
    block = make_block(SHARED, user="ida")
    three_moments(block)
    call_handler(reload(block), "start_moment", {})
    store_as_objects(block)
    before = raw_state(block)["snapshots"]
    status, _ = call_handler(reload(block), "save_answers", {"ratings": {"5.1.1": 4}})
    assert status == 200 and raw_state(block)["snapshots"] == before


def test_a_moment_the_text_cannot_hold_stays_json_and_keeps_its_identifier():
    """A moment from before moments had an identifier (the dashboard derives one from its number and time)."""
    block = make_block(SHARED, user="ida")
    three_moments(block)
    call_handler(reload(block), "start_moment", {})
    fresh = reload(block)
    legacy = [{k: v for k, v in moment.items() if k not in ("id", "shared")} for moment in fresh.snapshots]
    fresh._field_data.set(fresh, "snapshots", legacy)
    call_command("digicomp_reconcile")
    derived = list(SnapshotRecord.objects.order_by("moment").values_list("moment_id", flat=True))
    assert submit_all(reload(block), level=2)[0] == 200
    stored = raw_state(block)["snapshots"]
    assert stored[:3] == legacy and isinstance(stored[3], str)
    assert list(SnapshotRecord.objects.filter(moment__lte=3).order_by("moment")
                .values_list("moment_id", flat=True)) == derived


def test_the_course_page_reads_the_latest_moment_of_either_form(client):
    register_scenarios()
    scenario = SCENARIOS["digicomp-assessment-beginner"]
    root = WorkbenchRuntime("ana").get_block(scenario.usage_id)
    block = root.runtime.get_block(root.children[0])
    assert submit_all(block, level=1)[0] == 200
    client.force_login(get_user_model().objects.create_user("ana"))
    page = f"/digicomp/courses/{course_of(scenario.usage_id)}/profile/"
    as_text = without_token(client.get(page).content.decode())
    store_as_objects(block)
    assert "compared with the position “Beginner”" in as_text
    assert without_token(client.get(page).content.decode()) == as_text


def without_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
