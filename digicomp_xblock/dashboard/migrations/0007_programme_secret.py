"""Each programme gets its own secret for its learners' pseudonymous IDs (core.pseudonyms): a field whose default
is a fresh secret, and a fresh one for each programme that exists already (a migration computes a callable default
once for all rows)."""

from django.db import migrations, models

import digicomp_xblock.core.pseudonyms


def give_each_its_own_secret(apps, schema_editor):  # noqa: ARG001 - the RunPython signature
    programmes = apps.get_model("digicomp_dashboard", "Programme")
    for programme in programmes.objects.all():
        programme.secret = digicomp_xblock.core.pseudonyms.new_secret()
        programme.save(update_fields=["secret"])


class Migration(migrations.Migration):

    dependencies = [
        ("digicomp_dashboard", "0006_programmes"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="secret",
            field=models.CharField(default=digicomp_xblock.core.pseudonyms.new_secret, editable=False,
                                   help_text="Keys the learners' pseudonymous IDs in this programme (core.pseudonyms).",
                                   max_length=64),
        ),
        migrations.RunPython(give_each_its_own_secret, migrations.RunPython.noop),
    ]
