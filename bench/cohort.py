"""Cohort benchmark: the cohort page and its two exports at growing cohort sizes, against a bare SQL read.

For each size (learners × 144 ratings × 2 moments, all shared) a child process fills a throw-away database
and times, median of `--reps`, as course staff over HTTP (django's test client, the whole response read):
the cohort page, the clusters CSV and the per-learner CSV, each printed as a ratio to the floor, a bare SQL read
(cursor.fetchall) of the same moments' keys (learner, block, moment, time) through the same connection. Then the
peak of Python's allocations during each (tracemalloc, in a run of its own: it slows the code down), and the
child's maximum resident size. The database is SQLite in a temporary folder, or with `--database mariadb` a
database of its own per size on a throw-away MariaDB server (`tests.mariadb`: started before the first size,
stopped after the last). A report, not a test.
`python bench/cohort.py [--database mariadb] --sizes 1000 10000 100000`; `make bench` runs 1,000 and 10,000 on
both (on MariaDB when its server is installed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from run import SETTINGS, setup_django

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # `tests.mariadb`, the MariaDB server's helper (and settings_mariadb's)

#: The Django settings per database: the demo's, on SQLite or on a MariaDB server (settings_mariadb.py).
DATABASES = {"sqlite": SETTINGS, "mariadb": "settings_mariadb"}

#: The demo's course (the demo platform knows the courses of its scenarios; another key is a 404).
COURSE = "demo-course-digital-social-work-in-practice"
BLOCK = f"{COURSE}.assessment"
#: Distinct answer sets the synthetic learners draw from (making 200,000 snapshots one by one takes minutes).
POOL = 400
#: Rows per INSERT of the fill (all in one transaction): 1,000 rows are about 6 MB of SQL on MariaDB, whose
#: max_allowed_packet is 16 MB (2,000 were 12 MB, and no faster).
BATCH = 1000


def fill(learners: int, seed: int = 7) -> None:
    """Synthetic rows: every learner rates all 144 statements at two moments, the second higher on average."""
    from django.db import transaction

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
    with transaction.atomic():  # one commit, not one per batch
        for n in range(learners):
            for moment in (1, 2):
                snap = pool[(moment - 1) * POOL + rng.randrange(POOL)]
                when = start + timedelta(weeks=12 * (moment - 1), hours=n % 48)
                batch.append(SnapshotRecord(course_key=COURSE, block_key=BLOCK, learner=f"l{n:06d}", moment=moment,
                                            moment_id=f"{n:06d}{moment}", submitted_at=when, framework=framework.id,
                                            framework_version=framework.version, scale=scale.id,
                                            ratings=snap["ratings"], scores=snap["scores"], shared=True))
            if len(batch) >= BATCH:
                SnapshotRecord.objects.bulk_create(batch)  # fills the compact columns too
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


def measure(learners: int, reps: int, database: str) -> dict:
    """Fill a fresh database with `learners` and measure; the figures as a dict (run in a child process)."""
    with tempfile.TemporaryDirectory(prefix="digicomp-cohort-bench-") as var:
        began = time.perf_counter()
        setup_django(Path(var), DATABASES[database])
        migrated = time.perf_counter() - began
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client

        from digicomp_demo.registry import register_scenarios

        label = f"{connection.display_name} {'.'.join(map(str, connection.get_database_version()))}"
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
    return {"learners": learners, "database": label, "migrated_s": migrated, "filled_s": filled, "ms": times,
            "peak_mb": peaks, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def report(found: dict, reps: int) -> None:
    floor = found["ms"]["floor"]
    print(f"\n{found['learners']:,} learners x 144 ratings x 2 moments on {found['database']} "
          f"(filled in {found['filled_s']:.1f} s), median of {reps}; the child's max RSS {found['max_rss_mb']:.0f} MB")
    print(f"  {'':14} {'ms':>9} {'x floor':>8} {'peak MB':>9}")
    for name, ms in found["ms"].items():
        print(f"  {name:14} {ms:9.1f} {ms / floor:8.2f} {found['peak_mb'][name]:9.1f}")


def run_size(learners: int, args, env: dict | None = None) -> dict:
    """Measure one size in a child process of its own and print its table; `env` adds to the child's environment."""
    began = time.perf_counter()
    child = subprocess.run([sys.executable, __file__, "--child", str(learners), "--reps", str(args.reps),
                            "--database", args.database], check=False, capture_output=True, text=True,
                           env={**os.environ, **(env or {})})
    if child.returncode:
        sys.stderr.write(child.stderr[-5000:])
        raise RuntimeError(f"the child for {learners:,} learners exited with {child.returncode}")
    found = json.loads(child.stdout.splitlines()[-1])
    report(found, args.reps)
    print(f"  (this size took {time.perf_counter() - began:.0f} s, of which migrating the empty database "
          f"{found['migrated_s']:.1f} s and filling it {found['filled_s']:.1f} s)", flush=True)
    return found


def run_on_mariadb(args) -> list[dict]:
    """The sizes on a throw-away MariaDB server, a database of its own per size (dropped after it)."""
    from tests import mariadb

    with tempfile.TemporaryDirectory(prefix="digicomp-cohort-mariadb-") as folder:
        server, port = mariadb.start(Path(folder))
        print(f"MariaDB server {shutil.which(mariadb.SERVER)} on 127.0.0.1:{port} (as the MariaDB tests start it)",
              flush=True)
        os.environ.update(mariadb.environment(port))  # for create_database and the children's settings
        try:
            figures = []
            for learners in args.sizes:
                name = mariadb.create_database(f"digicomp_cohort_bench_{learners}")
                try:
                    figures.append(run_size(learners, args, {"DIGICOMP_MARIADB_NAME": name}))
                finally:
                    mariadb.drop_database(name)
            return figures
        finally:
            mariadb.stop(server)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="learners")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--database", choices=sorted(DATABASES), default="sqlite",
                        help="SQLite in a temporary folder, or a throw-away MariaDB server (Debian's mariadb-server)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # one size, figures as JSON on stdout
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.reps, args.database)))
        return 0
    if args.database == "mariadb":
        from tests import mariadb

        if not (mariadb.SERVER and mariadb.INSTALL_DB):
            print("MariaDB is not installed (Debian: apt-get install mariadb-server libmariadb-dev pkg-config).",
                  file=sys.stderr)
            return 3
    print(f"cohort benchmark on {args.database}: the cohort page and its exports against a bare SQL read of the "
          "moments' keys (floor)", flush=True)
    if args.database == "mariadb":
        figures = run_on_mariadb(args)
    else:
        figures = [run_size(learners, args) for learners in args.sizes]
    if len(figures) > 1:
        first, last = figures[0], figures[-1]
        growth = last["learners"] / first["learners"]
        print(f"\non {last['database']}, from {first['learners']:,} to {last['learners']:,} learners "
              f"({growth:.0f}× the rows):")
        for name in ("floor", "page", "clusters.csv", "learners.csv"):
            print(f"  {name:14} time {last['ms'][name] / first['ms'][name]:7.1f}×, "
                  f"peak memory {last['peak_mb'][name] / first['peak_mb'][name]:6.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
