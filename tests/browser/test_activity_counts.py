"""In a real browser: a focal point records the CECOPAM courses as trainings for 3.1 and, with
their women, for 4b too; both indicators of the yearly form then count them."""

import datetime

import pytest
from playwright.sync_api import expect

from indicators.models import Plan
from reporting.models import ActivityCount, ReportingYear
from tests.browser.test_review_cycle import sign_in
from tests.factories import PersonFactory


@pytest.fixture
def draft(plan_loaded):
    reporting_year = ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    return reporting_year.submissions.get(agency__code="SEDENA")


def test_an_activity_counts_towards_two_indicators(browser, live_server, draft, step_screenshots):
    person = PersonFactory(role="focal_point", agency="SEDENA")
    page = sign_in(browser, live_server.url, person)
    step_screenshots.pages.append(page)
    page.goto(f"{live_server.url}/reporting/2023/SEDENA/activities/new/")
    form = page.get_by_test_id("activity-form")
    form.locator("#id_title").fill("Cursos del CECOPAM previos al despliegue")
    form.locator("#id_line").select_option(
        page.locator("#id_line option", has_text="3.1").first.get_attribute("value")
    )
    form.locator("#id_indicator").select_option(
        page.locator("#id_indicator option", has_text="3.1").first.get_attribute("value")
    )
    form.locator("#id_start_date").fill("2023-03-01")
    form.locator("#id_end_date").fill("2023-11-30")
    form.locator("#id_quantity").fill("14")
    form.locator("#id_women").fill("113")
    form.locator("#id_men").fill("263")
    counts = page.get_by_test_id("activity-counts")
    counts.locator("#id_counts-0-indicator").select_option(
        page.locator("#id_counts-0-indicator option", has_text="4b").first.get_attribute("value")
    )
    counts.locator("#id_counts-0-quantity").fill("14")
    counts.locator("#id_counts-0-women").fill("113")
    counts.locator("#id_counts-0-men").fill("0")
    step_screenshots("filled", page)
    form.get_by_role("button", name="Guardar la actividad").click()
    expect(page.get_by_role("alert").first).to_contain_text("guardada")
    table = page.get_by_test_id("activities")
    expect(table).to_contain_text("Cursos del CECOPAM")
    expect(table).to_contain_text("4b")
    assert ActivityCount.objects.get().people == (113, 0, 113)

    # The yearly form counts the courses towards both indicators, each with its own figures.
    page.goto(f"{live_server.url}/reporting/2023/SEDENA/edit/")
    three_one = page.locator('[data-indicator="3.1"]').first
    four_b = page.locator('[data-indicator="4b"]').first
    expect(three_one).to_contain_text("1 actividad cuenta para este indicador: 14")
    expect(four_b).to_contain_text("mujeres 113, hombres 0, total 113")
