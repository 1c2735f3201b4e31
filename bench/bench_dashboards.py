"""Dashboards on 10 years x 5 agencies x 23 indicators with 100,000 activities.

Prints the response time of the overview and of an indicator page beside a bare Django page
(same middleware, a view that returns a constant) measured in the same run, and the number of
queries each page ran.

    .venv/bin/python bench/bench_dashboards.py [activities]
"""

import datetime
import random
import sys

from common import report, setup_django, timed

from places.models import Region

ACTIVITIES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
YEARS = range(2021, 2031)


def build():
    regions = list(Region.objects.filter(country__code="MX").order_by("code"))
    from django.utils import timezone

    from agencies.models import Agency
    from indicators.models import Plan, Responsibility
    from measures.registry import REGISTRY
    from reporting.models import Activity, IndicatorValue, ReportingYear, Submission

    plan = Plan.objects.get()
    plan.end_year = YEARS[-1]  # ten years of data
    plan.save()
    random.seed(1325)
    agencies = list(Agency.objects.filter(kind=Agency.Kind.IMPLEMENTING))
    in_charge = {}
    for r in Responsibility.objects.select_related("indicator"):
        in_charge.setdefault(r.agency_id, []).append(r.indicator)
    values, activities = [], []
    submissions = []
    for year in YEARS:
        reporting_year = ReportingYear.objects.create(
            plan=plan, year=year, deadline=datetime.date(year + 1, 3, 31)
        )
        for agency in agencies:
            submissions.append(
                Submission(
                    reporting_year=reporting_year,
                    agency=agency,
                    status="approved",
                    approved_at=timezone.now(),
                    submitted_at=timezone.now(),
                )
            )
    Submission.objects.bulk_create(submissions)
    submissions = list(Submission.objects.select_related("reporting_year"))
    for submission in submissions:
        for indicator in in_charge.get(submission.agency_id, []):
            women, men = random.randint(0, 400), random.randint(0, 400)
            # Random figures in whatever fields the indicator's measure takes.
            possible = {
                "women": women,
                "men": men,
                "total": women + men,
                "numerator": women,
                "denominator": women + men,
                "yes_no": random.random() > 0.5,
                "text": "Texto",
            }
            fields = REGISTRY[indicator.measure].entry_fields
            values.append(
                IndicatorValue(
                    submission=submission,
                    indicator=indicator,
                    **{name: possible[name] for name in fields},
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    per_submission = ACTIVITIES // len(submissions)
    for submission in submissions:
        indicators = in_charge.get(submission.agency_id, [])
        year = submission.reporting_year.year
        for n in range(per_submission):
            indicator = indicators[n % len(indicators)]
            day = datetime.date(year, 1 + n % 12, 1 + n % 28)
            activities.append(
                Activity(
                    submission=submission,
                    line_id=indicator.line_id,
                    indicator=indicator,
                    title=f"Actividad {n}",
                    start_date=day,
                    end_date=day,
                    region=regions[n % 32],
                    quantity=1,
                    women=n % 20,
                    men=n % 15,
                    total=n % 20 + n % 15,
                )
            )
        if len(activities) >= 20_000:
            Activity.objects.bulk_create(activities, batch_size=5000)
            activities = []
    Activity.objects.bulk_create(activities, batch_size=5000)
    return Activity.objects.count(), IndicatorValue.objects.count()


def main():
    setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import include, path

    activity_count, value_count = build()
    print(
        f"Data: {len(YEARS)} years x 5 agencies x 23 indicators: {value_count} values, "
        f"{activity_count} activities ({connection.vendor})"
    )

    def bare(request):
        return HttpResponse("ok")

    urls = type(
        "urls", (), {"urlpatterns": [path("bench/bare/", bare), path("", include("nap1325.urls"))]}
    )
    with override_settings(ROOT_URLCONF=urls, DEBUG=False):
        client = Client()
        pages = [
            ("bare Django page", "/bench/bare/"),
            ("overview (2030)", "/dashboards/?year=2030"),
            ("overview, plan so far", "/dashboards/?year=2030&view=so_far"),
            ("indicator page 6a (2030)", "/dashboards/indicators/6a/?year=2030"),
            ("goal page 4 (2030)", "/dashboards/goals/4/?year=2030"),
        ]
        rows = []
        for name, url in pages:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            executed = []

            def count(execute, sql, params, many, context, executed=executed):
                executed.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                client.get(url)
            median, best = timed(lambda url=url: client.get(url))
            rows.append((f"{name} [{len(executed)} queries]", median, best))
            if "indicator" in name or "goal" in name:
                # Charts are cached by their data: also time a first view, charts drawn anew.
                def cold(url=url):
                    cache.clear()
                    client.get(url)

                median, best = timed(cold)
                rows.append((f"{name}, charts not cached", median, best))
        report(rows)


if __name__ == "__main__":
    main()
