"""Civil society's published assessments of a year, as the annual report's annex shows them
(reports.generator lays them out): one query, in the order of the plan's indicators."""

from dataclasses import dataclass

from .models import ShadowAssessment


@dataclass
class AnnexEntry:
    indicator: str
    organisation: str  # "Name (ACRONYM)"
    rating: str  # the status's value, "" for a comment without rating
    rating_label: str  # in the active language
    justification: str
    comment: str
    answer: str  # the working group's public answer, or ""


def published_entries(plan, year):
    """Only what the working group published: the report is public."""
    return [
        AnnexEntry(
            indicator=a.indicator.code,
            organisation=a.organisation.label,
            rating=a.rating,
            rating_label=str(a.rating_label),
            justification=a.justification,
            comment=a.comment,
            answer=a.answer,
        )
        for a in ShadowAssessment.objects.for_plan(plan)
        .published()
        .filter(year=year)
        .select_related("organisation", "indicator")
        .order_by("indicator__goal__number", "indicator__position", "organisation__name")
    ]
