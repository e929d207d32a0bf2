"""No acknowledged moment is ever lost or miscopied, against the demo server on loopback (SQLite, and MariaDB in
the MariaDB run): two tabs of one learner submitting at once, and a server killed (SIGKILL) in the middle of fifty
learners' submits. Every submit answered with 200 is in the block's record and in the dashboard table exactly once,
and nothing is half-written."""

import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from digicomp_demo.platform import anonymous_id
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scope import resolve_scope
from tests.servers import DemoServer, Visitor, stored_rows

pytestmark = pytest.mark.mariadb
ROUNDS = 25
LEARNERS = 50


def assessment_of(base, scenario):
    page = urllib.request.urlopen(f"{base}/scenario/{scenario}/", timeout=30).read().decode()
    return re.search(r"data-usage='([^']+)' data-block-type='digicomp_assessment'", page).group(1)


def handler_url(base, usage, name, learner):
    return f"{base}/handler/{usage}/{name}/?student={learner}"


def own_moments(base, usage, learner):
    status, body = Visitor().call(handler_url(base, usage, "download", learner) + "&format=json")
    assert status == 200, body
    return json.loads(body)


def copied_by_learner(server, usage):
    """learner -> the dashboard's rows of them (moment order)."""
    rows = {}
    for row in sorted(stored_rows(server, usage), key=lambda r: (r["learner"], r["moment"])):
        rows.setdefault(row["learner"], []).append(row)
    return rows


def score(level):
    return round(100 * level / 4, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = DemoServer(tmp_path_factory.mktemp("faults"), ["digicomp_demo_data", "--learners", "0"])
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("pages", ["say their revision", "say nothing"])
def test_two_tabs_submitting_at_once_lose_nothing_and_duplicate_nothing(demo, figures, pages):
    """Both tabs show the open moment and submit it at the same instant, 25 times (a new learner each round). The
    page's script says which revision it shows; an older page (or another client) may not."""
    base, usage = demo.url, assessment_of(demo.url, "digicomp-assessment-short")
    statements = [s.id for s in resolve_scope(get_framework(), ["5", "6"])]
    statuses, acknowledged = Counter(), {}
    for n in range(ROUNDS):
        learner, tabs = f"tabs-{pages[4]}-{n:02d}", [Visitor(), Visitor()]
        for tab in tabs:
            tab.call(f"{base}/scenario/digicomp-assessment-short/?student={learner}")
        extra = {"revision": 0} if pages == "say their revision" else {}
        start = threading.Barrier(2)

        def submit(tab, level, learner=learner, extra=extra, start=start):
            start.wait()
            return tab.call(handler_url(base, usage, "save_answers", learner), {
                "ratings": dict.fromkeys(statements, level), "submit": True, **extra})[0], level

        with ThreadPoolExecutor(max_workers=2) as pool:
            answers = list(pool.map(submit, tabs, (1, 3)))
        statuses.update(status for status, _ in answers)
        refused = 409 if extra else 400  # the second tab's page is older than the state / no moment is open any more
        assert sorted(status for status, _ in answers) == [200, refused], (learner, answers)
        acknowledged[learner] = next(level for status, level in answers if status == 200)

    copied = copied_by_learner(demo, usage)
    stored = 0
    for learner, level in acknowledged.items():
        moments = own_moments(base, usage, learner)
        assert [set(m["ratings"].values()) for m in moments] == [{level}], learner  # exactly the acknowledged one
        rows = copied[anonymous_id(learner)]
        assert [(r["moment"], r["cluster_5"], r["cluster_6"]) for r in rows] == [(1, score(level), score(level))]
        stored += len(moments)
    copies = sum(len(copied[anonymous_id(name)]) for name in acknowledged)
    figures(f"two tabs at once (pages {pages}): {2 * ROUNDS} submits in {ROUNDS} rounds, {statuses[200]} "
            f"acknowledged, {statuses[400] + statuses[409]} refused, {stored} stored, {copies} copied")


def test_a_server_killed_during_fifty_learners_submits_keeps_every_acknowledged_moment_once(demo, figures):
    base, usage = demo.url, assessment_of(demo.url, "digicomp-assessment")
    statements = [s.id for s in get_framework().statements()]
    acknowledged = {f"crash-{n:02d}": [] for n in range(LEARNERS)}
    answered = threading.Semaphore(0)

    def learner(name, n):
        visitor = Visitor()
        try:
            visitor.call(f"{base}/scenario/digicomp-assessment/?student={name}")
            for moment in range(1, 4):
                level = (n + moment) % 5
                status, _ = visitor.call(handler_url(base, usage, "save_answers", name),
                                         {"ratings": dict.fromkeys(statements, level), "submit": True})
                if status != 200:
                    return
                acknowledged[name].append(level)
                answered.release()
                if moment < 3 and visitor.call(handler_url(base, usage, "start_moment", name), {})[0] != 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            return  # the server is gone: this request has no answer

    with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
        for n, name in enumerate(acknowledged):
            pool.submit(learner, name, n)
        deadline = time.monotonic() + 60
        for _ in range(LEARNERS):  # kill while submits are still coming in
            answered.acquire(timeout=max(0.0, deadline - time.monotonic()))
        demo.kill()

    base = demo.start()
    copied = copied_by_learner(demo, usage)
    total_acknowledged = sum(len(levels) for levels in acknowledged.values())
    stored = copies = 0
    for n, (name, levels) in enumerate(acknowledged.items()):
        moments = own_moments(base, usage, name)
        seen = [set(m["ratings"].values()) for m in moments]
        assert all(len(s) == 1 and len(m["ratings"]) == len(statements) for s, m in zip(seen, moments, strict=True))
        stored_levels = [next(iter(s)) for s in seen]
        assert stored_levels[:len(levels)] == levels, name  # every acknowledged moment, once, in order
        assert stored_levels == [(n + k) % 5 for k in range(1, len(stored_levels) + 1)], name  # nothing else
        rows = copied.get(anonymous_id(name), [])
        assert [(r["moment"], r["cluster_1"]) for r in rows] == [(k, score(level))
                                                                 for k, level in enumerate(stored_levels, 1)], name
        stored, copies = stored + len(moments), copies + len(rows)
    assert "0 row(s) added, 0 replaced, 0 removed" in demo.admin("digicomp_reconcile")
    assert 0 < total_acknowledged < LEARNERS * 3, "the kill must fall in the middle of the submits"
    figures(f"server killed mid-submit: {total_acknowledged} submits acknowledged, {stored} stored, {copies} copied, "
            f"0 repaired afterwards")
