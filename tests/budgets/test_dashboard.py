"""The budget dashboard: approved budget against spending per goal and per agency, the share of
lines of action with a budget; the public sees approved submissions only; the number of
queries does not grow with the lines."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budgets.figures import year_budget
from indicators.models import LineOfAction, Plan
from reporting.models import Submission
from tests.budgets.conftest import budget_line, login, set_status

pytestmark = pytest.mark.django_db

URL = reverse("budgets:dashboard")


@pytest.fixture
def budgets(submission, other_submission):
    """SEDENA (approved): 4.1 and 4.2 in goal 4, 6.1 in goal 6 (one over-spent, explained);
    SEMAR (draft): 5.1, which the public must not see."""
    budget_line(submission, "4.1", programmed="1500000", approved="1000000", spent="400000")
    budget_line(
        submission,
        "4.2",
        source="cooperation",
        partner="ONU Mujeres",
        approved="500000",
        spent="600000",
        overspend_note="Donativo adicional recibido en octubre.",
    )
    budget_line(submission, "6.1", approved="250000.50", spent=None)
    budget_line(submission, "7.1", approved="0", spent="0")  # 0 is not a budget
    set_status(submission, Submission.Status.APPROVED)
    budget_line(other_submission, "5.1", approved="987654321", spent="1")
    return submission


def test_figures_per_goal_and_agency(budgets):
    budget = year_budget(Plan.objects.get(), 2023)
    goals = {g.key.number: g.totals for g in budget.goals}
    assert (goals[4].approved, goals[4].spent) == (1500000, 1000000)
    assert (goals[6].approved, goals[6].spent) == (250000.50, None)
    assert goals[5].approved is None  # SEMAR's draft is not counted
    assert [a.key.code for a in budget.agencies] == ["SEDENA"]
    assert budget.plan_lines == LineOfAction.objects.count() == 16
    assert budget.budgeted_lines == 3


def test_public_page_in_spanish(client, people, budgets):
    for user in (None, people["observer"]):
        client.logout()
        page = login(client, user).get(URL, {"year": 2023}).content.decode()
        assert "3 de 16 líneas de acción tienen presupuesto (18.8\u00a0%)" in page
        assert "$1,750,000.50 MXN" in page  # total approved
        assert "$1,000,000.00 MXN" in page  # total spent
        assert "66.7\u00a0%" in page  # goal 4: spent of approved
        assert "987,654,321" not in page  # a draft's amount
        assert "Donativo adicional recibido en octubre." in page
        assert 'name="source"' not in page  # the option to include drafts is not offered


def test_working_group_may_include_submitted_data(client, people, budgets, other_submission):
    set_status(other_submission, Submission.Status.SUBMITTED)
    client.force_login(people["working_group"])
    approved_only = client.get(URL, {"year": 2023}).content.decode()
    assert "987,654,321" not in approved_only
    with_submitted = client.get(URL, {"year": 2023, "source": "submitted"}).content.decode()
    assert "$987,654,321.00 MXN" in with_submitted
    # The public asking for it still gets approved data only.
    client.logout()
    assert (
        "987,654,321" not in client.get(URL, {"year": 2023, "source": "submitted"}).content.decode()
    )


def test_english_page(client, budgets):
    page = client.get(URL, {"year": 2023}, HTTP_ACCEPT_LANGUAGE="en")
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    page = client.get(URL, {"year": 2023}).content.decode()
    assert "3 of 16 lines of action have a budget (18.8%)" in page


def test_linked_from_the_dashboards(client):
    page = client.get(reverse("dashboards:overview")).content.decode()
    assert reverse("budgets:dashboard") in page


@pytest.mark.parametrize("year", ["1999", "abc", "2023'--", "9" * 50])
def test_bad_year_is_a_clear_400_not_a_500(client, year):
    response = client.get(URL, {"year": year})
    assert response.status_code == 400


def test_queries_do_not_grow_with_lines(client, people, submission, django_assert_max_num_queries):
    set_status(submission, Submission.Status.APPROVED)
    client.force_login(people["working_group"])
    codes = ["4.1", "4.2", "5.1", "6.1", "7.1", "8.1"]
    budget_line(submission, codes[0], approved="1", spent="1")
    with django_assert_max_num_queries(30) as few:
        assert client.get(URL, {"year": 2023}).status_code == 200
    for n in range(60):
        budget_line(submission, codes[n % len(codes)], approved=str(n + 1), spent=str(n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL, {"year": 2023}).status_code == 200


def test_downloads_hold_the_approved_lines(client, budgets):
    page = client.get(URL, {"year": 2023}).content.decode()
    assert "format=xlsx" in page and "format=csv" in page
    response = client.get(URL, {"year": 2023, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Año", "Objetivo", "Línea de acción", "Dependencia"]
    assert [row[2] for row in rows[1:]] == ["4.1", "4.2", "6.1", "7.1"]  # no draft of SEMAR
    assert rows[2][4:6] == ["Cooperación internacional", "ONU Mujeres"]
    workbook = load_workbook(io.BytesIO(client.get(URL, {"year": 2023, "format": "xlsx"}).content))
    sheet = workbook.active
    first = [cell.value for cell in sheet[2]]
    assert first[8:11] == [1500000, 1000000, 400000]
    assert sheet.cell(row=2, column=10).number_format == "#,##0.00"
    data = client.get(URL, {"year": 2023, "format": "json"}).json()
    assert data["rows"][1]["overspent"] is True
