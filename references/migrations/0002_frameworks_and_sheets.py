"""The global frameworks (reference data) and, where Mexico's plan is already loaded, its
reference sheets as the plan supports them."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "frameworks.json"


def load_frameworks(apps, schema_editor):
    Framework = apps.get_model("references", "Framework")
    FrameworkItem = apps.get_model("references", "FrameworkItem")
    frameworks = {}
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = dict(row["fields"])
        if row["model"] == "references.framework":
            code = fields.pop("code")
            frameworks[code], _ = Framework.objects.update_or_create(code=code, defaults=fields)
        else:
            framework = frameworks[fields.pop("framework")[0]]
            code = fields.pop("code")
            FrameworkItem.objects.update_or_create(
                framework=framework, code=code, defaults=fields
            )


def prefill_existing_plan(apps, schema_editor):
    from references.prefill import MEXICO_PLAN, sheet_texts

    Indicator = apps.get_model("indicators", "Indicator")
    ReferenceSheet = apps.get_model("references", "ReferenceSheet")
    for indicator in Indicator.objects.filter(
        plan__code=MEXICO_PLAN, reference_sheet__isnull=True
    ):
        ReferenceSheet.objects.create(indicator=indicator, **sheet_texts(indicator))


class Migration(migrations.Migration):
    dependencies = [("references", "0001_initial")]

    operations = [
        migrations.RunPython(load_frameworks, migrations.RunPython.noop),
        migrations.RunPython(prefill_existing_plan, migrations.RunPython.noop),
    ]
