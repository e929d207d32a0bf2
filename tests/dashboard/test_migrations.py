"""The dashboard app's migrations: in step with the model, and applied from zero on SQLite and MariaDB."""

import pytest
from django.core.management import call_command
from django.db import connection

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
