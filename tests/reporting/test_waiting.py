"""The home page tells each person what waits for them."""

import datetime

import pytest
from django.utils import timezone

from indicators.models import Indicator, Plan
from reporting.models import FigureComment, IndicatorValue, ReportingYear, Submission
from reporting.rules import indicators_for
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def waiting(client):
    html = client.get("/").content.decode()
    if 'data-testid="waiting"' not in html:
        return None
    return html.split('data-testid="waiting"')[1].split("</section>")[0]


def test_a_focal_point_sees_its_drafts_due_returns_and_open_comments(client, people, db):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    reporting_year = ReportingYear.open(Plan.objects.get(), 2023, deadline)
    submission = reporting_year.submissions.get(agency__code="SEDENA")
    login(client, people["focal_point"])
    box = waiting(client)
    assert "Borrador 2023" in box and "faltan 10 días" in box
    assert "/reporting/2023/SEDENA/edit/" in box
    for indicator in indicators_for(submission):
        IndicatorValue.objects.create(
            submission=submission, indicator=indicator, no_data=True, no_data_reason="x"
        )
    submission.submit(by=people["focal_point"])
    submission.return_for_changes(by=people["working_group"], comment="Revise el 4a, por favor.")
    FigureComment.objects.create(
        submission=submission,
        indicator=Indicator.objects.get(code="4a"),
        text="Faltan los cursos de Mazatlán.",
        by=people["working_group"].username,
    )
    box = waiting(client)
    assert "Devuelto por el grupo de trabajo" in box and "Revise el 4a, por favor." in box
    assert "Indicador 4a · SEDENA 2023" in box and "Faltan los cursos de Mazatlán." in box
    other = type(client)()
    login(other, people["other_focal_point"])
    assert "Mazatlán" not in other.get("/").content.decode()


def test_the_working_group_sees_submissions_to_review_and_targets_to_rate(client, people, db):
    reporting_year = ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    submission = reporting_year.submissions.get(agency__code="SEMAR")
    for indicator in indicators_for(submission):
        IndicatorValue.objects.create(
            submission=submission, indicator=indicator, no_data=True, no_data_reason="x"
        )
    submission.submit(by=people["other_focal_point"])
    login(client, people["working_group"])
    box = waiting(client)
    assert "Informes por revisar" in box and "SEMAR 2023" in box
    assert "Metas cualitativas por calificar" in box and "2023 · meta de" in box


def test_nothing_waits_for_an_observer_or_a_visitor(client, people, db):
    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    assert waiting(client) is None
    for who in ("observer", "administrator"):
        login(client, people[who])
        assert waiting(client) is None, who
    assert Submission.objects.exists()
