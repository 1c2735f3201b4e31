"""The working group writes the introduction and downloads the annual report from its page."""

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import PublishedReport
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def data_2022(plan_loaded):
    call_command("loaddata", "data_2022", verbosity=0)


def test_download_a_report_from_the_report_page(page, data_2022, step_screenshots):
    reviewer = PersonFactory(role="working_group", first_name="Gabriela", last_name="Luna")
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(reviewer.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()

    page.get_by_role("link", name="Informes", exact=True).click()
    expect(page.locator("h1")).to_have_text("Informe anual")
    page.get_by_label("Introducción (español)").fill(
        "El Grupo Interinstitucional presenta el informe de 2022."
    )
    page.get_by_role("button", name="Guardar la introducción").click()
    expect(page.get_by_role("alert").first).to_contain_text("Introducción de 2022 guardada.")
    step_screenshots("report-page", page)

    form = page.get_by_test_id("report-form")
    form.get_by_label("Año").select_option("2022")
    form.get_by_label("Idioma").select_option("es")
    form.get_by_label("Formato").select_option("docx")
    form.get_by_label("Tipo").select_option("final")
    with page.expect_download() as download_info:
        form.get_by_role("button", name="Generar y descargar").click()
    download = download_info.value
    assert download.suggested_filename == "informe-MX-PNA1325-2021-2022-es-final.docx"
    document = Document(download.path())
    texts = [p.text for p in document.paragraphs]
    assert "Informe anual 2022" in texts
    assert "El Grupo Interinstitucional presenta el informe de 2022." in texts

    form.get_by_label("Formato").select_option("pdf")
    form.get_by_label("Tipo").select_option("draft")
    with page.expect_download() as download_info:
        form.get_by_role("button", name="Generar y descargar").click()
    pdf = PdfReader(download_info.value.path())
    assert "Informe anual 2022" in pdf.pages[0].extract_text()

    # The final one is listed as published; the draft is not.
    page.reload()
    expect(page.get_by_test_id("published").locator("tbody tr")).to_have_count(1)
    assert PublishedReport.objects.count() == 1
    step_screenshots("published", page)
