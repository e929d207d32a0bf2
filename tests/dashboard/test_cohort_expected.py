"""The cohort page against the target position of a self-assessment with a position profile: per cluster, the
learners at or above the expected level, as "n of N learners" and a share, small groups suppressed.

The course is the demo's `digicomp-assessment-beginner` (the invented example profile; its beginner expects 7
statements of cluster 6 at the growth-5 level 3), with a cohort written by hand into the dashboard's table."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS

from digicomp_demo.platform import course_of
from digicomp_demo.registry import register_scenarios
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.snapshots import make_snapshot
from digicomp_xblock.dashboard.models import SnapshotRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

CLUSTER_6_BEGINNER = ["6.1.1", "6.1.2", "6.2.1", "6.2.2", "6.2.3", "6.2.5", "6.3.2"]


@pytest.fixture
def assessment():
    register_scenarios()
    root = WorkbenchRuntime("lecturer").get_block(SCENARIOS["digicomp-assessment-beginner"].usage_id)
    return root.runtime.get_block(root.children[0])


def add_learner(block, name, cluster_6, moment=1, day=7):
    """A learner whose latest moment rates every statement asked 3 (the expected level), cluster 6 as given."""
    scope = block.scope_statements
    ratings = {s.id: 3 for s in scope} | dict(zip(CLUSTER_6_BEGINNER, cluster_6, strict=True))
    when = datetime(2026, 10, day, tzinfo=UTC)
    snap = make_snapshot(block.framework_model, load_scales().get("growth-5"), scope, ratings, {}, when.isoformat())
    SnapshotRecord.objects.create(
        course_key=course_of(block.scope_ids.usage_id), block_key=str(block.scope_ids.usage_id), learner=name,
        moment=moment, moment_id=snap["id"], submitted_at=when, framework=snap["framework"],
        framework_version=snap["framework_version"], scale="growth-5", ratings=snap["ratings"], scores=snap["scores"],
        shared=False)


def page_of(client, block, query=""):
    client.force_login(get_user_model().objects.get_or_create(username="lecturer", is_staff=True)[0])
    response = client.get(f"/digicomp/courses/{course_of(block.scope_ids.usage_id)}/cohort/{query}")
    assert response.status_code == 200
    return response.content.decode()


def words_of(markup):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def expected_table(page):
    table = re.search(r'<caption id="dc-expected-caption">.*?</table>', page, re.DOTALL).group(0)
    return {row[0]: row[1:] for row in (re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)
                                        for tr in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:])}


def test_per_cluster_n_of_n_learners_at_or_above_the_expected_level(client, assessment):
    three = [3] * 7
    for n in range(3):
        add_learner(assessment, f"at-{n}", three)
    add_learner(assessment, "below-0", [1, 3, 3, 3, 3, 3, 3])  # one statement below
    add_learner(assessment, "below-1", [2, 2, 3, 3, 3, 3, 3])
    add_learner(assessment, "na", ["na"] * 7)  # rated none of cluster 6 with a level: not counted there
    add_learner(assessment, "grew", [1] * 7, day=1)  # an earlier moment of "grew": only the latest counts
    add_learner(assessment, "grew", [4] * 7, moment=2, day=8)
    page = page_of(client, assessment)
    words = words_of(page)
    assert "Compared with the position “Beginner”" in words
    # at or above: at-0..2 and grew (4) of the 6 who rated cluster 6 (the "na" learner left out): 67%
    assert "6 Managing digital client details securely: 4 of 6 learners (67%) at or above the expected level." \
        in words
    cells = expected_table(page)
    six = next(v for k, v in cells.items() if "digicomp-id\">6<" in k)
    assert six == ["6", "4", "67%"]
    assert re.search(r'<svg[^>]*aria-labelledby="dc-cohort-expected-title', page)


def test_fewer_learners_than_the_minimum_group_show_no_share(client, assessment):
    for n in range(4):
        add_learner(assessment, f"at-{n}", [3] * 7)
    page = page_of(client, assessment)
    assert "too few learners to show (fewer than 5)." in words_of(page)
    assert "dc-cohort-expected" not in page  # no chart of nothing
    assert "of 4 learners" not in words_of(page)


def test_dates_that_leave_out_too_few_learners_show_no_share(client, assessment):
    for n in range(6):
        add_learner(assessment, f"at-{n}", [3] * 7, day=7)
    add_learner(assessment, "late", [1] * 7, day=20)
    page = page_of(client, assessment, "?until=2026-10-10")  # leaves out one learner: nothing, as elsewhere
    assert "dc-expected-caption" not in page and "leave out fewer than 5 learners" in words_of(page)


def test_a_self_assessment_without_a_profile_shows_no_comparison(client):
    register_scenarios()
    root = WorkbenchRuntime("lecturer").get_block(SCENARIOS["digicomp-assessment-short"].usage_id)
    block = root.runtime.get_block(root.children[0]) if root.has_children else root
    scope = block.scope_statements
    for n in range(6):
        when = datetime(2026, 10, 7, tzinfo=UTC)
        snap = make_snapshot(block.framework_model, load_scales().get("growth-5"), scope, {s.id: 3 for s in scope},
                             {}, when.isoformat())
        SnapshotRecord.objects.create(
            course_key=course_of(block.scope_ids.usage_id), block_key=str(block.scope_ids.usage_id),
            learner=f"l{n}", moment=1, moment_id=snap["id"], submitted_at=when, framework=snap["framework"],
            framework_version=snap["framework_version"], scale="growth-5", ratings=snap["ratings"],
            scores=snap["scores"], shared=False)
    assert "dc-expected-caption" not in page_of(client, block)
