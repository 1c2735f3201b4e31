"""A plan's budgets for a year, combined: per goal, per line of action and per agency, and the
share of lines of action with a budget. One definition for the dashboard, the annual report and
the open data, read in a fixed number of queries whatever the number of lines.

Which submissions count is the caller's choice (`statuses`): the public reads approved ones
only (the dashboards' rule: `dashboards.statuses.Source`)."""

from dataclasses import dataclass, field

from core import formatting
from indicators.models import LineOfAction, StrategicGoal
from reporting.models import Submission

from . import rules
from .models import BudgetLine


@dataclass
class Totals:
    programmed: object = None
    approved: object = None
    spent: object = None

    def add(self, line):
        for name in rules.AMOUNTS:
            value = getattr(line, name)
            if value is not None:
                setattr(self, name, (getattr(self, name) or 0) + value)

    @property
    def execution(self):
        """Spent as a share of approved (a percentage), or None when it cannot be said."""
        return formatting.share_of(self.spent, self.approved)


@dataclass
class Group:
    key: object  # a goal, a line of action or an agency
    totals: Totals = field(default_factory=Totals)
    lines: list = field(default_factory=list)


@dataclass
class YearBudget:
    year: int
    currency: str
    lines: list  # BudgetLine, with .line.goal and .submission.agency
    goals: list  # Group per goal of the plan, in its order (every goal, budgeted or not)
    line_groups: list  # Group per line of action of the plan, in its order
    agencies: list  # Group per agency with budget lines, by code
    total: Totals
    budgeted_lines: int
    plan_lines: int

    @property
    def budgeted_share(self):
        return formatting.share_of(self.budgeted_lines, self.plan_lines)

    @property
    def overspent(self):
        return [line for line in self.lines if line.overspent]


def year_budget(plan, year, statuses=(Submission.Status.APPROVED,)):
    """Four queries: the budget lines, the plan's goals, its lines of action, its currency."""
    lines = list(
        BudgetLine.objects.for_plan(plan)
        .of_year(year)
        .filter(submission__status__in=statuses)
        .select_related("line__goal", "submission__agency")
        .order_by("line__goal__number", "line__number", "submission__agency__code", "pk")
    )
    goals = {g.pk: Group(g) for g in StrategicGoal.objects.for_plan(plan).order_by("number")}
    plan_lines = {
        line.pk: Group(line)
        for line in LineOfAction.objects.for_plan(plan)
        .select_related("goal")
        .order_by("goal__number", "number")
    }
    agencies = {}
    total = Totals()
    budgeted = set()
    for line in lines:
        total.add(line)
        for group in (goals.get(line.line.goal_id), plan_lines.get(line.line_id)):
            if group is not None:
                group.totals.add(line)
                group.lines.append(line)
        agency = agencies.setdefault(line.submission.agency.code, Group(line.submission.agency))
        agency.totals.add(line)
        agency.lines.append(line)
        if rules.has_budget(line):
            budgeted.add(line.line_id)
    return YearBudget(
        year=year,
        currency=plan.country.currency,
        lines=lines,
        goals=list(goals.values()),
        line_groups=list(plan_lines.values()),
        agencies=[agencies[code] for code in sorted(agencies)],
        total=total,
        budgeted_lines=len(budgeted & set(plan_lines)),
        plan_lines=len(plan_lines),
    )
