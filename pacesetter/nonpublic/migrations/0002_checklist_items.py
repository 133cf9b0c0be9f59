"""The four items every covering organisation is checked on to start with (抓规范); the
county adds more as data."""
from django.db import migrations

ITEMS = [
    (10, "secretary in place (书记配备到位)"),
    (20, "activity venue (活动场所)"),
    (30, "regular activities (定期开展活动)"),
    (40, "records kept (台账资料齐全)"),
]


def add_items(apps, schema_editor):
    item = apps.get_model("nonpublic", "ChecklistItem")
    for order, name in ITEMS:
        item.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):

    dependencies = [
        ("nonpublic", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_items, migrations.RunPython.noop),
    ]
