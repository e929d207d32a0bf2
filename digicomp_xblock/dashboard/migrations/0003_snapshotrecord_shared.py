"""Whether a copied moment's learner was told that course staff see their answers (earlier rows: not told)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("digicomp_dashboard", "0002_moment_ids_and_learner_locks"),
    ]

    operations = [
        migrations.AddField(
            model_name="snapshotrecord",
            name="shared",
            field=models.BooleanField(default=False,
                                      help_text="The learner was told course staff see this moment's answers."),
        ),
    ]
