"""An observer opens the overview, filters by year and agency, follows a goal to an indicator
and its chart."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def data_2022(plan_loaded):
    call_command("loaddata", "data_2022", verbosity=0)


def test_overview_filters_goal_and_indicator_chart(page, data_2022, step_screenshots):
    observer = PersonFactory(role="observer", first_name="Olga", last_name="Sociedad Civil")
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(observer.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()

    page.goto(page.base_url + "/dashboards/")
    expect(page.locator("h1")).to_have_text("Metas frente a resultados")
    expect(page.locator("[data-goal]")).to_have_count(10)
    expect(page.get_by_label("Año")).to_have_value("2022")
    expect(page.get_by_label("Datos")).to_have_count(0)  # observers cannot ask for unapproved data
    step_screenshots("overview", page)

    page.get_by_label("Año").select_option("2021")
    page.get_by_role("button", name="Mostrar").click()
    expect(page.locator('[data-goal="6"]')).to_contain_text("Sin informar")

    page.get_by_label("Año").select_option("2022")
    page.get_by_label("Dependencia").select_option("INMUJERES")
    page.get_by_role("button", name="Mostrar").click()
    expect(page.get_by_role("status").first).to_contain_text("Solo cifras de INMUJERES")
    expect(page.locator('[data-indicator="6a"]')).to_contain_text("Redes: 188 en 2022")
    step_screenshots("inmujeres-2022", page)

    page.get_by_label("Dependencia").select_option("")
    page.get_by_role("button", name="Mostrar").click()
    goal_six = page.locator('[data-goal="6"]')
    expect(goal_six).to_contain_text("Redes: 630 en 2022")
    goal_six.get_by_role("link", name="Objetivo 6").click()
    expect(page.locator("h1")).to_have_text("Objetivo estratégico 6")
    expect(page.get_by_test_id("contributions")).to_contain_text("442")

    page.locator('[data-indicator="6a"]').get_by_role("link", name="6a").click()
    expect(page.locator("h1")).to_have_text("Indicador 6a")
    chart = page.locator("figure.chart").first
    expect(chart.locator("svg")).to_be_visible()
    expect(chart.locator("svg")).to_contain_text("630")
    chart.get_by_text("Los datos de la gráfica").click()
    expect(chart.locator("table")).to_contain_text("2022")
    expect(page.get_by_test_id("entities")).to_contain_text("Tlaxcala")
    step_screenshots("indicator-6a", page)
