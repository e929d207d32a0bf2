"""The cohort's moments as the database gives them: the same rows as the Python filters, the same figures from the
compact columns as from the JSON, and the per-learner export streamed a chunk of rows at a time."""

import json
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from digicomp_demo.registry import register_scenarios
from digicomp_xblock.core import cohort
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import NOT_RELEVANT, load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard import api
from digicomp_xblock.dashboard.models import SnapshotRecord
from tests.dashboard.test_views import COURSE, PAGE, add_cohort

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]

BLOCKS = [f"{COURSE}.a", f"{COURSE}.b", f"{COURSE}.c"]
START = datetime(2026, 10, 1, tzinfo=UTC)


def random_cohort(rng: random.Random, learners: int = 30) -> None:
    """Learners with one to three moments in random blocks, at random times of October and November, some on the
    stroke of midnight (UTC) or just before, with random ratings of clusters 5 and 6."""
    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = resolve_scope(framework, ["5", "6"])
    for n in range(learners):
        block = rng.choice(BLOCKS)
        for moment in range(1, rng.randint(1, 3) + 1):
            day = START + timedelta(days=rng.randrange(61))
            when = rng.choice([day, day - timedelta(microseconds=1), day + timedelta(seconds=rng.randrange(86400))])
            ratings = {s.id: rng.choice([0, 1, 2, 3, 4, NOT_RELEVANT]) for s in scope if rng.random() < 0.9}
            snap = make_snapshot(framework, scale, scope, ratings, {}, when.isoformat(), shared=rng.random() < 0.5)
            SnapshotRecord.objects.create(course_key=COURSE, block_key=block, learner=f"anon-{n:03d}", moment=moment,
                                          moment_id=snap["id"], submitted_at=when, framework=framework.id,
                                          framework_version=framework.version, scale=scale.id,
                                          ratings=snap["ratings"], scores=snap["scores"], shared=snap["shared"])


def keys(rows) -> list:
    return sorted((r["learner"], r["moment"]) for r in rows)


def every_row(found: cohort.Cohort) -> list[dict]:
    return found.rows(range(len(found)))


def test_the_databases_filters_choose_the_rows_the_python_filters_chose():
    rng = random.Random(15)
    random_cohort(rng)
    every = api.rows(COURSE, ratings=False)
    assert api.assessment_blocks(COURSE) == sorted({r["block"] for r in every})
    days = [None, *(START.date() + timedelta(days=n) for n in range(-2, 64))]
    for _ in range(150):
        block = rng.choice([*BLOCKS, "none"])
        since, until = sorted([rng.choice(days), rng.choice(days)], key=lambda d: d or date.min)
        if rng.random() < 0.5:
            since, until = until, since  # (None, day) and (day, None) both
        if since and until and since > until:
            continue
        expected = cohort.filter_rows([r for r in every if r["block"] == block], since=since and since.isoformat(),
                                      until=until and until.isoformat())
        found, shown = api.cohort(COURSE, block, since, until)
        assert keys(every_row(found)) == keys(expected), (block, since, until)
        assert api.learner_count(COURSE, block, since, until) == len({r["learner"] for r in expected})
        assert shown == api.facts(COURSE, block, since, until)  # one pass over the moments, or a query of its own
        assert (shown.learners, shown.shared) == (len({r["learner"] for r in expected}),
                                                  any(r["shared"] for r in expected))
        assert found.clusters == {cid for r in expected for cid in cohort_clusters(r)}


def cohort_clusters(row) -> list[str]:
    return [cluster["cluster"] for cluster in row["scores"]["clusters"]]


