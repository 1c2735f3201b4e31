"""The budget page of a submission: who reads it, who writes it, and that nothing changes once
the submission is submitted or approved; the working group sees the lines and their warnings on
the submission's page; every change is kept in the history."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from budgets.models import BudgetLine
from reporting.models import Submission
from tests.budgets.conftest import budget_line, line_of_action, login, set_status

pytestmark = pytest.mark.django_db


def entry_url(submission):
    return reverse("budgets:entry", args=[submission.year, submission.agency.code])


def post_data(**fields):
    return {
        "line": line_of_action("4.1").pk,
        "source": "cooperation",
        "partner": "ONU Mujeres",
        "programme_key": "P-019",
        "marker": "2",
        "programmed": "1,500,000",
        "approved": "1,200,000.50",
        "spent": "",
        "overspend_note": "",
        **fields,
    }


@pytest.mark.parametrize(
    "role, status",
    [
        (None, 302),
        ("observer", 404),
        ("other_focal_point", 404),
        ("focal_point", 200),
        ("working_group", 200),
    ],
)
def test_who_reads_a_draft_budget(client, people, submission, role, status):
    budget_line(submission, approved="1000")
    response = login(client, people.get(role)).get(entry_url(submission))
    assert response.status_code == status


def test_everyone_reads_an_approved_budget(client, people, submission):
    budget_line(submission, approved="1234567")
    set_status(submission, Submission.Status.APPROVED)
    for user in (None, people["observer"], people["other_focal_point"]):
        client.logout()
        response = login(client, user).get(entry_url(submission), HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 200
        assert "$1,234,567.00 MXN" in response.content.decode()
        assert b'data-testid="budget-form"' not in response.content


@pytest.mark.parametrize(
    "role, status",
    [(None, 302), ("observer", 404), ("other_focal_point", 404), ("working_group", 403)],
)
def test_only_the_agencys_focal_point_writes(client, people, submission, role, status):
    response = login(client, people.get(role)).post(entry_url(submission), post_data())
    assert response.status_code == status
    assert not BudgetLine.objects.exists()


def test_focal_point_adds_a_line_and_sees_it(client, people, submission):
    client.force_login(people["focal_point"])
    response = client.post(entry_url(submission), post_data(), follow=True)
    assert response.status_code == 200
    line = BudgetLine.objects.get()
    assert (line.programmed, line.approved, line.spent) == (
        Decimal("1500000"),
        Decimal("1200000.50"),
        None,
    )
    assert line.partner == "ONU Mujeres"
    page = response.content.decode()
    assert "$1,500,000.00 MXN" in page and "$1,200,000.50 MXN" in page
    assert "ONU Mujeres" in page and "P-019" in page
    submission.refresh_from_db()
    assert submission.version == 2  # the write is a new version of the submission


def test_bad_input_is_refused_with_the_entries_kept(client, people, submission):
    client.force_login(people["focal_point"])
    with translation.override("en"):
        response = client.post(
            entry_url(submission),
            post_data(spent="-10", programmed="mucho", source="cooperation", partner=""),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()
    form = response.context["form"]
    assert set(form.errors) >= {"spent", "programmed", "partner"}
    assert 'value="mucho"' in response.content.decode()


def test_overspending_warns_on_the_form_and_on_review(client, people, submission):
    client.force_login(people["focal_point"])
    response = client.post(
        entry_url(submission), post_data(approved="1000", spent="1500"), follow=True
    )
    assert b'data-testid="budget-warning"' in response.content
    client.force_login(people["working_group"])
    detail = client.get(
        reverse("reporting:submission", args=[submission.year, submission.agency.code])
    )
    page = detail.content.decode()
    assert 'data-testid="budget-lines"' in page
    assert 'data-testid="budget-warning"' in page
    assert 'data-testid="budget-unexplained"' in page
    assert "$1,500.00 MXN" in page


@pytest.mark.parametrize("status", [Submission.Status.SUBMITTED, Submission.Status.APPROVED])
def test_nothing_changes_after_submission_or_approval(client, people, submission, status):
    line = budget_line(submission, approved="1000")
    set_status(submission, status)
    client.force_login(people["focal_point"])
    added = client.post(entry_url(submission), post_data())
    assert added.status_code == 409
    edit_url = reverse("budgets:edit", args=[submission.year, "SEDENA", line.pk])
    changed = client.post(edit_url, post_data(version=line.version, approved="5"))
    assert changed.status_code == 409
    delete_url = reverse("budgets:delete", args=[submission.year, "SEDENA", line.pk])
    client.post(delete_url, {"confirmed": "yes"})
    assert list(BudgetLine.objects.values_list("approved", flat=True)) == [Decimal("1000")]
    # The edit page is not even offered.
    assert client.get(edit_url).status_code == 302


def test_edit_and_delete_keep_history(client, people, submission):
    line = budget_line(submission, approved="1000")
    client.force_login(people["focal_point"])
    edit_url = reverse("budgets:edit", args=[submission.year, "SEDENA", line.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, post_data(version=line.version, approved="2000"))
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.approved == Decimal("2000") and line.version == 2
    # An edit opened before that save is refused, not lost.
    stale = client.post(edit_url, post_data(version=1, approved="3000"))
    assert stale.status_code == 409
    delete_url = reverse("budgets:delete", args=[submission.year, "SEDENA", line.pk])
    asked = client.post(delete_url)
    assert asked.status_code == 200 and BudgetLine.objects.exists()
    client.post(delete_url, {"confirmed": "yes"})
    assert not BudgetLine.objects.exists()
    history = BudgetLine.history.filter(id=line.pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert [h.approved for h in history] == [Decimal("1000"), Decimal("2000"), Decimal("2000")]
    assert history.last().history_user_id == people["focal_point"].username


def test_other_agencys_line_is_not_reachable(client, people, submission, other_submission):
    theirs = budget_line(other_submission, approved="1000")
    client.force_login(people["focal_point"])
    url = reverse("budgets:edit", args=[submission.year, "SEDENA", theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, post_data(version=1)).status_code == 404


def test_the_submissions_history_lists_budget_changes(client, people, submission):
    client.force_login(people["focal_point"])
    client.post(entry_url(submission), post_data(approved="1,000"))
    line = BudgetLine.objects.get()
    edit_url = reverse("budgets:edit", args=[submission.year, "SEDENA", line.pk])
    client.post(edit_url, post_data(version=line.version, approved="2,500.5"))
    client.force_login(people["working_group"])
    page = client.get(
        reverse("reporting:history", args=[submission.year, "SEDENA"])
    ).content.decode()
    assert "Presupuesto de la línea de acción 4.1 (Cooperación internacional)" in page
    assert "1,000" in page and "2,500.5" in page
