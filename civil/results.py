"""Which indicator years civil society may comment on: a year of the plan in which the indicator
is in force and an agency in charge of it has had its figures approved (the official result is
public)."""

from reporting.models import Submission


def official_years(plan, indicator):
    """The years of `indicator` whose official result is public, in one query."""
    years = (
        Submission.objects.for_plan(plan)
        .approved()
        .filter(agency__responsibilities__indicator=indicator)
        .values_list("reporting_year__year", flat=True)
        .distinct()
    )
    return sorted(y for y in set(years) if y in plan.years and indicator.in_force(y))


def is_open_for_comment(plan, indicator, year):
    return year in official_years(plan, indicator)
