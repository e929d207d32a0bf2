"""Dashboard rows: every submit is copied (anonymised, no free text), failures catch up, retirement deletes."""

import pytest
from django.core.management import call_command

from digicomp_xblock.dashboard import api, signals
from digicomp_xblock.dashboard.models import SnapshotRecord
from tests.helpers import block_for, call_handler, make_block, reload, submit_all

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb, pytest.mark.usefixtures("fresh_scenarios")]

SHORT = '<digicomp_assessment scope="6" max_moments="3"/>'



def test_each_submit_is_copied_with_the_anonymous_id_and_no_reflection():
    block = make_block(SHORT, user="ada")
    status, _ = submit_all(block, level=3, reflections={"6": "private thoughts"})
    assert status == 200
    row = SnapshotRecord.objects.get()
    assert (row.block_key, row.moment, row.framework_version, row.scale) == (
        str(block.scope_ids.usage_id), 1, "2025.1.0", "growth-5")
    assert row.learner != "ada" and len(row.learner) == 32  # the anonymous id, not the user name
    assert row.ratings == {s.id: 3 for s in block.scope_statements}
    assert row.scores["overall"]["value"] == 75.0
    assert "private thoughts" not in str(row.__dict__)
    assert reload(block).recorded == 1


def test_a_failed_copy_never_fails_the_submit_and_catches_up_later(monkeypatch, caplog):
    block = make_block(SHORT, user="bea")

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(api, "record_snapshots", broken)
    status, body = submit_all(block)
    assert status == 200 and body["moments"] == 1
    assert SnapshotRecord.objects.count() == 0 and reload(block).recorded == 0
    assert "could not copy snapshots" in caplog.text
    monkeypatch.undo()
    reload(block).render("student_view")
    assert SnapshotRecord.objects.filter(moment=1).count() == 1
    assert reload(block).recorded == 1


def test_recording_is_idempotent():
    snapshot = {"submitted_at": "2026-11-23T10:00:00+00:00", "framework": "f", "framework_version": "1.0.0",
                "scale": "growth-5", "ratings": {}, "scores": {"overall": {}, "clusters": []}}
    assert api.record_snapshots("course", "block", "anon", [snapshot, snapshot]) == 2
    assert api.record_snapshots("course", "block", "anon", [snapshot, snapshot]) == 0
    assert SnapshotRecord.objects.count() == 2


def test_forget_command_deletes_only_that_learner(capsys):
    block = make_block(SHORT, user="cas")
    submit_all(block)
    submit_all(block_for(block, "dre"))
    learners = list(SnapshotRecord.objects.values_list("learner", flat=True))
    assert len(set(learners)) == 2
    call_command("digicomp_forget_learner", learners[0])
    assert list(SnapshotRecord.objects.values_list("learner", flat=True)) == [learners[1]]
    assert "deleted 1 snapshot row(s) of 1 learner(s)" in capsys.readouterr().out


def test_retirement_receiver_deletes_the_users_rows(monkeypatch):
    submit_all(make_block(SHORT, user="eve"))
    anonymous = SnapshotRecord.objects.get().learner
    monkeypatch.setattr(signals, "anonymous_ids_of", lambda user: [anonymous])
    signals.on_user_retired(sender=None, user=object())
    assert SnapshotRecord.objects.count() == 0


def test_retirement_is_not_connected_outside_open_edx():
    assert signals.connect_retirement() is False



def test_unknown_learner_attribute_means_no_copy(monkeypatch):
    block = make_block(SHORT, user="fay")
    monkeypatch.setattr("digicomp_xblock.blocks.assessment.records.user_attr", lambda *a, **k: None)
    assert call_handler(block, "save_answers", {"ratings": {s.id: 1 for s in block.scope_statements},
                                                "submit": True})[0] == 200
    assert SnapshotRecord.objects.count() == 0


def test_plugin_settings_default_the_minimum_group_and_keep_an_operators_value():
    from types import SimpleNamespace

    from digicomp_xblock.dashboard.plugin_settings import plugin_settings

    fresh, operator = SimpleNamespace(), SimpleNamespace(DIGICOMP_MIN_GROUP=10)
    plugin_settings(fresh)
    plugin_settings(operator)
    assert (fresh.DIGICOMP_MIN_GROUP, operator.DIGICOMP_MIN_GROUP) == (5, 10)
