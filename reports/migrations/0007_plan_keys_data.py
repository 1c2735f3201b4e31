"""Introductions and published reports so far were of the only plan: they are keyed by it."""

from django.db import migrations


def key_by_plan(apps, schema_editor):
    Plan = apps.get_model("indicators", "Plan")
    plan = Plan.objects.order_by("-is_current", "-start_year").first()
    if plan is None:
        return
    for name in ("ReportIntroduction", "PublishedReport"):
        apps.get_model("reports", name).objects.filter(plan__isnull=True).update(plan=plan)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_plan_keys"),
        ("indicators", "0004_plans_data"),
    ]

    operations = [migrations.RunPython(key_by_plan, migrations.RunPython.noop)]
