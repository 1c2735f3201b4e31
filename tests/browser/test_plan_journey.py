"""A focal point signs in, switches to English and browses the plan down to an indicator."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD, PersonFactory


def test_sign_in_switch_language_and_browse_to_an_indicator(page, step_screenshots):
    focal_point = PersonFactory(role="focal_point", agency="SEDENA", first_name="Sofía")

    page.goto(page.base_url + "/")
    # Spanish by default, even though the browser asks for English.
    expect(page.locator("h1")).to_contain_text("el Plan Nacional de Acción de México")
    step_screenshots("home-es", page)

    page.get_by_role("link", name="Iniciar sesión").click()
    page.get_by_label("Nombre de usuario").fill(focal_point.username)
    page.get_by_label("Contraseña").fill("wrong password")
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("alert")).to_contain_text("no son correctos")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Sofía")
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("SEDENA")
    expect(page.get_by_test_id("role")).to_contain_text("Enlace de dependencia")
    expect(page.get_by_test_id("capabilities")).to_contain_text("Capturar y enviar")
    step_screenshots("signed-in", page)

    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar").click()
    expect(page.locator("h1")).to_contain_text("Mexico's National Action Plan")
    expect(page.get_by_test_id("role")).to_contain_text("Agency focal point")
    step_screenshots("home-en", page)

    page.get_by_role("link", name="The plan").first.click()
    expect(page.get_by_test_id("goal")).to_have_count(10)
    expect(page.get_by_test_id("indicator")).to_have_count(23)
    page.get_by_role("link", name="II. Participation").click()
    page.get_by_role("link", name=re.compile(r"^4b Number of uniformed women trained")).click()
    step_screenshots("indicator-4b", page)

    expect(page).to_have_url(re.compile(r"/plan/indicators/4b/$"))
    expect(page.locator("h1")).to_have_text("Indicator 4b")
    expect(page.get_by_test_id("targets")).to_contain_text("60 women per year")
    expect(page.get_by_test_id("targets")).to_contain_text("60 uniformed women trained per year.")
    expect(page.get_by_test_id("institutions")).to_contain_text(
        "Secretariat of National Defense (SEDENA)"
    )

    # The language choice stays with the user: back in Spanish on the same page.
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("h1")).to_have_text("Indicador 4b")
    expect(page.get_by_test_id("targets")).to_contain_text("60 mujeres por año")
