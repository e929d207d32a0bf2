"""Moment identifiers on the copied rows (filled in for the rows there are), and the learner locks."""

from django.db import migrations, models

from digicomp_xblock.core.snapshots import moment_id


def fill_moment_ids(apps, schema_editor):  # noqa: ARG001 - RunPython's signature
    """Rows copied before snapshots had an id get the id the block derives for such a snapshot."""
    records = apps.get_model("digicomp_dashboard", "SnapshotRecord")
    for record in records.objects.filter(moment_id="").iterator():
        record.moment_id = moment_id({"submitted_at": record.submitted_at.isoformat()}, record.moment)
        record.save(update_fields=["moment_id"])


class Migration(migrations.Migration):

    dependencies = [
        ("digicomp_dashboard", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="snapshotrecord",
            name="moment_id",
            field=models.CharField(default="", help_text="The snapshot's own identifier (core.snapshots.moment_id).",
                                   max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(fill_moment_ids, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="snapshotrecord",
            constraint=models.UniqueConstraint(fields=("block_key", "learner", "moment_id"),
                                               name="digicomp_one_row_per_moment_id"),
        ),
        migrations.CreateModel(
            name="LearnerLock",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("block_key", models.CharField(max_length=255)),
                ("learner", models.CharField(db_index=True, help_text="The learner's anonymous user id.",
                                             max_length=64)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("block_key", "learner"),
                                                        name="digicomp_one_lock_per_learner")],
            },
        ),
    ]
