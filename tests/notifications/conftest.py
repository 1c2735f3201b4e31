import datetime
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from indicators.models import Plan
from notifications.models import Preferences
from reporting.models import IndicatorValue, ReportingYear, Submission
from reporting.rules import indicators_for
from tests.factories import PersonFactory

DEADLINE = datetime.date(2024, 3, 31)


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def team(db):
    """People with e-mail addresses: two of the working group, two focal points of SEDENA (one
    reads English), one of SEMAR, an observer and an administrator."""
    people = {
        "group": PersonFactory(role="working_group", email="grupo@sre.gob.mx"),
        "group2": PersonFactory(role="working_group", email="grupo2@sre.gob.mx"),
        "sedena": PersonFactory(
            role="focal_point", agency="SEDENA", email="enlace@sedena.gob.mx", first_name="Sofía"
        ),
        "sedena_en": PersonFactory(role="focal_point", agency="SEDENA", email="liaison@sedena.mx"),
        "semar": PersonFactory(role="focal_point", agency="SEMAR", email="enlace@semar.gob.mx"),
        "observer": PersonFactory(role="observer", email="osc@example.org"),
        "administrator": PersonFactory(role="administrator", email="soporte@example.org"),
    }
    Preferences.objects.create(user=people["sedena_en"], language="en")
    return people


@pytest.fixture
def year(db):
    return ReportingYear.open(Plan.objects.get(), 2023, DEADLINE)


def complete(submission):
    """Every indicator answered (no data, with a reason): ready to submit."""
    for indicator in indicators_for(submission):
        IndicatorValue.objects.update_or_create(
            submission=submission,
            indicator=indicator,
            defaults={"no_data": True, "no_data_reason": "Sin datos."},
        )


@pytest.fixture
def sedena(year):
    submission = Submission.objects.select_related("reporting_year", "agency").get(
        reporting_year=year, agency__code="SEDENA"
    )
    complete(submission)
    return submission


def step(client, person, submission, name, comment=None):
    """A workflow step through its view, as the person's browser sends it."""
    client.force_login(person)
    data = {"confirmed": "yes"} if comment is None else {"comment": comment, "confirmed": "yes"}
    return client.post(
        reverse("reporting:action", args=[submission.year, submission.agency.code, name]), data
    )
