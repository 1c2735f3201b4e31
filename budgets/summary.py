"""A submission's budget as its pages show it: the lines in the plan's order, each with its
warning, and the totals (two queries, whatever the number of lines)."""

from dataclasses import dataclass, field

from . import rules
from .models import BudgetLine


def _sum(values):
    """The sum of the known amounts; None when none is known (unknown is not 0)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass
class SubmissionBudget:
    currency: str
    lines: list = field(default_factory=list)

    @property
    def totals(self):
        return {name: _sum(getattr(line, name) for line in self.lines) for name in rules.AMOUNTS}

    @property
    def warnings(self):
        return [line for line in self.lines if line.warning]

    @property
    def unexplained(self):
        return rules.unexplained(self.lines)


def submission_budget(submission):
    currency = submission.reporting_year.plan.country.currency
    lines = list(BudgetLine.objects.filter(submission=submission).select_related("line__goal"))
    for line in lines:
        line.warning = rules.overspend_warning(line, currency)
    return SubmissionBudget(currency=currency, lines=lines)
