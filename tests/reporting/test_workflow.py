"""Draft -> submitted -> approved, or returned with a comment -> resubmitted; reopening; locks."""

import pytest
from django.urls import reverse

from reporting.models import Activity, IndicatorValue, Submission, SubmissionEvent, WorkflowError
from reporting.rules import indicators_for
from tests.reporting.conftest import form_data, login

pytestmark = pytest.mark.django_db


def complete(submission, **overrides):
    """Answer every indicator of the agency: a figure or no data with a reason."""
    for indicator in indicators_for(submission):
        fields = overrides.get(indicator.code, {"no_data": True, "no_data_reason": "Sin datos."})
        IndicatorValue.objects.update_or_create(
            submission=submission, indicator=indicator, defaults=fields
        )


def action(client, submission, name, comment=None):
    """A step as a person takes it: the step asked, then confirmed."""
    data = {"confirmed": "yes"} if comment is None else {"comment": comment, "confirmed": "yes"}
    return client.post(
        reverse("reporting:action", args=[submission.year, submission.agency.code, name]),
        data,
        follow=True,
    )


def texts(response):
    return [str(m) for m in response.context["messages"]]


def test_incomplete_submission_is_refused_with_what_is_missing(client, people, submission):
    IndicatorValue.objects.create(
        submission=submission, indicator=indicators_for(submission)[0], total=2
    )
    login(client, people["focal_point"])
    response = action(client, submission, "submit")
    messages = texts(response)
    assert any("El indicador 1b no tiene cifra" in m for m in messages), messages
    assert not any("1a no tiene cifra" in m for m in messages)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DRAFT
    assert not SubmissionEvent.objects.exists()


def test_unexplained_activity_mismatch_blocks_submission(submission, people):
    complete(submission, **{"4a": {"total": 3}})
    indicator = submission.values.get(indicator__code="4a").indicator
    Activity.objects.create(
        submission=submission,
        line=indicator.line,
        indicator=indicator,
        title="Curso",
        start_date="2023-03-01",
        end_date="2023-03-02",
        quantity=1,
    )
    with pytest.raises(WorkflowError) as error:
        submission.submit(by=people["focal_point"])
    assert "4a" in " ".join(error.value.messages)


def test_the_whole_cycle(client, people, submission):
    focal_point, group = people["focal_point"], people["working_group"]
    complete(submission, **{"4a": {"total": 1}})
    login(client, focal_point)
    response = action(client, submission, "submit")
    assert "Enviado al grupo de trabajo." in texts(response)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED and submission.submitted_at

    # Once submitted, the focal point cannot change it.
    edit = reverse("reporting:edit", args=[submission.year, "SEDENA"])
    client.post(edit, form_data(submission, answers={"4a": {"total": 9}}))
    assert IndicatorValue.objects.get(submission=submission, indicator__code="4a").total == 1
    # Nor approve it.
    assert action(client, submission, "approve").status_code == 403

    reviewer = type(client)()
    login(reviewer, group)
    response = action(reviewer, submission, "return", comment="")
    assert "Indique qué debe corregir la dependencia." in texts(response)
    response = action(reviewer, submission, "return", comment="El curso especializado fue 1, no 2.")
    assert "Devuelto a la dependencia con su comentario." in texts(response)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED

    # The focal point sees the comment, corrects and resubmits.
    page = client.get(reverse("reporting:submission", args=[submission.year, "SEDENA"]))
    assert "El curso especializado fue 1, no 2." in page.content.decode()
    assert client.post(edit, form_data(submission, answers={"4a": {"total": 2}})).status_code == 302
    action(client, submission, "submit")

    # The working group sees what changed since the previous submission.
    page = reviewer.get(reverse("reporting:submission", args=[submission.year, "SEDENA"]))
    changes = page.context["changes"]
    assert [(c.what, c.field, c.before, c.after) for c in changes] == [
        ("Indicador 4a", "Total", "1", "2")
    ]
    assert 'data-testid="changes"' in page.content.decode()

    response = action(reviewer, submission, "approve")
    assert "Aprobado. Los datos quedan bloqueados y publicados." in texts(response)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED and submission.approved_at

    # Approved data is locked: no edit, no new activity, no resubmission.
    client.post(edit, form_data(submission, answers={"4a": {"total": 7}}))
    assert IndicatorValue.objects.get(submission=submission, indicator__code="4a").total == 2
    client.post(
        reverse("reporting:activity-new", args=[submission.year, "SEDENA"]),
        {
            "title": "Tarde",
            "line": indicators_for(submission)[0].line_id,
            "start_date": "2023-01-02",
            "end_date": "2023-01-02",
            "modality": "online",
            "quantity": 1,
        },
    )
    assert not Activity.objects.exists()
    response = action(client, submission, "submit")
    assert any("no puede ser" in m for m in texts(response))

    # Reopening needs a reason, and records it.
    response = action(reviewer, submission, "reopen", comment=" ")
    assert "Indique el motivo para reabrir datos aprobados." in texts(response)
    action(reviewer, submission, "reopen", comment="Corrección de la SEDENA tras la publicación.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED and submission.approved_at is None

    steps = list(submission.events.values_list("action", "by", "comment"))
    assert steps == [
        ("submitted", focal_point.username, ""),
        ("returned", group.username, "El curso especializado fue 1, no 2."),
        ("submitted", focal_point.username, ""),
        ("approved", group.username, ""),
        ("reopened", group.username, "Corrección de la SEDENA tras la publicación."),
    ]
    assert all(e.at for e in submission.events.all())


def test_only_the_working_group_reviews(client, people, submission):
    complete(submission)
    submission.submit(by=people["focal_point"])
    for who in ("observer", "other_focal_point", "focal_point", "administrator"):
        client.logout()
        login(client, people[who])
        response = client.post(
            reverse("reporting:action", args=[2023, "SEDENA", "approve"]),
            {"comment": "", "confirmed": "yes"},
        )
        assert response.status_code in (403, 404), who
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


def test_closed_year_is_locked(client, people, submission, reporting_year):
    complete(submission)
    submission.submit(by=people["focal_point"])
    reporting_year.close()
    with pytest.raises(WorkflowError):
        Submission.objects.get(pk=submission.pk).approve(by=people["working_group"])
    login(client, people["working_group"])
    response = action(client, submission, "approve")
    assert any("está cerrado" in m for m in texts(response))


def test_unknown_action_is_404(client, people, submission):
    login(client, people["working_group"])
    response = client.post(reverse("reporting:action", args=[2023, "SEDENA", "publish"]))
    assert response.status_code == 404
