"""The rows' JSON (`ratings` and `scores`, about 5 kB a row) after every other column.

SQLite stores a row's columns in the table's order, and a row larger than a page goes on in overflow pages: every
column after the JSON (the compact columns of 0005 among them) cost reading those pages, which made reading the
cohort's columns twice as slow as reading the columns before. MySQL and MariaDB keep long values apart from the
row themselves: there, only the migration state changes.
"""

from django.db import migrations, models


def json_last_on_sqlite(apps, schema_editor):
    """On SQLite, the table made again in the state's column order: the way Django changes a SQLite table (a new
    table, the rows copied by column name, its indexes and constraints made again)."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor._remake_table(apps.get_model("digicomp_dashboard", "SnapshotRecord"))  # noqa: SLF001 - see above


class Migration(migrations.Migration):

    dependencies = [
        ("digicomp_dashboard", "0008_programme_organisations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(model_name="snapshotrecord", name="ratings"),
            migrations.RemoveField(model_name="snapshotrecord", name="scores"),
            migrations.AddField(model_name="snapshotrecord", name="ratings",
                                field=models.JSONField(help_text="{statement id: level or 'na'}")),
            migrations.AddField(model_name="snapshotrecord", name="scores", field=models.JSONField(
                help_text="Per-cluster and K/S/A scores (core.scoring.Profile.to_dict()).")),
        ]),
        migrations.RunPython(json_last_on_sqlite, migrations.RunPython.noop),
    ]
