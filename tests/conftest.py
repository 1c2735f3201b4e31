import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from agencies.models import Agency
from audit.baseline import record_baseline
from indicators.models import Indicator, Plan
from reporting.models import IndicatorValue, ReportingYear, Submission
from tests.factories import PersonFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the plan (Annex 3) and the agencies once for the whole session."""
    with django_db_blocker.unblock():
        call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)
        record_baseline()


@pytest.fixture
def people(db):
    """One person per role, plus a focal point of a second agency (the outsider)."""
    return {
        "administrator": PersonFactory(role="administrator"),
        "working_group": PersonFactory(role="working_group"),
        "focal_point": PersonFactory(role="focal_point", agency="SEDENA"),
        "other_focal_point": PersonFactory(role="focal_point", agency="SEMAR"),
        "observer": PersonFactory(role="observer"),
    }


@pytest.fixture
def report(db):
    """report("SEDENA", 2022, "4b", women=14, men=17, total=31, status="approved")"""

    def make(agency_code, year, indicator_code, status="approved", **fields):
        plan = Plan.objects.current()
        reporting_year, _ = ReportingYear.objects.get_or_create(
            plan=plan, year=year, defaults={"deadline": datetime.date(year + 1, 3, 31)}
        )
        submission, _ = Submission.objects.get_or_create(
            reporting_year=reporting_year, agency=Agency.objects.get(code=agency_code)
        )
        if submission.status != status:
            submission.status = status
            submission.approved_at = timezone.now() if status == "approved" else None
            submission.save()
        return IndicatorValue.objects.create(
            submission=submission,
            indicator=Indicator.objects.for_plan(plan).get(code=indicator_code),
            **fields,
        )

    return make
