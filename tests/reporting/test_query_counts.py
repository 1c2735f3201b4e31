"""Pages for a year with 5 agencies, 23 indicators and 5,000 activities: the number of queries
does not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import SubUnit
from places.models import Region
from reporting.models import Activity, IndicatorValue, LineNarrative
from reporting.rules import indicators_for, lines_for
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def fill(reporting_year, activities_per_agency):
    """Every agency answers every indicator and narrative, with activities spread over them."""
    regions = list(Region.objects.filter(country__code="MX").order_by("code"))
    values, narratives, activities = [], [], []
    for submission in reporting_year.submissions.select_related("agency"):
        indicators = list(indicators_for(submission))
        subunits = list(SubUnit.objects.filter(agency=submission.agency)) or [None]
        for indicator in indicators:
            if not IndicatorValue.objects.filter(
                submission=submission, indicator=indicator
            ).exists():
                values.append(
                    IndicatorValue(
                        submission=submission, indicator=indicator, total=5, women=2, men=3
                    )
                )
        for line in lines_for(submission):
            if not LineNarrative.objects.filter(submission=submission, line=line).exists():
                narratives.append(LineNarrative(submission=submission, line=line, text_es="Texto"))
        for n in range(activities_per_agency):
            indicator = indicators[n % len(indicators)]
            activities.append(
                Activity(
                    submission=submission,
                    line=indicator.line,
                    indicator=indicator,
                    subunit=subunits[n % len(subunits)],
                    title=f"Actividad {n}",
                    start_date=datetime.date(2023, 1 + n % 12, 1),
                    end_date=datetime.date(2023, 1 + n % 12, 2),
                    region=regions[n % 32],
                    women=1,
                    men=1,
                    total=2,
                )
            )
    IndicatorValue.objects.bulk_create(values)
    LineNarrative.objects.bulk_create(narratives)
    Activity.objects.bulk_create(activities, batch_size=1000)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


PAGES = [
    ("reporting:year", lambda s: [s.year]),
    ("reporting:submission", lambda s: [s.year, "SEDENA"]),
    ("reporting:edit", lambda s: [s.year, "SEDENA"]),
    ("reporting:activities", lambda s: [s.year, "SEDENA"]),
    ("reporting:history", lambda s: [s.year, "SEDENA"]),
]


@pytest.mark.parametrize("who", ["focal_point", "working_group"])
def test_pages_run_the_same_queries_with_5000_activities(
    client, people, reporting_year, submission, who
):
    login(client, people[who])
    fill(reporting_year, activities_per_agency=4)
    pages = [reverse(name, args=args(submission)) for name, args in PAGES]
    if who == "working_group":
        pages.remove(reverse("reporting:edit", args=[2023, "SEDENA"]))
    small = {url: queries(client, url) for url in pages}
    fill(reporting_year, activities_per_agency=996)
    assert Activity.objects.count() == 5000
    large = {url: queries(client, url) for url in pages}
    assert large == small
    # A fixed budget per page: the figures, activities, the counts of activities towards further
    # indicators, comments, the budget lines, the lock and the session.
    assert max(small.values()) <= 23, small
