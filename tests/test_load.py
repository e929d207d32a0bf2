"""A bounded load test on loopback: 50 learners submit 10 times each, all at once, against the demo server.

Every request is answered without a 5xx; each learner gets exactly as many moments as the block allows (the other
submits are refused with a 400); the dashboard holds one row per accepted submit; nobody sees another's answers.
"""

import json
import re
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from digicomp_demo.platform import anonymous_id as demo_anonymous_id
from digicomp_demo.registry import all_scenarios
from digicomp_xblock.core.loader import get_framework
from tests.servers import DemoServer, Visitor, staff_export, stored_rows

pytestmark = pytest.mark.mariadb
LEARNERS, SUBMITS = 50, 10
SCENARIO = "digicomp-assessment"  # the whole framework (144 statements), three moments


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    demo = DemoServer(tmp_path_factory.mktemp("load"), ["digicomp_demo_data", "--learners", "0"])
    url = demo.start()
    try:
        page = urllib.request.urlopen(f"{url}/scenario/{SCENARIO}/", timeout=30).read().decode()
        usage = re.search(r"data-usage='([^']+)' data-block-type='digicomp_assessment'", page).group(1)
        xml = next(scenario.xml for scenario in all_scenarios() if scenario.name == SCENARIO)
        yield demo, usage, int(re.search(r'max_moments="(\d+)"', xml).group(1))
    finally:
        demo.stop()


def learner(base, usage, n, statements):
    """One learner opens the page, then submits SUBMITS times at their own level, each time opening a new moment."""
    name, level, visitor = f"load-{n:02d}", n % 5, Visitor()
    visitor.call(f"{base}/scenario/{SCENARIO}/?student={name}")
    handler = f"{base}/handler/{usage}/{{}}/?student={name}"
    statuses = []
    for _ in range(SUBMITS):
        status, _body = visitor.call(handler.format("save_answers"), {"ratings": dict.fromkeys(statements, level),
                                                                      "submit": True})
        statuses.append(status)
        if status == 200:
            statuses.append(visitor.call(handler.format("start_moment"), {})[0])
    own = json.loads(visitor.call(handler.format("download") + "&format=json")[1])
    return name, level, statuses, own


def test_fifty_learners_submitting_at_once(server):
    demo, usage, max_moments = server
    base = demo.url
    statements = [s.id for s in get_framework().statements()]
    with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
        results = list(pool.map(lambda n: learner(base, usage, n, statements), range(LEARNERS)))

    for name, level, statuses, own in results:
        assert all(status < 500 for status in statuses), (name, statuses, demo.last_error())
        counts = Counter(statuses)
        # max_moments submits and new moments accepted; the last new moment and every later submit refused
        assert counts == {200: 2 * max_moments - 1, 400: SUBMITS - max_moments + 1}, (name, statuses)
        assert len(own) == max_moments, name
        assert all(set(moment["ratings"].values()) == {level} for moment in own), name

    rows = stored_rows(demo, usage)
    assert len(rows) == LEARNERS * max_moments  # one dashboard row per accepted submit
    assert Counter(row["learner"] for row in rows) == {demo_anonymous_id(name): max_moments for name, *_ in results}
    assert not any(name in json.dumps(rows) for name, *_ in results)  # pseudonymous IDs only
    status, body = staff_export(base, usage)  # the block keeps answers to the learners: the lecturer gets none
    assert status == 403 and b"keeps each learner's answers to the learner" in body, (status, body)
