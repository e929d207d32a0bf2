"""The compact columns of the cohort figures (core.compact), filled in from the rows' JSON."""

from django.db import migrations, models

from digicomp_xblock.dashboard.models import compact_columns

#: Rows written back per query.
BATCH = 500


def fill_compact_columns(apps, schema_editor):  # noqa: ARG001 - RunPython's signature
    """Every row gets the compact form of its own ratings and scores, as every write sets it."""
    records = apps.get_model("digicomp_dashboard", "SnapshotRecord")
    names = ["cluster_ids", "figures", "answers"]
    last = 0
    while batch := list(records.objects.filter(pk__gt=last).order_by("pk")[:BATCH]):  # by key: no open cursor
        for record in batch:
            for name, value in compact_columns(record.framework, record.framework_version, record.ratings,
                                              record.scores).items():
                setattr(record, name, value)
        records.objects.bulk_update(batch, names)
        last = batch[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ("digicomp_dashboard", "0004_profiles_and_consensus"),
    ]

    operations = [
        migrations.AddField(
            model_name="snapshotrecord",
            name="answers",
            field=models.TextField(blank=True, default="",
                                   help_text="The ratings, a character per statement of the framework (core.compact)."),
        ),
        migrations.AddField(
            model_name="snapshotrecord",
            name="cluster_ids",
            field=models.CharField(default="", help_text="The clusters in scope, space-separated (core.compact).",
                                   max_length=255),
        ),
        migrations.AddField(
            model_name="snapshotrecord",
            name="figures",
            field=models.TextField(default="", help_text="Per-cluster and K/S/A scores as text (core.compact)."),
        ),
        migrations.RunPython(fill_compact_columns, migrations.RunPython.noop),
    ]