def figures(rows, framework) -> list:
    """Every figure the cohort page and the exports compute from the rows."""
    clusters = cohort.covered_clusters(rows, [c.id for c in framework.clusters()])
    statements = {cid: [s.id for s in framework.cluster(cid).statements()] for cid in clusters}
    return [clusters, cohort.cluster_summary(rows, clusters), cohort.cluster_summary(rows, clusters, moment="first"),
            cohort.paired_growth(rows, clusters, min_group=1),
            cohort.level_distribution(rows, statements, range(5), min_group=1),
            cohort.statement_levels(rows, [sid for cid in clusters for sid in statements[cid]], min_group=1),
            cohort.growth_over_time(rows, clusters, min_group=1, by="week"),
            cohort.growth_over_time(rows, clusters, min_group=1)]


def test_the_compact_columns_give_the_figures_the_json_gives():
    random_cohort(random.Random(16), learners=40)
    SnapshotRecord.objects.filter(pk__in=list(SnapshotRecord.objects.values_list("pk", flat=True)[:3])).update(
        answers="")  # these rows: the JSON only
    framework = get_framework()
    for block in BLOCKS:
        from_json = api.rows(COURSE, [block])
        compact, _facts = api.cohort(COURSE, block, times=True)
        assert [r["ratings"] for r in every_row(compact)] == [r["ratings"] for r in from_json]
        assert figures(compact, framework) == figures(from_json, framework)


@pytest.fixture
def staff_client(client, fresh_scenarios):
    register_scenarios()
    client.force_login(get_user_model().objects.create_user("lecturer", is_staff=True))
    return client


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_per_learner_export_holds_one_chunk_of_rows_at_a_time(staff_client, monkeypatch, fmt):
    """Rows read from the database but not yet sent never exceed one chunk, however many rows there are."""
    add_cohort(7)  # 14 shared moments
    monkeypatch.setattr(api, "CHUNK", 3)
    read, page = [], api._page
    monkeypatch.setattr(api, "_page", lambda *args: read.append(len(found := page(*args))) or found)
    response = staff_client.get(f"{PAGE}export/learners.{fmt}")
    assert response.status_code == 200 and read == []  # nothing read before the response is sent
    sent, held = [], []
    for chunk in response.streaming_content:
        sent.append(chunk)
        held.append(sum(read) - sum(b"anon-" in part for part in sent))
    assert max(read) == 3 and sum(read) == 14 and max(held) <= 3
    text = b"".join(sent).decode()
    exported = (json.loads(text)["rows"] if fmt == "json" else text.splitlines()[1:])
    assert len(exported) == 14


def test_rows_created_in_bulk_get_their_compact_columns_too():
    random_cohort(random.Random(17), learners=5)
    made = list(SnapshotRecord.objects.order_by("pk"))
    SnapshotRecord.objects.all().delete()
    for record in made:
        record.pk, record.cluster_ids, record.figures, record.answers = None, "", "", ""
    SnapshotRecord.objects.bulk_create(made)
    assert all(SnapshotRecord.objects.values_list("figures", flat=True))
    for block in BLOCKS:
        assert figures(api.cohort(COURSE, block, times=True)[0], get_framework()) == figures(
            api.rows(COURSE, [block]), get_framework())


def test_moments_read_without_their_times_have_no_time_line_by_week():
    random_cohort(random.Random(18), learners=5)
    found, _facts = api.cohort(COURSE, BLOCKS[0])
    with pytest.raises(ValueError, match="without their times"):
        cohort.growth_over_time(found, ["5"], by="week")
    assert cohort.growth_over_time(found, ["5"], min_group=1) == cohort.growth_over_time(
        api.cohort(COURSE, BLOCKS[0], times=True)[0], ["5"], min_group=1)


def test_a_block_of_two_scales_is_read_with_each_moments_scale():
    random_cohort(random.Random(17), learners=20)
    SnapshotRecord.objects.filter(block_key=BLOCKS[0], moment=2).update(scale="another-scale")
    expected = api.rows(COURSE, [BLOCKS[0]], ratings=False)
    found, shown = api.cohort(COURSE, BLOCKS[0])
    assert found.scale == [r["scale"] for r in expected]
    assert shown.scales == ["another-scale", "growth-5"]
    assert keys(every_row(found)) == keys(expected)
