"""`django-admin digicomp_demo_data`: the demo's accounts, programme learners and labelled synthetic cohort, in the
demo's database."""

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

BEGINNER = "self-assessment-what-a-beginner-is-expected-to-master-example-position-profile"


def test_demo_data_fills_the_demo_database_with_accounts_and_synthetic_learners(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "digicomp_demo.settings", "DIGICOMP_VAR_DIR": str(tmp_path)}
    admin = [sys.executable, "-m", "django"]
    subprocess.run([*admin, "migrate", "--run-syncdb", "--verbosity", "0"], env=env, check=True)
    done = subprocess.run([*admin, "digicomp_demo_data", "--learners", "5"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "log in as lecturer / lecturer" in done.stdout
    database = sqlite3.connect(tmp_path / "workbench.db")
    for learners, course in ((5, "demo-course-digital-social-work-in-practice"),  # the programme's first course
                             (5, BEGINNER), (2, "demo-course-3-a-digital-strategy-for-your-service")):
        line = f"{learners} synthetic learners x 2 moments in {course}; cohort page: /digicomp/courses/{course}/cohort/"
        assert line in done.stdout
    beginner = database.execute("SELECT learner, moment FROM digicomp_dashboard_snapshotrecord WHERE course_key = ? "
                                "ORDER BY learner, moment", (BEGINNER,)).fetchall()
    assert beginner == [(f"synthetic-{n:04d}", moment) for n in range(1, 6) for moment in (1, 2)]
    accounts = database.execute("SELECT username, password FROM auth_user WHERE username LIKE 'learner-%' "
                                "ORDER BY username").fetchall()
    assert [name for name, _ in accounts] == [f"learner-{n:03d}" for n in range(1, 6)]
    assert all(password.startswith("!") for _, password in accounts)  # unusable: nobody logs in as them
    (latest,) = database.execute("SELECT max(submitted_at) FROM digicomp_dashboard_snapshotrecord").fetchone()
    assert datetime.fromisoformat(latest).replace(tzinfo=UTC) < datetime.now(UTC)  # no moment dated after today
    staff = database.execute("SELECT username FROM auth_user WHERE is_staff ORDER BY username").fetchall()
    assert staff == [("coach",), ("lecturer",), ("tutor",)]  # the course team, also of the consensus exercise


def test_demo_data_refuses_a_negative_count(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "digicomp_demo.settings", "DIGICOMP_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "django", "digicomp_demo_data", "--learners", "-3"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "-3 is negative" in done.stderr
