"""A focal point downloads the template, fills a copy offline, uploads it, reads the preview and
confirms."""

import datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from indicators.models import Plan
from reporting.models import Activity, IndicatorValue, ReportingYear
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def open_year(plan_loaded):
    return ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))


def test_template_upload_preview_confirm(page, open_year, tmp_path, step_screenshots):
    focal_point = PersonFactory(role="focal_point", agency="INMUJERES", first_name="Inés")
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(focal_point.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.goto(page.base_url + "/reporting/2023/INMUJERES/")
    page.get_by_role("link", name="Importar desde una hoja de cálculo").click()

    with page.expect_download() as download_info:
        page.get_by_test_id("template-link").click()
    path = tmp_path / "plantilla.xlsx"
    download_info.value.save_as(path)

    workbook = load_workbook(path)
    values = workbook["Indicadores"]
    row = next(r for r in values.iter_rows(min_row=2) if r[0].value == "2a")
    row[2].value, row[3].value = 256, 99
    sheet = workbook["Actividades"]
    sheet.append(
        [
            "INM-23-01",
            "Curso «Lenguaje no sexista»",
            "2.1",
            "2a",
            "",
            "2023-04-10",
            "2023-04-12",
            "En línea",
            "",
            "",
            1,
            28,
            13,
            None,
            "",
        ]
    )
    sheet.append(
        [
            "INM-23-02",
            "Conferencia «Roles y estereotipos de género»",
            "2.1",
            "2a",
            "",
            "2023-05-02",
            "2023-05-02",
            "Presencial",
            "Ciudad de México",
            "",
            1,
            230,
            86,
            None,
            "",
        ]
    )
    workbook.save(path)

    page.get_by_label("Hoja de cálculo (plantilla XLSX o CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Revisar el archivo").click()
    counts = page.get_by_test_id("import-counts")
    expect(counts).to_contain_text("2 nuevas, 0 modificadas, 13 sin cambios, 1 con error.")
    # The figure of 2a disagrees with the activities of the same file (258 women, not 256).
    expect(page.locator('tr[data-status="error"]')).to_contain_text("mujeres 258")
    step_screenshots("preview-with-error", page)
    assert not Activity.objects.exists()

    # Fix the file: the indicator's figure must agree with the activities (256 women, 99 men).
    workbook = load_workbook(path)
    workbook["Actividades"]["L3"] = 228
    workbook.save(path)
    page.goto(page.base_url + "/reporting/2023/INMUJERES/import/")
    page.get_by_label("Hoja de cálculo (plantilla XLSX o CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Revisar el archivo").click()
    expect(counts).to_contain_text("3 nuevas, 0 modificadas, 13 sin cambios, 0 con error.")
    step_screenshots("preview-ok", page)
    page.get_by_role("button", name="Confirmar y guardar estos cambios").click()
    expect(page.get_by_role("alert").first).to_contain_text("Importado: 3 nuevas")
    expect(page.get_by_test_id("values").locator('[data-indicator="2a"]')).to_contain_text(
        "355 personas (mujeres 256, hombres 99)"
    )
    assert Activity.objects.count() == 2
    assert IndicatorValue.objects.get(indicator__code="2a").total == 355
