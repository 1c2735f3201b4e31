"""Civil society's published assessments beside the official status on the dashboards:
`{% published_shadows plan year as shadows %}` reads a year's in one query, then
`{% include "civil/_shadow.html" with items=shadows|for_indicator:indicator.pk %}` per indicator."""

from django import template

from civil.models import ShadowAssessment

register = template.Library()


@register.simple_tag
def published_shadows(plan, year):
    """indicator id -> [published assessments of `year`]. Published only, whoever reads: the
    dashboards are the same for everyone."""
    found = {}
    if not plan or not year:
        return found
    try:
        year = int(year)
    except (TypeError, ValueError):
        return found
    for assessment in (
        ShadowAssessment.objects.for_plan(plan)
        .published()
        .filter(year=year)
        .exclude(rating="")
        .select_related("organisation")
        .order_by("organisation__name")
    ):
        found.setdefault(assessment.indicator_id, []).append(assessment)
    return found


@register.filter
def for_indicator(shadows, indicator_id):
    return shadows.get(indicator_id, []) if shadows else []
