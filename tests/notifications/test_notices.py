"""Notices of the review, as people receive them: who gets a message when an agency submits,
when the working group returns, approves or reopens, in which language, with which link; and
what happens when the mail server is down."""

import logging

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.models import Notice, Preferences
from reporting.models import Submission, step_taken
from tests.notifications.conftest import step

pytestmark = pytest.mark.django_db

LINK = "http://127.0.0.1:8000/reporting/2023/SEDENA/"


def html_of(message):
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


def inbox():
    """address -> the one message it received (a second one fails the test)."""
    received = {}
    for message in mail.outbox:
        [address] = message.to
        assert address not in received, f"{address} received two messages"
        received[address] = message
    return received


def test_a_submission_tells_the_working_group_once_committed(
    client, team, sedena, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = step(client, team["sedena"], sedena, "submit")
    assert response.status_code == 302
    # Recorded with the step, sent only after it committed.
    assert not mail.outbox
    assert Notice.objects.filter(status=Notice.Status.PENDING).count() == 2
    for callback in callbacks:
        callback()

    received = inbox()
    assert set(received) == {"grupo@sre.gob.mx", "grupo2@sre.gob.mx"}
    message = received["grupo@sre.gob.mx"]
    assert message.subject == "SEDENA envió su informe de 2023"
    assert message.extra_headers["Content-Language"] == "es"
    text = message.body
    assert (
        "Secretaría de la Defensa Nacional (SEDENA) envió al grupo de trabajo su informe de 2023"
        in text
    )
    assert "PNA-1325 (2021-2024)" in text
    assert f"Enviado por {team['sedena'].get_full_name()} el " in text
    assert LINK in text and f'href="{LINK}"' in html_of(message)
    assert "http://127.0.0.1:8000/notifications/" in text
    assert set(Notice.objects.values_list("status", flat=True)) == {Notice.Status.SENT}


def test_a_return_goes_to_the_agency_only_with_the_comment_in_each_language(
    client, team, sedena, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
    mail.outbox.clear()
    comment = 'El total de 4b no cuadra: "14 < 31".'
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["group"], sedena, "return", comment)

    received = inbox()
    # SEMAR's focal point, the working group, observers: nothing.
    assert set(received) == {"enlace@sedena.gob.mx", "liaison@sedena.mx"}
    spanish, english = received["enlace@sedena.gob.mx"], received["liaison@sedena.mx"]
    assert spanish.subject == "El informe de SEDENA de 2023 fue devuelto para correcciones"
    assert spanish.body.startswith("Hola, Sofía ")
    assert "Comentario del grupo de trabajo:" in spanish.body and comment in spanish.body
    assert "14 &lt; 31" in html_of(spanish) and "14 < 31" not in html_of(spanish)
    assert english.subject == "The report of SEDENA for 2023 was returned for changes"
    assert english.extra_headers["Content-Language"] == "en"
    assert "Secretariat of National Defense (SEDENA)" in english.body
    assert "NAP-1325 (2021-2024)" in english.body
    assert f"Returned by {team['group'].get_full_name()} on " in english.body
    assert comment in english.body and LINK in english.body


def test_approval_and_reopening_reach_the_agency_with_the_reason(
    client, team, sedena, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
        step(client, team["group"], sedena, "approve")
    approved = inbox()
    assert set(approved) == {
        "grupo@sre.gob.mx",
        "grupo2@sre.gob.mx",
        "enlace@sedena.gob.mx",
        "liaison@sedena.mx",
    }
    assert approved["enlace@sedena.gob.mx"].subject == "El informe de SEDENA de 2023 fue aprobado"
    assert "bloqueados y publicados" in approved["enlace@sedena.gob.mx"].body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["group2"], sedena, "reopen", "Corrección tras la publicación.")
    reopened = inbox()
    assert set(reopened) == {"enlace@sedena.gob.mx", "liaison@sedena.mx"}
    message = reopened["enlace@sedena.gob.mx"]
    assert message.subject == "El informe de SEDENA de 2023 fue reabierto para correcciones"
    assert "El motivo:" in message.body and "Corrección tras la publicación." in message.body
    assert f"Reabierto por {team['group2'].get_full_name()} el " in message.body
    assert reopened["liaison@sedena.mx"].subject == (
        "The report of SEDENA for 2023 was reopened for corrections"
    )


def test_a_person_who_opted_out_gets_nothing(
    client, team, sedena, django_capture_on_commit_callbacks
):
    Preferences.objects.create(user=team["group2"], notices=False)
    Preferences.objects.filter(user=team["sedena_en"]).update(notices=False)
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
        step(client, team["group"], sedena, "return", "Falta el 4b.")
    assert set(inbox()) == {"grupo@sre.gob.mx", "enlace@sedena.gob.mx"}
    assert not Notice.objects.filter(recipient__in=[team["group2"], team["sedena_en"]]).exists()


def test_a_step_announced_twice_sends_nothing_more(
    client, team, sedena, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
    event = sedena.events.get()
    with django_capture_on_commit_callbacks(execute=True):
        step_taken.send(sender=Submission, submission=sedena, event=event)
    call_command("send_reminders", stdout=None)
    assert len(mail.outbox) == 2
    assert Notice.objects.count() == 2


def test_a_mail_server_down_leaves_the_step_done_and_the_command_retries(
    client, team, sedena, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FailingBackend"
    with (
        caplog.at_level(logging.WARNING, logger="notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = step(client, team["sedena"], sedena, "submit")
    assert response.status_code == 302
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert "Enviado al grupo de trabajo." in messages
    sedena.refresh_from_db()
    assert sedena.status == Submission.Status.SUBMITTED
    assert not mail.outbox
    failed = Notice.objects.get(status=Notice.Status.FAILED)
    assert "SMTPServerDisconnected" in failed.error and failed.attempts == 1
    assert "not sent" in caplog.text
    # The server is down: the other notice was not tried against it, it waits.
    assert Notice.objects.filter(status=Notice.Status.PENDING).count() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders", stdout=None)
    assert set(inbox()) == {"grupo@sre.gob.mx", "grupo2@sre.gob.mx"}
    failed.refresh_from_db()
    assert failed.status == Notice.Status.SENT and failed.attempts == 2 and not failed.error
    call_command("send_reminders", stdout=None)
    assert len(mail.outbox) == 2


def test_nothing_is_recorded_without_a_mail_server(
    client, team, sedena, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
    assert not Notice.objects.exists() and not mail.outbox


def test_a_focal_point_moved_to_another_agency_no_longer_gets_its_comments(
    client, team, sedena, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
        step(client, team["group"], sedena, "return", "Comentario interno de la SEDENA.")
    team["sedena_en"].profile.agency = team["semar"].profile.agency
    team["sedena_en"].profile.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders", stdout=None)
    assert "liaison@sedena.mx" not in inbox()
    notice = Notice.objects.get(recipient=team["sedena_en"])
    assert notice.status == Notice.Status.CANCELLED
