from reporting.models import ReportingYear


def report_years(plan):
    """The years a report can be made of: opened for reporting and within the plan, latest
    first."""
    return [
        y
        for y in ReportingYear.objects.for_plan(plan)
        .order_by("-year")
        .values_list("year", flat=True)
        if y in plan.years
    ]
