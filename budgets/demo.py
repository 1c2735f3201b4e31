"""A small, clearly marked demo budget for trying the feature (`setup_demo`): never official
figures. SEDENA's 2023 draft gets two lines, one of which spent more than approved and still
needs its explanation, so the warning and the submit check can be seen."""

from decimal import Decimal

from indicators.models import LineOfAction

from .models import BudgetLine

DEMO_NOTE = "DEMO"


def add_demo_budget(submission):
    if BudgetLine.objects.filter(submission=submission).exists():
        return 0
    lines = {
        line.code: line
        for line in LineOfAction.objects.for_plan(submission.reporting_year.plan_id).filter(
            goal__number=4
        )
    }
    BudgetLine.objects.create(
        submission=submission,
        line=lines["4.1"],
        source=BudgetLine.Source.OWN,
        programme_key=f"{DEMO_NOTE}-P-019",
        marker=BudgetLine.Marker.PRINCIPAL,
        programmed=Decimal("1000000"),
        approved=Decimal("900000"),
        spent=Decimal("850000"),
    )
    BudgetLine.objects.create(
        submission=submission,
        line=lines["4.2"],
        source=BudgetLine.Source.COOPERATION,
        partner=f"{DEMO_NOTE} (ejemplo de socio de cooperación)",
        marker=BudgetLine.Marker.SIGNIFICANT,
        approved=Decimal("250000"),
        spent=Decimal("300000"),
    )
    return 2
