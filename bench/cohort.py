"""Cohort aggregation benchmark: 10,000 learners x 144 ratings x 2 moments, against merely reading the rows.

A report, not a test. Run by `make bench` after bench/run.py; `python bench/cohort.py --learners 2000` for less.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from run import setup_django

#: The demo's course (the demo platform knows the courses of its scenarios; another key is a 404).
COURSE = "demo-course-digital-social-work-in-practice"


def fill(learners: int, seed: int = 7) -> None:
    """Synthetic rows: every learner rates all 144 statements at two moments."""
    from digicomp_xblock.core.loader import get_framework
    from digicomp_xblock.core.scales import load_scales
    from digicomp_xblock.core.snapshots import make_snapshot
    from digicomp_xblock.dashboard.models import SnapshotRecord

    framework, scale = get_framework(), load_scales().get("growth-5")
    scope = tuple(framework.statements())
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, tzinfo=UTC)
    batch = []
    for n in range(learners):
        base = rng.gauss(1.8, 0.6)
        for moment, extra in ((1, 0.0), (2, max(0.0, rng.gauss(0.4, 0.3)))):
            ratings = {s.id: max(0, min(4, round(base + extra + rng.gauss(0, 0.6)))) for s in scope}
            when = start + timedelta(weeks=12 * (moment - 1), hours=n % 48)
            snap = make_snapshot(framework, scale, scope, ratings, {}, when.isoformat())
            batch.append(SnapshotRecord(course_key=COURSE, block_key=f"{COURSE}.assessment", learner=f"l{n:05d}",
                                        moment=moment, moment_id=snap["id"], submitted_at=when, framework=framework.id,
                                        framework_version=framework.version, scale=scale.id,
                                        ratings=snap["ratings"], scores=snap["scores"]))
        if len(batch) >= 2000:
            SnapshotRecord.objects.bulk_create(batch)
            batch = []
    SnapshotRecord.objects.bulk_create(batch)


def timed(function, reps: int) -> float:
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="digicomp-cohort-bench-") as var:
        setup_django(Path(var))
        from django.contrib.auth import get_user_model
        from django.test import Client

        from digicomp_xblock.core import cohort
        from digicomp_xblock.core.loader import get_framework
        from digicomp_xblock.dashboard import api

        began = time.perf_counter()
        fill(args.learners)
        filled = time.perf_counter() - began
        clusters = [c.id for c in get_framework().clusters()]
        statements = {c.id: [s.id for s in c.statements()] for c in get_framework().clusters()}

        def aggregate():
            rows = api.rows(COURSE)
            cohort.cluster_summary(rows, clusters)
            cohort.level_distribution(rows, statements, range(5))
            cohort.paired_growth(rows, clusters)
            cohort.growth_over_time(rows, clusters)

        read_ms = timed(lambda: api.rows(COURSE), args.reps)
        aggregate_ms = timed(aggregate, args.reps)
        from digicomp_demo.registry import register_scenarios

        register_scenarios()
        client = Client()
        client.force_login(get_user_model().objects.create_user("bench-staff", is_staff=True))
        url = f"/digicomp/courses/{COURSE}/cohort/"
        page = client.get(url)
        page_ms = timed(lambda: client.get(url), args.reps)
        print(f"\ncohort benchmark: {args.learners} learners x 144 ratings x 2 moments "
              f"({2 * args.learners} rows, filled in {filled:.1f} s), median of {args.reps}")
        print(f"  read the rows (floor)            {read_ms:9.1f} ms")
        print(f"  read + aggregate (page figures)  {aggregate_ms:9.1f} ms")
        ratio = aggregate_ms / read_ms
        print(f"  ratio                            {ratio:9.2f}×   target ≤ 2×  {'met' if ratio <= 2 else 'NOT met'}")
        print(f"  instructor page: HTTP {page.status_code}, {len(page.content) / 1024:.1f} kB HTML, {page_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
