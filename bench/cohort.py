"""Cohort benchmark: the cohort page and its two exports at growing cohort sizes, against a bare SQL read.

For each size (learners × 144 ratings × 2 moments, all shared) a child process fills a throw-away SQLite database
and times, median of `--reps`, as course staff over HTTP (django's test client, the whole response read):
the cohort page, the clusters CSV and the per-learner CSV, each printed as a ratio to the floor, a bare SQL read
(cursor.fetchall) of the same moments' keys (learner, block, moment, time). Then the peak of Python's allocations
during each (tracemalloc, in a run of its own: it slows the code down), and the child's maximum resident size.
A report, not a test. `python bench/cohort.py --sizes 1000 10000 100000`; `make bench` runs 1,000 and 10,000.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from run import setup_django

#: The demo's course (the demo platform knows the courses of its scenarios; another key is a 404).
COURSE = "demo-course-digital-social-work-in-practice"
BLOCK = f"{COURSE}.assessment"
#: Distinct answer sets the synthetic learners draw from (making 200,000 snapshots one by one takes minutes).
POOL = 400


def fill(learners: int, seed: int = 7) -> None:
    """Synthetic rows: every learner rates all 144 statements at two moments, the second higher on average."""
    from digicomp_xblock.core.loader import get_framework
    from digicomp_xblock.core.scales import load_scales
    from digicomp_xblock.core.snapshots import make_snapshot
    from digicomp_xblock.dashboard.models import SnapshotRecord

    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = tuple(framework.statements())
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, tzinfo=UTC)
    pool = []
    for moment in (1, 2):
        for _ in range(POOL):
            base = rng.gauss(1.8 + 0.4 * (moment - 1), 0.6)
            ratings = {s.id: max(0, min(4, round(base + rng.gauss(0, 0.6)))) for s in scope}
            snap = make_snapshot(framework, scale, scope, ratings, {}, start.isoformat(), shared=True)
            pool.append(snap)
    batch = []
    for n in range(learners):
        for moment in (1, 2):
            snap = pool[(moment - 1) * POOL + rng.randrange(POOL)]
            when = start + timedelta(weeks=12 * (moment - 1), hours=n % 48)
            batch.append(SnapshotRecord(course_key=COURSE, block_key=BLOCK, learner=f"l{n:06d}", moment=moment,
                                        moment_id=f"{n:06d}{moment}", submitted_at=when, framework=framework.id,
                                        framework_version=framework.version, scale=scale.id, ratings=snap["ratings"],
                                        scores=snap["scores"], shared=True))
        if len(batch) >= 2000:
            SnapshotRecord.objects.bulk_create(batch)
            batch = []
    SnapshotRecord.objects.bulk_create(batch)


def timed(function, reps: int) -> float:
    """The median time of `reps` calls, in ms."""
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def peak_mb(function) -> float:
    """The peak of Python's allocations during one call, in MB."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(learners: int, reps: int) -> dict:
    """Fill a fresh database with `learners` and measure; the figures as a dict (run in a child process)."""
    with tempfile.TemporaryDirectory(prefix="digicomp-cohort-bench-") as var:
        setup_django(Path(var))
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client

        from digicomp_demo.registry import register_scenarios

        began = time.perf_counter()
        fill(learners)
        filled = time.perf_counter() - began
        register_scenarios()
        client = Client()
        client.force_login(get_user_model().objects.create_user("bench-staff", is_staff=True))
        page = f"/digicomp/courses/{COURSE}/cohort/"

        def floor():
            with connection.cursor() as cursor:
                cursor.execute("SELECT learner, block_key, moment, submitted_at FROM digicomp_dashboard_snapshotrecord"
                               " WHERE course_key = %s AND block_key = %s", [COURSE, BLOCK])
                return len(cursor.fetchall())

        def get(url):
            def read():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                size = 0
                for part in response.streaming_content if response.streaming else [response.content]:
                    size += len(part)
                return size
            return read

        cases = {"floor": floor, "page": get(page), "clusters.csv": get(page + "export/clusters.csv"),
                 "learners.csv": get(page + "export/learners.csv")}
        assert floor() == 2 * learners
        for case in cases.values():  # warm up: templates, framework, scales
            case()
        times = {name: timed(case, reps) for name, case in cases.items()}
        peaks = {name: peak_mb(case) for name, case in cases.items()}
    return {"learners": learners, "filled_s": filled, "ms": times, "peak_mb": peaks,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def report(found: dict, reps: int) -> None:
    floor = found["ms"]["floor"]
    print(f"\n{found['learners']:,} learners x 144 ratings x 2 moments (filled in {found['filled_s']:.1f} s), "
          f"median of {reps}; the child's max RSS {found['max_rss_mb']:.0f} MB")
    print(f"  {'':14} {'ms':>9} {'x floor':>8} {'peak MB':>9}")
    for name, ms in found["ms"].items():
        print(f"  {name:14} {ms:9.1f} {ms / floor:8.2f} {found['peak_mb'][name]:9.1f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="learners")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # one size, figures as JSON on stdout
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.reps)))
        return 0
    print("cohort benchmark: the cohort page and its exports against a bare SQL read of the moments' keys (floor)")
    figures = []
    for learners in args.sizes:
        began = time.perf_counter()
        child = subprocess.run([sys.executable, __file__, "--child", str(learners), "--reps", str(args.reps)],
                               check=True, capture_output=True, text=True)
        figures.append(json.loads(child.stdout.splitlines()[-1]))
        report(figures[-1], args.reps)
        print(f"  (this size took {time.perf_counter() - began:.0f} s)")
    if len(figures) > 1:
        first, last = figures[0], figures[-1]
        growth = last["learners"] / first["learners"]
        print(f"\nfrom {first['learners']:,} to {last['learners']:,} learners ({growth:.0f}× the rows):")
        for name in ("page", "clusters.csv", "learners.csv"):
            print(f"  {name:14} time {last['ms'][name] / first['ms'][name]:7.1f}×, "
                  f"peak memory {last['peak_mb'][name] / first['peak_mb'][name]:6.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
