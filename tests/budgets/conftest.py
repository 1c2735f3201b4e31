import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from budgets.models import BudgetLine
from indicators.models import LineOfAction, Plan
from reporting.models import ReportingYear, Submission


@pytest.fixture
def reporting_year(db):
    return ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))


@pytest.fixture
def submission(reporting_year):
    return Submission.objects.select_related("reporting_year__plan__country", "agency").get(
        reporting_year=reporting_year, agency__code="SEDENA"
    )


@pytest.fixture
def other_submission(reporting_year):
    return Submission.objects.get(reporting_year=reporting_year, agency__code="SEMAR")


def line_of_action(code):
    goal, number = code.split(".")
    return LineOfAction.objects.get(goal__number=int(goal), number=int(number))


def budget_line(submission, code="4.1", **fields):
    """A budget line of `submission` for the line of action `code` ("4.1")."""
    values = {"marker": 2, "programmed": None, "approved": None, "spent": None, **fields}
    for name in ("programmed", "approved", "spent"):
        if values[name] is not None:
            values[name] = Decimal(values[name])
    return BudgetLine.objects.create(submission=submission, line=line_of_action(code), **values)


def set_status(submission, status):
    """Put a submission in a workflow state directly (the workflow itself is tested in
    reporting)."""
    submission.status = status
    submission.approved_at = timezone.now() if status == Submission.Status.APPROVED else None
    submission.save()
    return submission


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client
