"""Existing plans become first-class: their country (Mexico), the current one marked, and each
goal and indicator told its plan."""

from django.db import migrations


def fill(apps, schema_editor):
    Plan = apps.get_model("indicators", "Plan")
    Country = apps.get_model("places", "Country")
    StrategicGoal = apps.get_model("indicators", "StrategicGoal")
    Indicator = apps.get_model("indicators", "Indicator")
    mexico = Country.objects.get(code="MX")
    Plan.objects.filter(country__isnull=True).update(country=mexico)
    latest = Plan.objects.order_by("-start_year").first()
    if latest is not None and not Plan.objects.filter(is_current=True).exists():
        Plan.objects.filter(pk=latest.pk).update(is_current=True)
    for goal in StrategicGoal.objects.select_related("area"):
        StrategicGoal.objects.filter(pk=goal.pk).update(plan_id=goal.area.plan_id)
    for indicator in Indicator.objects.select_related("goal"):
        Indicator.objects.filter(pk=indicator.pk).update(plan_id=indicator.goal.plan_id)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_plans_first_class"),
        ("places", "0002_mexico"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
