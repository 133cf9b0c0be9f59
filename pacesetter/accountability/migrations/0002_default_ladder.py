"""The ladder of the county's interim accountability measures, as a county starts with it:
7 days late → reminder, 15 → supervision notice, 30 → accountability case. County admins
change it on the ladder page."""
from django.db import migrations

DEFAULT_LADDER = ((7, "reminder"), (15, "supervision"), (30, "case"))


def add_ladder(apps, schema_editor):
    EscalationStep = apps.get_model("accountability", "EscalationStep")
    if not EscalationStep.objects.exists():
        EscalationStep.objects.bulk_create(
            EscalationStep(days_late=days, action=action) for days, action in DEFAULT_LADDER
        )


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_initial")]
    operations = [migrations.RunPython(add_ladder, migrations.RunPython.noop)]
