"""The working group loads another plan from a spreadsheet, with no code: it downloads the
template, fills it, meets a row error in the preview, fixes the file and confirms; it opens a
year of the new plan; the new plan's focal point reports; the working group approves and the
dashboards show it; Mexico's plan pages are as they were."""

import pytest
from playwright.sync_api import expect

from indicators.models import Plan
from reporting.models import IndicatorValue
from tests.browser.test_review_cycle import sign_in
from tests.factories import PersonFactory
from tests.indicators.plan_files import SMALL_PLAN, filled_plan_workbook
from tests.plans_world import OTHER

# The small plan with a mistake a working group could make.
BROKEN = {key: [dict(row) for row in rows] for key, rows in SMALL_PLAN.items()}
BROKEN["targets"][1]["value"] = "doscientos"


@pytest.mark.django_db(transaction=True)
def test_the_working_group_loads_a_plan_and_it_is_used(
    browser, live_server, plan_loaded, tmp_path, step_screenshots
):
    reviewer = PersonFactory(role="working_group", first_name="Gabriela", last_name="Luna")
    base = live_server.url
    group = sign_in(browser, base, reviewer)
    step_screenshots.pages.append(group)
    group.goto(base + "/plan/")
    mexico_plan_page = group.locator("main").inner_text()

    # The template, from the plans page.
    group.goto(base + "/plans/")
    group.get_by_test_id("plan-import-link").click()
    with group.expect_download() as download:
        group.get_by_test_id("template-link").click()
    assert download.value.suggested_filename == "plantilla-plan.xlsx"
    template = download.value.path().read_bytes()
    path = tmp_path / "plan.xlsx"
    path.write_bytes(filled_plan_workbook(BROKEN, template=template))

    # A row in error: nothing can be confirmed.
    group.get_by_label("El libro del plan (XLSX)").set_input_files(str(path))
    group.get_by_role("button", name="Revisar el archivo").click()
    expect(group.get_by_test_id("import-counts")).to_contain_text("1 con error")
    error_row = group.get_by_test_id("import-errors")
    expect(error_row).to_contain_text("“doscientos” no es un número.")
    expect(error_row).to_contain_text("Metas, fila 3 (1.2)")
    expect(group.get_by_role("button", name="Confirmar y cargar este plan")).to_have_count(0)
    step_screenshots("row-error", group)
    assert not Plan.objects.filter(code=OTHER).exists()

    # Fixed and uploaded again: confirmed.
    path.write_bytes(filled_plan_workbook(SMALL_PLAN, template=template))
    group.get_by_role("link", name="Cargar un plan nuevo").click()
    group.get_by_label("El libro del plan (XLSX)").set_input_files(str(path))
    group.get_by_role("button", name="Revisar el archivo").click()
    expect(group.get_by_test_id("import-counts")).to_contain_text("16 nuevas")
    step_screenshots("preview", group)
    group.get_by_role("button", name="Confirmar y cargar este plan").click()
    expect(group.get_by_role("alert").first).to_contain_text(f"Se importó el plan {OTHER}")
    row = group.locator(f'tr[data-plan="{OTHER}"]')
    expect(row).to_contain_text("2025–2027")

    # Its pages, and a year opened for it.
    row.get_by_role("link", name="PNA Xylandia").click()
    expect(group.locator("h1")).to_have_text("Plan Nacional de Acción de Xylandia")
    group.goto(base + f"/plans/{OTHER}/reporting/")
    group.get_by_label("Año").fill("2025")
    group.get_by_label("Fecha límite").fill("2026-03-31")
    group.get_by_role("button", name="Abrir el año").click()
    expect(group.locator('[data-agency="MOD-1"]')).to_be_visible()
    expect(group.locator('[data-agency="SEDENA"]')).to_be_visible()
    step_screenshots("year-opened", group)

    # The new plan's focal point reports and submits.
    focal_point = PersonFactory(role="focal_point", agency="MOD-1", first_name="Marta")
    focal = sign_in(browser, base, focal_point)
    step_screenshots.pages.append(focal)
    focal.goto(base + f"/plans/{OTHER}/reporting/2025/MOD-1/")
    focal.get_by_role("link", name="Capturar o corregir las cifras").click()
    trained = focal.locator('[data-indicator="1a"]')
    trained.get_by_label("Mujeres").fill("320")
    trained.get_by_label("Hombres").fill("150")
    trained.get_by_label("Total").fill("470")
    deployed = focal.locator('[data-indicator="1b"]')
    deployed.get_by_label("Mujeres").fill("12")
    deployed.get_by_label("Hombres").fill("30")
    deployed.get_by_label("Total").fill("42")
    focal.get_by_role("button", name="Guardar como borrador").click()
    expect(focal.get_by_role("alert").first).to_contain_text("Guardado como borrador.")
    focal.get_by_role("link", name="Volver al informe").click()
    focal.get_by_role("button", name="Enviar").click()
    focal.locator("#confirm-dialog").get_by_role("button", name="Sí, enviar").click()
    expect(focal.get_by_test_id("status")).to_have_text("Enviado")

    # The working group approves; the dashboards show it against the targets.
    group.goto(base + f"/plans/{OTHER}/reporting/2025/MOD-1/")
    group.get_by_role("button", name="Aprobar").click()
    group.locator("#confirm-dialog").get_by_role("button", name="Sí, aprobar").click()
    expect(group.get_by_test_id("status")).to_have_text("Aprobado")
    group.goto(base + f"/plans/{OTHER}/dashboards/goals/1/")
    expect(group.locator("main")).to_contain_text("320")
    expect(group.locator("main")).to_contain_text("200")
    step_screenshots("dashboard", group)
    assert (
        IndicatorValue.objects.get(
            submission__agency__code="MOD-1", indicator__code="1a", indicator__plan__code=OTHER
        ).women
        == 320
    )

    # Mexico's plan is as it was, at its short addresses.
    group.goto(base + "/plan/")
    assert group.locator("main").inner_text() == mexico_plan_page
    group.goto(base + "/dashboards/")
    expect(group.locator("main")).not_to_contain_text("Xylandia")
