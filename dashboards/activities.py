"""The activities behind an indicator's figure in a year: those whose own indicator it is, and
those counted towards it as a further indicator (`ActivityCount`), with what each counts."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from reporting.models import Activity, ActivityCount


def _scope(prefix, plan, year, statuses, agency):
    conditions = {
        f"{prefix}submission__reporting_year__plan": plan,
        f"{prefix}submission__status__in": statuses,
        f"{prefix}submission__reporting_year__year": year,
    }
    if agency is not None:
        conditions[f"{prefix}submission__agency"] = agency
    return conditions


def activities_behind(plan, indicator, year, statuses, agency=None):
    return (
        Activity.objects.filter(
            Q(indicator=indicator) | Q(counts__indicator=indicator),
            **_scope("", plan, year, statuses, agency),
        )
        .distinct()
        .select_related("submission__agency", "subunit", "line__goal", "region")
    )


def by_region(plan, indicator, year, statuses, agency=None):
    """Per region: activities, quantity, women and total counted towards the indicator (two
    queries)."""
    rows = defaultdict(lambda: {"records": 0, "quantity": 0, "women": 0, "total": 0})
    own = (
        Activity.objects.filter(indicator=indicator, **_scope("", plan, year, statuses, agency))
        .exclude(region=None)
        .order_by()  # no ordering field in the GROUP BY
        .values("region__name")
        .annotate(
            records=Count("pk"), quantity=Sum("quantity"), women=Sum("women"), total=Sum("total")
        )
    )
    further = (
        ActivityCount.objects.filter(
            indicator=indicator, **_scope("activity__", plan, year, statuses, agency)
        )
        .exclude(activity__region=None)
        .order_by()
        .values("activity__region__name")
        .annotate(
            records=Count("pk"),
            quantity=Sum("quantity"),
            women=Sum(Coalesce("women", "activity__women")),
            total=Sum(Coalesce("total", "activity__total")),
        )
    )
    for row in [*own, *further]:
        merged = rows[row.get("region__name") or row.get("activity__region__name")]
        for name in ("records", "quantity", "women", "total"):
            merged[name] += row[name] or 0
    return [{"name": name, **numbers} for name, numbers in sorted(rows.items())]
