"""The five honours of the speech; the county may add more and take any out of use."""
from django.db import migrations

KINDS = [
    ("advanced_collective", "先进集体", "organization"),
    ("red_flag_branch", "红旗支部", "organization"),
    ("post_pacesetter", "岗位标兵", "member"),
    ("outstanding_member", "优秀共产党员", "member"),
    ("outstanding_party_worker", "优秀党务工作者", "member"),
]


def add_kinds(apps, schema_editor):
    HonourKind = apps.get_model("selections", "HonourKind")
    for position, (code, name, nominee) in enumerate(KINDS):
        HonourKind.objects.get_or_create(code=code, defaults={"name": name, "nominee": nominee, "position": position})


class Migration(migrations.Migration):
    dependencies = [("selections", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
