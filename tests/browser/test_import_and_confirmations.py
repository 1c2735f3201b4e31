"""An import previewed with its figures, its valid rows imported and its rejected rows
downloaded; deleting asks in a dialog, and without JavaScript on a page of its own."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from indicators.models import Indicator, Plan
from reporting.models import Activity, IndicatorValue, ReportingYear
from tests.browser.test_review_cycle import sign_in
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def open_year(plan_loaded):
    return ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))


def activity_row(reference, title, women, men, total=None):
    return [
        reference,
        title,
        "2.1",
        "",
        "",
        "2023-04-10",
        "2023-04-12",
        "En línea",
        "",
        "",
        1,
        women,
        men,
        total,
        "",
    ]


def test_preview_with_figures_valid_rows_imported_rejected_downloaded(
    browser, live_server, open_year, tmp_path, step_screenshots
):
    submission = open_year.submissions.get(agency__code="INMUJERES")
    IndicatorValue.objects.create(
        submission=submission, indicator=Indicator.objects.get(code="1a"), total=3
    )
    page = sign_in(browser, live_server.url, PersonFactory(role="focal_point", agency="INMUJERES"))
    step_screenshots.pages.append(page)
    page.goto(live_server.url + "/reporting/2023/INMUJERES/import/")
    with page.expect_download() as download_info:
        page.get_by_test_id("template-link").click()
    path = tmp_path / "plantilla.xlsx"
    download_info.value.save_as(path)
    workbook = load_workbook(path)
    row = next(r for r in workbook["Indicadores"].iter_rows(min_row=2) if r[0].value == "1a")
    row[4].value = 5
    workbook["Actividades"].append(activity_row("INM-23-01", "Taller de liderazgo", 28, 13))
    workbook["Actividades"].append(activity_row("INM-23-02", "Taller mal sumado", 2, 3, 9))
    workbook.save(path)

    page.get_by_label("Hoja de cálculo (plantilla XLSX o CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Revisar el archivo").click()
    expect(page.get_by_test_id("import-counts")).to_contain_text("1 nuevas, 1 modificadas")
    expect(page.get_by_test_id("import-counts")).to_contain_text("1 con error")
    changed = page.locator('tr[data-reference="1a"]')
    expect(changed.locator("del")).to_have_text("3")
    expect(changed.locator("ins")).to_have_text("5")
    expect(page.locator('tr[data-reference="INM-23-01"]')).to_contain_text("Taller de liderazgo")
    expect(page.locator('tr[data-reference="INM-23-01"]')).to_contain_text("41")
    bad = page.locator('tr[data-reference="INM-23-02"]')
    expect(bad).to_contain_text("suman 5, no 9")
    step_screenshots("preview", page)

    with page.expect_download() as download_info:
        page.get_by_test_id("rejected-xlsx").click()
    rejected = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    rows = list(rejected["Actividades"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["INM-23-02"] and "suman 5, no 9" in rows[1][-1]

    page.get_by_role("button", name="Importar solo las 2 filas válidas").click()
    expect(page.get_by_role("alert").first).to_contain_text("Importado: 1 nuevas, 1 modificadas")
    expect(page.get_by_role("alert").nth(1)).to_contain_text("Se omitió una fila con error")
    step_screenshots("imported", page)
    assert list(Activity.objects.values_list("reference", flat=True)) == ["INM-23-01"]
    assert IndicatorValue.objects.get(indicator__code="1a").total == 5


def test_deleting_asks_in_a_dialog_and_without_javascript_on_a_page(
    browser, live_server, open_year, step_screenshots
):
    person = PersonFactory(role="focal_point", agency="SEDENA")
    submission = open_year.submissions.get(agency__code="SEDENA")
    indicator = Indicator.objects.get(code="4a")
    activity = Activity.objects.create(
        submission=submission,
        line=indicator.line,
        title="Curso de prueba",
        start_date="2023-03-01",
        end_date="2023-03-02",
    )
    page = sign_in(browser, live_server.url, person)
    step_screenshots.pages.append(page)
    url = f"{live_server.url}/reporting/2023/SEDENA/activities/{activity.pk}/"
    page.goto(url)
    page.get_by_role("button", name="Eliminar esta actividad").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_contain_text("¿Eliminar la actividad «Curso de prueba»?")
    step_screenshots("dialog", page)
    dialog.get_by_role("button", name="Cancelar").click()
    expect(dialog).to_be_hidden()
    assert Activity.objects.exists()

    # Without JavaScript the server asks on a page of its own.
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    plain = context.new_page()
    plain.goto(live_server.url + "/accounts/login/")
    plain.get_by_label("Nombre de usuario").fill(person.username)
    plain.get_by_label("Contraseña").fill(PASSWORD)
    plain.get_by_role("button", name="Iniciar sesión").click()
    plain.goto(url)
    plain.get_by_role("button", name="Eliminar esta actividad").click()
    expect(plain.get_by_test_id("confirm-page")).to_contain_text(
        "¿Eliminar la actividad «Curso de prueba»?"
    )
    assert Activity.objects.exists()
    plain.get_by_role("button", name="Sí, eliminarla").click()
    expect(plain.get_by_role("alert").first).to_contain_text("eliminada")
    assert not Activity.objects.exists()
    context.close()
