"""Dashboard rows: every submit is copied (anonymised, no free text), failures catch up, retirement deletes."""

import pytest
from django.core.management import call_command

from digicomp_xblock.core.snapshots import moment_id
from digicomp_xblock.dashboard import api, signals
from digicomp_xblock.dashboard.models import LearnerLock, SnapshotRecord
from tests.helpers import block_for, call_handler, make_block, reload, submit_all

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb, pytest.mark.usefixtures("fresh_scenarios")]

SHORT = '<digicomp_assessment scope="6" max_moments="3"/>'



def test_each_submit_is_copied_with_the_anonymous_id_and_no_reflection():
    block = make_block(SHORT, user="ada")
    status, _ = submit_all(block, level=3, reflections={"6": "private thoughts"})
    assert status == 200
    row = SnapshotRecord.objects.get()
    assert (row.block_key, row.moment, row.framework_version, row.scale) == (
        str(block.scope_ids.usage_id), 1, "2025.1.0", "growth-5-kinds")
    assert row.learner != "ada" and len(row.learner) == 32  # the anonymous id, not the user name
    assert row.ratings == {s.id: 3 for s in block.scope_statements}
    assert row.scores["overall"]["value"] == 75.0
    assert "private thoughts" not in str(row.__dict__)
    assert row.moment_id == reload(block).snapshots[0]["id"]


def test_a_failed_copy_never_fails_the_submit_and_catches_up_later(monkeypatch, caplog):
    block = make_block(SHORT, user="bea")

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(api, "reconcile", broken)
    status, body = submit_all(block)
    assert status == 200 and body["moments"] == 1
    assert SnapshotRecord.objects.count() == 0 and len(reload(block).snapshots) == 1
    assert "could not copy the moments" in caplog.text
    monkeypatch.undo()
    reload(block).render("student_view")
    assert SnapshotRecord.objects.filter(moment=1, moment_id=reload(block).snapshots[0]["id"]).count() == 1


SNAPSHOT = {"submitted_at": "2026-11-23T10:00:00+00:00", "framework": "f", "framework_version": "1.0.0",
            "scale": "growth-5", "ratings": {"1.1.1": 2}, "scores": {"overall": {}, "clusters": []}}


def test_reconciling_is_idempotent():
    snapshots = [{**SNAPSHOT, "id": "a" * 32}, {**SNAPSHOT, "id": "b" * 32}]
    assert api.reconcile("course", "block", "anon", snapshots) == api.Reconciled(2, 0, 0)
    assert api.reconcile("course", "block", "anon", snapshots) == api.Reconciled(0, 0, 0)
    assert api.copied("block", "anon", snapshots)
    assert list(SnapshotRecord.objects.order_by("moment").values_list("moment_id", "moment")) == [
        ("a" * 32, 1), ("b" * 32, 2)]


def test_reconciling_replaces_wrong_rows_and_removes_what_the_record_lacks():
    """A row for a moment the block never kept (e.g. written before a failed save) and a row whose figures differ
    from the block's record both go; the record's moments are what the table holds afterwards."""
    real = {**SNAPSHOT, "id": "r" * 32, "ratings": {"1.1.1": 4}}
    api.reconcile("course", "block", "anon", [{**real, "ratings": {"1.1.1": 0}}, {**SNAPSHOT, "id": "x" * 32}])
    assert not api.copied("block", "anon", [real])
    assert api.reconcile("course", "block", "anon", [real]) == api.Reconciled(0, 1, 1)
    row = SnapshotRecord.objects.get()
    assert (row.moment_id, row.moment, row.ratings) == ("r" * 32, 1, {"1.1.1": 4})


def test_rows_copied_before_moments_had_ids_keep_theirs():
    """A snapshot without an id (recorded by an earlier version) gets the id the migration gave its row."""
    legacy = dict(SNAPSHOT)
    api.reconcile("course", "block", "anon", [legacy])
    assert api.reconcile("course", "block", "anon", [legacy]) == api.Reconciled(0, 0, 0)
    assert SnapshotRecord.objects.get().moment_id == moment_id(legacy, 1)


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


def test_the_reconcile_command_repairs_every_learners_rows_from_the_blocks(capsys):
    """Rows lost (a crash after the block saved), rows wrong and rows for moments no block has are repaired."""
    block = make_block(SHORT, user="gil")
    submit_all(block, level=1)
    call_handler(block, "start_moment", {})
    submit_all(reload(block), level=3)
    submit_all(block_for(block, "hal"), level=2)
    rows = SnapshotRecord.objects.order_by("learner", "moment")
    kept = {(row.learner, row.moment_id, row.moment, str(row.ratings)) for row in rows}
    assert len(kept) == 3
    rows.filter(moment=2).delete()  # lost
    SnapshotRecord.objects.filter(moment=1).update(ratings={"6.1.1": 0})  # wrong (both learners)
    SnapshotRecord.objects.create(course_key="c", block_key=str(block.scope_ids.usage_id), learner="nobody",
                                  moment=1, moment_id="n" * 32, submitted_at="2026-11-01T00:00:00+00:00",
                                  framework="f", framework_version="1", scale="growth-5", ratings={}, scores={})

    call_command("digicomp_reconcile")

    assert "2 learner record(s) checked: 1 row(s) added, 2 replaced, 0 removed" in capsys.readouterr().out
    rows = SnapshotRecord.objects.exclude(learner="nobody")
    assert {(row.learner, row.moment_id, row.moment, str(row.ratings)) for row in rows} == kept
    call_command("digicomp_reconcile")
    assert "0 row(s) added, 0 replaced, 0 removed" in capsys.readouterr().out


def test_forgetting_a_learner_removes_their_rows_and_their_lock():
    block = make_block(SHORT, user="ivo")
    submit_all(block)
    learner = SnapshotRecord.objects.get().learner
    assert LearnerLock.objects.filter(learner=learner).exists()
    assert api.forget_learners([learner]) == 1
    assert not SnapshotRecord.objects.exists() and not LearnerLock.objects.filter(learner=learner).exists()
