"""The guided yearly form in Chromium: a year answered with "nothing to report" for whole goals
(and the page's height against the form it replaced), entries that survive a session that ends
mid-form, two focal points of one agency drafting different figures at once, and a warning
before leaving with entries not yet saved."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from indicators.models import Plan
from reporting.models import IndicatorValue, ReportingYear
from reporting.rules import indicators_for, is_answered
from tests.browser.test_review_cycle import sign_in
from tests.factories import PASSWORD, PersonFactory

# SEDENA's 2023 form before this redesign, measured in Chromium at 1280 px wide with its 19
# indicators answered: 14,063 px high, 107 fields, every one of them shown. The guided form of
# an agency with everything answered must fit in a third of that.
HEIGHT_BEFORE = 14_063
INPUTS_BEFORE = 107

FIELDS = (
    "form[data-testid=yearly-form] input:not([type=hidden]), "
    "form[data-testid=yearly-form] textarea, form[data-testid=yearly-form] select"
)


@pytest.fixture
def open_year(plan_loaded):
    return ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))


def edit(page, base):
    page.goto(base + "/reporting/2023/SEDENA/edit/")
    expect(page.get_by_test_id("yearly-form")).to_be_visible()


def settled(page):
    """Wait until every draft typed so far has been answered by the server."""
    page.wait_for_function(
        "() => document.getElementById('yearly-form').draftsSettled().then(done => done)"
    )


def test_a_year_answered_with_nothing_to_report_fits_in_a_third(
    browser, live_server, open_year, step_screenshots
):
    focal = sign_in(browser, live_server.url, PersonFactory(role="focal_point", agency="SEDENA"))
    step_screenshots.pages.append(focal)
    edit(focal, live_server.url)
    expect(focal.get_by_test_id("progress")).to_have_text("0 de 19 respondidos")
    # 4a has a figure; the rest of goal 4 has nothing to report.
    focal.locator('[data-indicator="4a"]').get_by_label("Cursos").fill("2")
    focal.locator('[data-indicator="4a"]').get_by_label("Cursos").blur()
    settled(focal)
    expect(focal.get_by_test_id("progress")).to_have_text("1 de 19 respondidos")
    step_screenshots("4a-drafted", focal)
    submission = open_year.submissions.get(agency__code="SEDENA")
    for goal in sorted({i.goal.number for i in indicators_for(submission)}):
        box = focal.get_by_test_id(f"nothing-to-report-{goal}")
        box.get_by_label("Por qué no hay datos (un motivo para todos)").fill(
            "La dependencia no realizó acciones de este objetivo en 2023."
        )
        box.get_by_role("button").click()
        expect(focal.get_by_role("alert").first).to_contain_text("Marcados «sin datos este año»")
    step_screenshots("all-answered", focal)
    expect(focal.get_by_test_id("progress")).to_have_text("19 de 19 respondidos")
    values = {v.indicator_id: v for v in submission.values.all()}
    assert all(is_answered(i, values.get(i.pk)) for i in indicators_for(submission))
    assert values[next(i.pk for i in indicators_for(submission) if i.code == "4a")].total == 2
    assert IndicatorValue.objects.filter(no_data=True).count() == 18
    # Every goal is folded; the page is a fraction of the form it replaced.
    assert focal.locator("details.goal-group[open]").count() == 0
    height = focal.evaluate("document.documentElement.scrollHeight")
    fields = focal.locator(FIELDS).count()
    shown = focal.evaluate(
        f"[...document.querySelectorAll('{FIELDS}')].filter(e => e.checkVisibility()).length"
    )
    print(
        f"\nSEDENA's form, all answered, 1280 px: {height} px ({HEIGHT_BEFORE} before), "
        f"{fields} fields of which {shown} shown ({INPUTS_BEFORE}, all shown, before)"
    )
    assert height <= HEIGHT_BEFORE / 3
    assert shown == 0


def test_entries_survive_a_session_that_ends_mid_form(
    browser, live_server, open_year, step_screenshots
):
    person = PersonFactory(role="focal_point", agency="SEDENA")
    focal = sign_in(browser, live_server.url, person)
    step_screenshots.pages.append(focal)
    edit(focal, live_server.url)
    indicator_4b = focal.locator('[data-indicator="4b"]')
    focal.locator('[data-indicator="4a"]').get_by_label("Cursos").fill("3")
    indicator_4b.get_by_label("Mujeres").click()
    settled(focal)
    Session.objects.all().delete()  # the session ends on the server
    indicator_4b.get_by_label("Mujeres").fill("14")
    indicator_4b.get_by_label("Hombres").fill("17")
    indicator_4b.get_by_label("Hombres").blur()
    settled(focal)
    expect(focal.get_by_test_id("draft-problem")).to_contain_text("Su sesión terminó")
    step_screenshots("session-ended", focal)
    focal.get_by_role("button", name="Guardar como borrador").click()
    # The save leads to the sign-in page, which leads back to the form.
    expect(focal).to_have_url(
        live_server.url + "/accounts/login/?next=/reporting/2023/SEDENA/edit/"
    )
    focal.get_by_label("Nombre de usuario").fill(person.username)
    focal.get_by_label("Contraseña").fill(PASSWORD)
    focal.get_by_role("button", name="Iniciar sesión").click()
    expect(focal).to_have_url(live_server.url + "/reporting/2023/SEDENA/edit/")
    offer = focal.get_by_test_id("restore-offer")
    expect(offer).to_be_visible()
    step_screenshots("offered-back", focal)
    offer.get_by_role("button", name="Restaurar lo que escribió").click()
    expect(indicator_4b.get_by_label("Mujeres")).to_have_value("14")
    expect(indicator_4b.get_by_label("Hombres")).to_have_value("17")
    settled(focal)
    values = {v.indicator.code: v for v in IndicatorValue.objects.select_related("indicator")}
    assert values["4a"].total == 3  # saved before the session ended
    assert (values["4b"].women, values["4b"].men, values["4b"].total) == (14, 17, 31)
    focal.reload()
    expect(focal.get_by_test_id("restore-offer")).to_be_hidden()


def test_two_focal_points_draft_different_figures_at_once(
    browser, live_server, open_year, step_screenshots
):
    first = sign_in(browser, live_server.url, PersonFactory(role="focal_point", agency="SEDENA"))
    second = sign_in(browser, live_server.url, PersonFactory(role="focal_point", agency="SEDENA"))
    step_screenshots.pages += [first, second]
    edit(first, live_server.url)
    edit(second, live_server.url)
    # Both pages were loaded before either typed; each drafts a figure of the same goal.
    first.locator('[data-indicator="4a"]').get_by_label("Cursos").fill("2")
    second.locator('[data-indicator="4c"]').get_by_role("spinbutton").first.fill("5")
    first.locator('[data-indicator="4a"]').get_by_label("Cursos").blur()
    second.locator('[data-indicator="4c"]').get_by_role("spinbutton").first.blur()
    settled(first)
    settled(second)
    # And again, each on the figure the other did not touch.
    first.locator('[data-indicator="1a"]').get_by_role("spinbutton").first.fill("4")
    first.locator('[data-indicator="1a"]').get_by_role("spinbutton").first.blur()
    second.locator('[data-indicator="4d"]').get_by_role("spinbutton").first.fill("1")
    second.locator('[data-indicator="4d"]').get_by_role("spinbutton").first.blur()
    settled(first)
    settled(second)
    for page in (first, second):
        expect(page.get_by_test_id("draft-problem")).to_be_hidden()
        expect(page.locator(".field-problem")).to_have_count(0)
    values = {v.indicator.code: v.total for v in IndicatorValue.objects.select_related("indicator")}
    assert values == {"4a": 2, "4c": 5, "1a": 4, "4d": 1}
    second.reload()
    expect(second.locator('[data-indicator="4a"]').get_by_label("Cursos")).to_have_value("2")


def test_leaving_with_unsaved_entries_asks_first(browser, live_server, open_year):
    focal = sign_in(browser, live_server.url, PersonFactory(role="focal_point", agency="SEDENA"))
    edit(focal, live_server.url)
    focal.locator('[data-indicator="4a"]').get_by_label("Cursos").fill("2")  # not yet saved
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    focal.on("dialog", answer)
    focal.get_by_role("link", name="Volver al informe").click()
    focal.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(focal).to_have_url(live_server.url + "/reporting/2023/SEDENA/edit/")
