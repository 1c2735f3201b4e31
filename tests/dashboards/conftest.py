import datetime

import pytest
from django.utils import timezone

from agencies.models import Agency
from indicators.models import Indicator, Plan
from reporting.models import IndicatorValue, ReportingYear, Submission


@pytest.fixture
def report(db):
    """report("SEDENA", 2022, "4b", women=14, men=17, total=31, status="approved")"""

    def make(agency_code, year, indicator_code, status="approved", **fields):
        plan = Plan.objects.get()
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
            submission=submission, indicator=Indicator.objects.get(code=indicator_code), **fields
        )

    return make
