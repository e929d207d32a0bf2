"""`django-admin digicomp_demo_data`: the demo's accounts and labelled synthetic cohort, in the demo's database."""

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime


def test_demo_data_fills_the_demo_database_with_a_labelled_cohort(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "digicomp_demo.settings", "DIGICOMP_VAR_DIR": str(tmp_path)}
    admin = [sys.executable, "-m", "django"]
    subprocess.run([*admin, "migrate", "--run-syncdb", "--verbosity", "0"], env=env, check=True)
    done = subprocess.run([*admin, "digicomp_demo_data", "--learners", "5"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "5 synthetic learners x 2 moments" in done.stdout and "log in as lecturer / lecturer" in done.stdout
    for course in ("demo-course-digital-social-work-in-practice",  # the demo course, and the beginner's
                   "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"):
        assert f"in {course}; cohort page: /digicomp/courses/{course}/cohort/" in done.stdout
        rows = sqlite3.connect(tmp_path / "workbench.db").execute(
            "SELECT learner, moment FROM digicomp_dashboard_snapshotrecord WHERE course_key = ? "
            "ORDER BY learner, moment", (course,)).fetchall()
        assert rows == [(f"synthetic-{n:04d}", moment) for n in range(1, 6) for moment in (1, 2)]
    (latest,) = sqlite3.connect(tmp_path / "workbench.db").execute(
        "SELECT max(submitted_at) FROM digicomp_dashboard_snapshotrecord").fetchone()
    assert datetime.fromisoformat(latest).replace(tzinfo=UTC) < datetime.now(UTC)  # no moment dated after today
    staff = sqlite3.connect(tmp_path / "workbench.db").execute(
        "SELECT username FROM auth_user WHERE is_staff ORDER BY username").fetchall()
    assert staff == [("coach",), ("lecturer",), ("tutor",)]  # the course team, also of the consensus exercise


def test_demo_data_refuses_a_negative_count(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "digicomp_demo.settings", "DIGICOMP_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "django", "digicomp_demo_data", "--learners", "-3"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "-3 is negative" in done.stderr
