"""The dashboard app's migrations: in step with the model, and applied from zero on SQLite and MariaDB."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from digicomp_xblock.core import cohort
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard import api
from digicomp_xblock.dashboard.models import Programme, SnapshotRecord

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.mariadb]
TABLE = "digicomp_dashboard_snapshotrecord"


def test_the_model_needs_no_new_migration():
    call_command("makemigrations", "digicomp_dashboard", "--check", "--dry-run", verbosity=0)


def test_migrations_apply_from_zero_and_back():
    call_command("migrate", "digicomp_dashboard", "zero", verbosity=0)
    assert TABLE not in connection.introspection.table_names()
    call_command("migrate", "digicomp_dashboard", verbosity=0)
    assert TABLE in connection.introspection.table_names()
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    unique = [c["columns"] for c in constraints.values() if c["unique"] and not c["primary_key"]]
    assert ["block_key", "learner", "moment"] in unique


APP = "digicomp_dashboard"
BEFORE_COMPACT = (APP, "0004_profiles_and_consensus")


def _migrated(target):
    """Migrate the app to `target` (a list of nodes); the historical apps there."""
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_rows_written_before_the_compact_columns_give_the_same_cohort_figures_after():
    """Five learners on cluster 6 (10 statements, levels 0..4 = 0..100 %): first moment level 1 for everyone
    (25 %), latest moment level n for learner n (0, 25, 50, 75, 100 %): by hand, latest median 50, quartiles 25
    and 75, median change 25 with 3 of 5 improved, each level chosen 10 times."""
    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = resolve_scope(framework, ["6"])
    old = _migrated([BEFORE_COMPACT]).get_model(APP, "SnapshotRecord")
    for n in range(5):
        for moment, level in ((1, 1), (2, n)):
            when = datetime(2026, 10, 1 + moment, tzinfo=UTC)
            snap = make_snapshot(framework, scale, scope, {s.id: level for s in scope}, {}, when.isoformat())
            old.objects.create(course_key="c", block_key="c.a", learner=f"anon-{n}", moment=moment,
                               moment_id=snap["id"], submitted_at=when, framework=framework.id,
                               framework_version=framework.version, scale=scale.id, ratings=snap["ratings"],
                               scores=snap["scores"])
    before = [{"learner": r.learner, "moment": r.moment, "submitted_at": r.submitted_at.isoformat(),
               "scores": r.scores, "ratings": r.ratings} for r in old.objects.all()]

    _migrated(MigrationExecutor(connection).loader.graph.leaf_nodes(APP))
    filled = SnapshotRecord.objects.values_list("cluster_ids", "figures", "answers")
    assert all(cluster_ids == "6" and figures and len(answers) == 144 for cluster_ids, figures, answers in filled)
    after, _facts = api.cohort("c", "c.a")
    for rows in (before, after):
        (latest,) = cohort.cluster_summary(rows, ["6"])
        (growth,) = cohort.paired_growth(rows, ["6"])
        assert (latest.learners, latest.median, latest.q1, latest.q3) == (5, 50.0, 25.0, 75.0)
        assert (growth.pairs, growth.median_change, growth.improved) == (5, 25.0, 3 / 5)
        (levels,) = cohort.level_distribution(rows, {"6": [s.id for s in scope]}, scale.values)
        assert levels.counts == {0: 10, 1: 10, 2: 10, 3: 10, 4: 10, "na": 0}
    assert sorted(r["ratings"].items() for r in after.rows(range(len(after)))) == sorted(
        r["ratings"].items() for r in before)

    _migrated([BEFORE_COMPACT])  # and back: the compact columns go, the rows stay
    columns = {c.name for c in connection.introspection.get_table_description(connection.cursor(), TABLE)}
    assert "figures" not in columns and old.objects.count() == 10
    _migrated(MigrationExecutor(connection).loader.graph.leaf_nodes(APP))


def test_programmes_made_before_their_secrets_get_one_each():
    old = _migrated([(APP, "0006_programmes")]).get_model(APP, "Programme")
    for n in range(3):
        old.objects.create(slug=f"p{n}", name=f"P{n}", courses="c")
    _migrated(MigrationExecutor(connection).loader.graph.leaf_nodes(APP))
    secrets = set(Programme.objects.values_list("secret", flat=True))
    assert len(secrets) == 3 and all(len(secret) == 64 for secret in secrets)


def test_the_json_goes_after_every_other_column_and_the_rows_stay():
    """On SQLite a column after the rows' JSON costs reading their overflow pages (0009); elsewhere only the state
    changes. Either way the rows, their JSON and compact columns, and the one-row-per-moment rule stay."""
    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = resolve_scope(framework, ["6"])
    old = _migrated([(APP, "0008_programme_organisations")]).get_model(APP, "SnapshotRecord")
    when = datetime(2026, 10, 2, tzinfo=UTC)
    snap = make_snapshot(framework, scale, scope, {s.id: 3 for s in scope}, {}, when.isoformat(), shared=True)
    values = {"course_key": "c", "block_key": "c.a", "learner": "anon-1", "moment": 1, "moment_id": snap["id"],
              "submitted_at": when, "framework": framework.id, "framework_version": framework.version,
              "scale": scale.id, "ratings": snap["ratings"], "scores": snap["scores"], "shared": True}
    compact = SnapshotRecord(**values)
    compact.fill_compact()
    old.objects.create(**values, answers=compact.answers, figures=compact.figures, cluster_ids=compact.cluster_ids)

    _migrated(MigrationExecutor(connection).loader.graph.leaf_nodes(APP))
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, TABLE)]
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    if connection.vendor == "sqlite":
        assert columns[-2:] == ["ratings", "scores"]
    assert len(columns) == 16
    (row,) = SnapshotRecord.objects.all()
    assert {name: getattr(row, name) for name in values} == values
    assert (row.answers, row.figures, row.cluster_ids) == (compact.answers, compact.figures, "6")
    unique = [c["columns"] for c in constraints.values() if c["unique"] and not c["primary_key"]]
    assert ["block_key", "learner", "moment"] in unique and ["block_key", "learner", "moment_id"] in unique
    indexed = [c["columns"] for c in constraints.values() if c["index"] and not c["unique"]]
    assert ["course_key", "block_key", "submitted_at"] in indexed
