"""`manage.py send_reminders`, run daily by cron: reminders before and after a reporting year's
deadline to the focal points of agencies that have not submitted, once each, in each person's
language; and the notices left unsent, tried again."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from notifications.models import Notice, Preferences
from reporting.models import Submission
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(team, year):
    """SEDENA's draft and SSPC's returned submission are still to submit; SEMAR submitted."""
    team["sspc"] = PersonFactory(role="focal_point", agency="SSPC", email="enlace@sspc.gob.mx")
    year.submissions.filter(agency__code="SSPC").update(status=Submission.Status.RETURNED)
    year.submissions.filter(agency__code="SEMAR").update(status=Submission.Status.SUBMITTED)
    return team


def run(day):
    """The command as cron runs it, on `day`; the messages it sent, by address."""
    sent_before = len(mail.outbox)
    call_command("send_reminders", "--date", day, stdout=io.StringIO())
    return {message.to[0]: message for message in mail.outbox[sent_before:]}


def test_before_the_deadline_agencies_still_to_submit_are_reminded_once(due):
    received = run("2024-03-17")  # 14 days before
    assert set(received) == {"enlace@sedena.gob.mx", "liaison@sedena.mx", "enlace@sspc.gob.mx"}
    spanish = received["enlace@sedena.gob.mx"]
    assert spanish.subject == (
        "Recordatorio: el informe de SEDENA de 2023 vence el 31 de marzo de 2024"
    )
    assert "vence el 31 de marzo de 2024, en 14 días." in spanish.body
    assert "Su estado sigue siendo: Borrador." in spanish.body
    assert "http://127.0.0.1:8000/reporting/2023/SEDENA/" in spanish.body
    english = received["liaison@sedena.mx"]
    assert english.subject == "Reminder: the report of SEDENA for 2023 is due on March 31, 2024"
    assert "is due on March 31, 2024, in 14 days." in english.body
    assert "Devuelto para correcciones" in received["enlace@sspc.gob.mx"].body

    # Run twice the same day, or again the next day: nothing more.
    assert run("2024-03-17") == {}
    assert run("2024-03-18") == {}
    assert Notice.objects.filter(kind=Notice.Kind.REMINDER).count() == 3

    received = run("2024-03-28")  # 3 days before
    assert set(received) == {"enlace@sedena.gob.mx", "liaison@sedena.mx", "enlace@sspc.gob.mx"}
    assert "en 3 días." in received["enlace@sedena.gob.mx"].body


def test_after_the_deadline_the_reminder_says_how_late(due):
    assert run("2024-03-31") == {}  # the deadline itself: no reminder set for it
    received = run("2024-04-01")
    assert received["enlace@sedena.gob.mx"].subject == (
        "El informe de SEDENA de 2023 lleva 1 día de retraso"
    )
    assert "vencía el 31 de marzo de 2024: lleva 1 día de retraso." in (
        received["enlace@sedena.gob.mx"].body
    )
    assert received["liaison@sedena.mx"].subject == "The report of SEDENA for 2023 is 1 day late"
    received = run("2024-04-07")
    assert "lleva 7 días de retraso" in received["enlace@sspc.gob.mx"].body
    assert run("2024-04-08") == {}


def test_a_missed_run_is_caught_up_for_a_few_days_only(due):
    received = run("2024-03-19")  # cron did not run on the 17th nor the 18th
    assert "en 12 días." in received["enlace@sedena.gob.mx"].body
    Notice.objects.all().delete()
    assert run("2024-03-21") == {}  # four days late: skipped, not sent out of time


def test_an_agency_that_submitted_is_not_reminded_nor_a_closed_year(due, year):
    Preferences.objects.create(user=due["sspc"], reminders=False)
    year.submissions.filter(agency__code="SEDENA").update(status=Submission.Status.SUBMITTED)
    assert run("2024-03-17") == {}
    Notice.objects.all().delete()
    year.submissions.filter(agency__code="SEDENA").update(status=Submission.Status.DRAFT)
    year.close()
    assert run("2024-03-17") == {}


def test_the_days_are_set_from_the_environment(due, settings):
    settings.REMINDER_DAYS_BEFORE = [5]
    settings.REMINDER_DAYS_AFTER = []
    assert run("2024-03-17") == {}
    assert len(run("2024-03-26")) == 3
    assert run("2024-04-01") == {}


def test_a_failed_reminder_is_retried_only_while_it_is_still_due(due, settings, year):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FailingBackend"
    with pytest.raises(CommandError, match="could not be sent"):
        run("2024-03-17")
    assert Notice.objects.filter(status=Notice.Status.FAILED).count() == 1
    year.submissions.filter(agency__code="SEDENA").update(status=Submission.Status.SUBMITTED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert set(run("2024-03-18")) == {"enlace@sspc.gob.mx"}
    assert set(
        Notice.objects.filter(submission__agency__code="SEDENA").values_list("status", flat=True)
    ) == {Notice.Status.CANCELLED}


def test_without_a_mail_server_the_command_says_so(settings):
    settings.EMAIL_URL = ""
    with pytest.raises(CommandError, match="EMAIL_URL"):
        call_command("send_reminders")
