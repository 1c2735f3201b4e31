"""The working group edits an indicator's reference sheet and links it to SDG 5.5.1; a visitor
then reads both on the indicator page."""

from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Plan
from references.prefill import prefill_sheets
from tests.factories import PASSWORD, PersonFactory


def test_working_group_edits_a_sheet_and_links_sdg_551(
    browser, page, live_server, step_screenshots
):
    # Live-server tests empty the database after each test: the frameworks are loaded again.
    call_command("loaddata", "frameworks", verbosity=0)
    prefill_sheets(Plan.objects.current())
    member = PersonFactory(role="working_group", first_name="Gabriela", last_name="Luna")
    base = live_server.url

    group = browser.new_context(viewport={"width": 1280, "height": 900})
    group.set_default_timeout(10_000)
    editor = group.new_page()
    step_screenshots.pages.append(editor)
    editor.goto(base + "/accounts/login/")
    editor.get_by_label("Nombre de usuario").fill(member.username)
    editor.get_by_label("Contraseña").fill(PASSWORD)
    editor.get_by_role("button", name="Iniciar sesión").click()
    expect(editor.get_by_test_id("signed-in-as")).to_be_visible()

    editor.goto(base + "/plan/indicators/5b/")
    editor.get_by_role("link", name="Ficha técnica y su historial").click()
    editor.get_by_role("link", name="Editar la ficha técnica").click()
    editor.get_by_label("definición (español)").fill(
        "Mujeres uniformadas desplegadas en operaciones de paz de la ONU al cierre del año."
    )
    editor.get_by_label("valor de la línea base").fill("")
    editor.get_by_role("button", name="Guardar la ficha técnica").click()
    expect(editor.get_by_role("alert").first).to_contain_text("Se guardó la ficha técnica de 5b")
    expect(editor.get_by_test_id("sheet-history")).to_contain_text("Gabriela Luna")
    expect(editor.get_by_test_id("sheet-history")).to_contain_text("Definición (español)")
    step_screenshots("sheet-saved", editor)

    editor.get_by_role("link", name="Vincular con marcos globales").click()
    editor.get_by_label("Elemento del marco global").select_option(
        label="ODS 5.5.1 — Proportion of seats held by women in (a) national parliaments and (b) "
        "local governments"
    )
    editor.get_by_label("nota (español)").fill(
        "Participación de las mujeres en la toma de decisiones."
    )
    editor.get_by_role("button", name="Vincular", exact=True).click()
    expect(editor.get_by_role("alert").first).to_contain_text("5b quedó vinculado a ODS 5.5.1")
    step_screenshots("linked", editor)
    group.close()

    # A visitor, not signed in, in English.
    page.goto(base + "/plan/indicators/5b/")
    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar").click()
    expect(page.locator("h1")).to_have_text("Indicator 5b")
    expect(page.get_by_test_id("reference-sheet")).to_contain_text(
        "Mujeres uniformadas desplegadas en operaciones de paz de la ONU al cierre del año."
    )
    expect(page.get_by_test_id("framework-links")).to_contain_text("SDG 5.5.1")
    expect(page.get_by_test_id("framework-links")).to_contain_text(
        "Proportion of seats held by women"
    )
    step_screenshots("visitor", page)
    expect(page.get_by_role("link", name="Edit the reference sheet")).to_have_count(0)
