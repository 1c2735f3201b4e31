"""An activity counted towards several indicators, each with its own quantity and people: the
14 CECOPAM courses as trainings for 3.1 and, with their 113 women, for 4b. In the form, the
spreadsheet round trip, the checks against the yearly figures, the dashboards and the report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator, Plan
from reporting import rules
from reporting.models import Activity, ActivityCount, IndicatorValue, Submission
from reports.generator import build
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def activity_post(submission, **extra):
    three_one = Indicator.objects.get(code="3.1")
    four_b = Indicator.objects.get(code="4b")
    data = {
        "title": "Cursos del CECOPAM con capacitación de género previa al despliegue",
        "reference": "SDN-23-001",
        "line": three_one.line.pk,
        "indicator": three_one.pk,
        "start_date": "2023-03-01",
        "end_date": "2023-11-30",
        "modality": "in_person",
        "quantity": 14,
        "women": 113,
        "men": 263,
        "total": 376,
        "counts-TOTAL_FORMS": 1,
        "counts-INITIAL_FORMS": 0,
        "counts-0-indicator": four_b.pk,
        "counts-0-quantity": 14,
        "counts-0-women": 113,
        "counts-0-men": 0,
        "counts-0-total": 113,
    }
    data.update(extra)
    return data


@pytest.fixture
def counted(client, people, submission):
    login(client, people["focal_point"])
    url = reverse("reporting:activity-new", args=[2023, "SEDENA"])
    response = client.post(url, activity_post(submission))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Activity.objects.get(reference="SDN-23-001")


def test_an_activity_counts_towards_two_indicators(counted, submission):
    count = ActivityCount.objects.get(activity=counted)
    assert (count.indicator.code, count.quantity, count.people) == ("4b", 14, (113, 0, 113))
    totals = rules.activity_totals(submission)
    three_one, four_b = (Indicator.objects.get(code=c).pk for c in ("3.1", "4b"))
    assert (totals[three_one].quantity, totals[three_one].total) == (14, 376)
    assert (totals[four_b].records, totals[four_b].women, totals[four_b].total) == (1, 113, 113)
    # The yearly figure of 4b is checked against what the courses count there.
    mismatch = rules.activities_mismatch(
        Indicator.objects.get(code="4b"), 100, 0, 100, totals[four_b]
    )
    assert "113" in mismatch


def test_the_same_indicator_twice_or_inconsistent_people_are_refused(client, people, submission):
    login(client, people["focal_point"])
    url = reverse("reporting:activity-new", args=[2023, "SEDENA"])
    same = activity_post(submission, **{"counts-0-indicator": Indicator.objects.get(code="3.1").pk})
    response = client.post(url, same)
    assert response.status_code == 400
    assert "ya cuenta para 3.1 como su propio indicador" in response.content.decode()
    wrong = activity_post(submission, **{"counts-0-total": 200})
    response = client.post(url, wrong)
    assert response.status_code == 400 and not Activity.objects.exists()
    assert "Mujeres (113) más hombres (0) suman 113, no 200." in response.content.decode()


def test_the_counts_follow_the_spreadsheet_round_trip(client, people, counted, submission):
    export = client.get(reverse("reporting:export", args=[2023, "SEDENA", "activities", "csv"]))
    text = export.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "También cuenta para" in header and row.endswith(",4b")
    upload = reverse("reporting:import", args=[2023, "SEDENA"])
    same = client.post(upload, {"file": SimpleUploadedFile("a.csv", text.encode())})
    assert not same.context["outcome"].changes  # unchanged, counts included
    more = text.replace(",4b\r\n", ',"4b, 5b"\r\n').replace(",4b\n", ',"4b, 5b"\n')
    assert more != text
    preview = client.post(upload, {"file": SimpleUploadedFile("a.csv", more.encode())})
    outcome = preview.context["outcome"]
    assert not outcome.has_errors and outcome.counts.get("update") == 1
    batch = preview.context["batch"]
    client.post(reverse("reporting:import-confirm", args=[2023, "SEDENA", batch.pk]))
    codes = sorted(c.indicator.code for c in ActivityCount.objects.filter(activity=counted))
    assert codes == ["4b", "5b"]
    # The count entered in the form keeps its own people while its code stays listed.
    assert ActivityCount.objects.get(activity=counted, indicator__code="4b").people == (
        113,
        0,
        113,
    )
    unknown = text.replace(",4b", ",9z")
    refused = client.post(upload, {"file": SimpleUploadedFile("a.csv", unknown.encode())})
    errors = " ".join(str(e) for r in refused.context["outcome"].rows for e in r.errors)
    assert "«9z»" in errors or "“9z”" in errors


def test_the_dashboards_and_the_report_count_it_where_it_counts(client, people, counted):
    submission = counted.submission
    IndicatorValue.objects.create(submission=submission, indicator=counted.indicator, total=14)
    IndicatorValue.objects.create(
        submission=submission,
        indicator=Indicator.objects.get(code="4b"),
        women=113,
        men=0,
        total=113,
    )
    Submission.objects.filter(pk=submission.pk).update(
        status="approved", approved_at=timezone.now()
    )
    page = client.get(reverse("dashboards:indicator", args=["4b"]), {"year": 2023})
    assert page.context["table"].paginator.count == 1
    assert "Cursos del CECOPAM" in page.content.decode()
    report = build(Plan.objects.get(), 2023)
    line = next(
        ln for area in report.areas for goal in area.goals for ln in goal.lines if ln.code == "4.2"
    )
    figure = line.key_figures[0]
    assert (figure.value, figure.label) == ("113", "mujeres")
    # Figures agree with what the activity counts towards each indicator: no recomputed note.
    assert report.annex.recomputed == []
