"""Steps that cannot be undone with a click ask first: without `confirmed=yes` the server answers
with a page that asks (the no-JavaScript fallback of the dialog) and nothing changes."""

import pytest
from django.urls import reverse

from indicators.models import Indicator
from reporting.models import Activity, Evidence, IndicatorValue, ReportingYear, Submission
from reporting.rules import indicators_for
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def complete(submission):
    for indicator in indicators_for(submission):
        IndicatorValue.objects.create(
            submission=submission, indicator=indicator, no_data=True, no_data_reason="x"
        )


def asks(response, question):
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="confirm-page"' in html
    assert question in html
    assert '<input type="hidden" name="confirmed" value="yes">' in html
    return html


def test_submit_approve_and_reopen_ask_first(client, people, submission):
    complete(submission)
    login(client, people["focal_point"])
    url = reverse("reporting:action", args=[2023, "SEDENA", "submit"])
    asks(client.post(url), "¿Enviar al grupo de trabajo las cifras de SEDENA de 2023?")
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.DRAFT
    client.post(url, {"confirmed": "yes"})
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.SUBMITTED

    login(client, people["working_group"])
    url = reverse("reporting:action", args=[2023, "SEDENA", "approve"])
    asks(client.post(url, {"comment": "Bien."}), "¿Aprobar las cifras de SEDENA de 2023?")
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.SUBMITTED
    # The confirmation page sends the same fields again.
    html = asks(client.post(url, {"comment": "Bien."}), "¿Aprobar")
    assert '<input type="hidden" name="comment" value="Bien.">' in html
    client.post(url, {"comment": "Bien.", "confirmed": "yes"})
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.APPROVED

    url = reverse("reporting:action", args=[2023, "SEDENA", "reopen"])
    asks(client.post(url, {"comment": "Error"}), "¿Reabrir las cifras aprobadas")
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.APPROVED


def test_returning_needs_no_confirmation(client, people, submission):
    complete(submission)
    submission.submit(by=people["focal_point"])
    login(client, people["working_group"])
    client.post(
        reverse("reporting:action", args=[2023, "SEDENA", "return"]), {"comment": "Corrija 4a."}
    )
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.RETURNED


def test_closing_a_year_and_deleting_ask_first(client, people, submission, reporting_year):
    login(client, people["focal_point"])
    indicator = Indicator.objects.get(code="4a")
    activity = Activity.objects.create(
        submission=submission,
        line=indicator.line,
        title="Curso",
        start_date="2023-03-01",
        end_date="2023-03-02",
    )
    evidence = Evidence.objects.create(
        submission=submission, description="Oficio", url="https://example.org/oficio"
    )
    asks(
        client.post(reverse("reporting:activity-delete", args=[2023, "SEDENA", activity.pk])),
        "¿Eliminar la actividad «Curso»?",
    )
    asks(
        client.post(reverse("reporting:evidence-delete", args=[2023, "SEDENA", evidence.pk])),
        "¿Quitar la evidencia «Oficio»?",
    )
    assert Activity.objects.exists() and Evidence.objects.exists()
    login(client, people["working_group"])
    asks(client.post(reverse("reporting:year-close", args=[2023])), "¿Cerrar y bloquear el año")
    assert ReportingYear.objects.get().is_open


def test_the_pages_forms_carry_the_question_for_the_dialog(client, people, submission):
    complete(submission)
    login(client, people["focal_point"])
    html = client.get(reverse("reporting:submission", args=[2023, "SEDENA"])).content.decode()
    assert 'data-confirm="¿Enviar al grupo de trabajo las cifras de SEDENA de 2023?"' in html
    assert 'data-confirm-yes="Sí, enviar"' in html
    assert '<dialog id="confirm-dialog"' in html and "/static/js/confirm.js" in html
