"""In a real browser: a focal point enters a budget line of SEDENA's 2023 submission (more spent
than approved, with its explanation) and sees it saved; once submitted, the working group sees
the line and its warning on the submission's page, where it reviews it."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from budgets.models import BudgetLine
from indicators.models import Plan
from reporting.models import ReportingYear, Submission
from tests.browser.test_review_cycle import sign_in
from tests.factories import PersonFactory


@pytest.fixture
def draft(plan_loaded):
    reporting_year = ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    return reporting_year.submissions.get(agency__code="SEDENA")


def test_focal_point_enters_a_budget_line_and_the_working_group_sees_it(
    browser, live_server, draft, step_screenshots
):
    person = PersonFactory(role="focal_point", agency="SEDENA")
    page = sign_in(browser, live_server.url, person)
    step_screenshots.pages.append(page)
    page.goto(f"{live_server.url}/reporting/2023/SEDENA/")
    page.get_by_role("link", name="Capturar o corregir el presupuesto").click()
    form = page.get_by_test_id("budget-form")
    form.locator("#id_line").select_option(
        page.locator("#id_line option", has_text="4.2").first.get_attribute("value")
    )
    form.locator("#id_marker").select_option("2")
    form.locator("#id_source").select_option("cooperation")
    form.locator("#id_partner").fill("ONU Mujeres")
    form.locator("#id_programme_key").fill("P-019")
    form.locator("#id_programmed").fill("1,500,000")
    form.locator("#id_approved").fill("1,200,000.50")
    form.locator("#id_spent").fill("1,300,000")
    step_screenshots("filled", page)
    form.get_by_role("button", name="Guardar el renglón de presupuesto").click()
    expect(page.get_by_role("alert").first).to_contain_text("guardado")
    table = page.get_by_test_id("budget-lines")
    row = table.locator('[data-line="4.2"]')
    expect(row).to_contain_text("Cooperación internacional: ONU Mujeres")
    expect(row).to_contain_text("$1,500,000.00 MXN")
    expect(row).to_contain_text("$1,200,000.50 MXN")
    # More spent than approved: the warning asks why.
    expect(table.get_by_test_id("budget-warning")).to_contain_text("explique por qué")
    step_screenshots("saved", page)
    line = BudgetLine.objects.get()
    assert line.spent == Decimal("1300000") and line.approved == Decimal("1200000.50")

    # The explanation, given by editing the line.
    row.get_by_role("link", name="Editar").click()
    page.locator("#id_overspend_note").fill("Ampliación autorizada por Hacienda en julio.")
    page.get_by_role("button", name="Guardar el renglón de presupuesto").click()
    expect(page.get_by_test_id("budget-warning")).to_contain_text(
        "Ampliación autorizada por Hacienda en julio."
    )

    # Submitted (the workflow itself is tested elsewhere): the working group reviews it.
    Submission.objects.filter(pk=draft.pk).update(
        status=Submission.Status.SUBMITTED, version=draft.version + 10
    )
    group = sign_in(browser, live_server.url, PersonFactory(role="working_group"))
    step_screenshots.pages.append(group)
    group.goto(f"{live_server.url}/reporting/2023/SEDENA/")
    expect(group.get_by_role("heading", name="Revisión", exact=True)).to_be_visible()
    lines = group.get_by_test_id("budget-lines")
    expect(lines).to_contain_text("4.2")
    expect(lines).to_contain_text("$1,300,000.00 MXN")
    expect(lines.get_by_test_id("budget-warning")).to_contain_text(
        "Ampliación autorizada por Hacienda en julio."
    )
    step_screenshots("review", group)
