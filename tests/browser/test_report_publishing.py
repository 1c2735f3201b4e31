"""The working group writes the report's texts, previews the report, publishes it (after the
confirmation), publishes a second version that supersedes the first, and withdraws it with a
reason; a visitor then reads the record."""

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from reports import jobs
from reports.models import PublishedReport, ReportJob
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def data_2022(plan_loaded):
    call_command("loaddata", "data_2022", verbosity=0)


def publish(page, year="2022", language="es"):
    """From the report page, through the confirmation, to the publication's page."""
    page.get_by_role("link", name="Volver a la página del informe").click()
    choice = page.get_by_test_id("publish-choice")
    choice.get_by_label("Año").select_option(year)
    choice.get_by_label("Idioma").select_option(language)
    choice.get_by_role("button", name="Continuar a la confirmación").click()
    expect(page.get_by_test_id("confirmation")).to_contain_text("Documento de Word (DOCX), PDF")
    return page.get_by_test_id("confirmation")


def test_preview_publish_supersede_and_withdraw(
    page, browser, data_2022, step_screenshots, monkeypatch
):
    # The journey, not the layouts (tests/reports/ open the files): publications are quick.
    monkeypatch.setattr(jobs, "render", lambda report, fmt: (fmt.encode(), f"test/{fmt}"))
    reviewer = PersonFactory(role="working_group", first_name="Gabriela", last_name="Luna")
    step_screenshots.pages.append(page)
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
    conclusions = page.get_by_test_id("conclusions-form")
    conclusions.get_by_label("Conclusiones (español)").fill("Se avanzó.\n\nFalta mucho.")
    conclusions.get_by_role("button", name="Ver cómo se leerá").click()
    preview = page.get_by_test_id("conclusions-preview")
    expect(preview.locator("p", has_text="Falta mucho.")).to_have_count(1)
    page.get_by_test_id("conclusions-form").get_by_role(
        "button", name="Guardar las conclusiones"
    ).click()
    expect(page.get_by_role("alert").first).to_contain_text("Conclusiones de 2022 guardadas.")
    step_screenshots("texts", page)

    # A preview: a job whose page offers the file, marked as a draft, never published.
    form = page.get_by_test_id("report-form")
    form.get_by_label("Año").select_option("2022")
    form.get_by_label("Idioma").select_option("es")
    form.get_by_label("Formato").select_option("docx")
    form.get_by_label("Datos").select_option("approved")
    form.get_by_role("button", name="Generar una vista previa").click(
        timeout=30_000
    )  # the preview is built in the request in tests
    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "done")
    with page.expect_download() as download_info:
        page.get_by_test_id("download").click()
    download = download_info.value
    assert download.suggested_filename == "informe-MX-PNA1325-2021-2022-es-borrador.docx"
    texts = [p.text for p in Document(download.path()).paragraphs]
    assert "El Grupo Interinstitucional presenta el informe de 2022." in texts
    assert not PublishedReport.objects.exists()
    step_screenshots("preview", page)

    confirmation = publish(page)
    expect(confirmation).to_contain_text("Versión 1, la primera de este informe.")
    step_screenshots("confirm-1", page)
    confirmation.get_by_role("button", name="Publicar la versión 1").click()
    expect(page.get_by_test_id("published")).to_have_text("La versión 1 está publicada.")

    confirmation = publish(page)
    expect(confirmation.get_by_test_id("supersedes")).to_contain_text(
        "Sustituye a la versión 1, publicada el"
    )
    expect(confirmation.get_by_test_id("supersedes")).to_contain_text("por Gabriela Luna")
    confirmation.get_by_role("button", name="Publicar la versión 2").click()
    expect(page.get_by_test_id("published")).to_have_text("La versión 2 está publicada.")
    assert ReportJob.objects.filter(kind="publication", status="done").count() == 2

    page.get_by_role("link", name="Informes publicados").last.click()
    versions = page.get_by_test_id("version")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_have_attribute("data-status", "published")
    expect(versions.nth(1)).to_have_attribute("data-status", "superseded")
    expect(versions.nth(0).locator("code")).to_have_count(3)  # a SHA-256 per format
    step_screenshots("published", page)

    versions.nth(0).get_by_role("link", name="Retirar…").click()
    page.get_by_label("Motivo del retiro").fill("Las cifras de la SSPC se contaron dos veces.")
    page.get_by_role("button", name="Retirar la versión 2").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "La versión 2 del informe de 2022 (Español) fue retirada."
    )
    expect(page.get_by_test_id("no-current")).to_be_visible()
    step_screenshots("withdrawn", page)

    # A visitor reads the record: the withdrawal and its reason, the superseded version.
    visitor = browser.new_context(locale="es-MX").new_page()
    step_screenshots.pages.append(visitor)
    visitor.goto(page.base_url + "/reports/published/")
    withdrawn = visitor.locator('[data-testid="version"][data-status="withdrawn"]')
    expect(withdrawn.get_by_test_id("withdrawal")).to_contain_text(
        "Las cifras de la SSPC se contaron dos veces."
    )
    expect(withdrawn.get_by_role("link", name="Descargar")).to_have_count(0)
    superseded = visitor.locator('[data-testid="version"][data-status="superseded"]')
    expect(superseded.get_by_role("link", name="Descargar")).to_have_count(3)
    expect(visitor.get_by_role("link", name="Retirar…")).to_have_count(0)
    visitor.context.close()
