"""The reference sheets and global frameworks as the annual report's annex, in DOCX, PDF, XLSX
and the preview's layout, and as the standalone "Fichas técnicas" DOCX: opened and read."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.formatters import render
from reports.generator import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_report(sheets, link):
    call_command("loaddata", "data_2022", verbosity=0)
    link("5b", "SDG", "5.5.1", note_es="Propuesta de prueba", proposed=True)

    def make(language):
        return build(sheets, 2022, language=language)

    return make


def docx_text(content):
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    cells = ["\t".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return "\n".join(texts + cells)


def test_docx_annex_lists_every_sheet_and_the_links(linked_report):
    text = docx_text(render(linked_report("es"), "docx")[0])
    assert "Anexo: fichas técnicas de los indicadores" in text
    for code in ("1a", "3.2", "5b", "8d", "10"):
        assert f"Indicador {code}" in text
    assert (
        "Cómo se mide\tNumerador: personal capacitado. Denominador: personal por desplegar." in text
    )
    assert (
        "Medios de verificación\tInforme anual sobre el desarrollo y cumplimiento del PNA-1325"
        in text
    )
    assert "Anexo: indicadores y marcos globales" in text
    assert "5b\tODS 5.5.1\tProportion of seats held by women" in text
    assert "Propuesta\tPropuesta de prueba" in text
    assert "S/2010/498" in text


def test_pdf_annex_in_english(linked_report):
    content = render(linked_report("en"), "pdf")[0]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Annex: indicator reference sheets" in text
    assert "Numerator: personnel trained. Denominator: personnel to be deployed." in text
    assert "Annex: indicators and global frameworks" in text
    assert "SDG 5.5.1" in text
    assert "unstats.un.org" in text.replace("\n", "")


def test_workbook_has_the_sheets_and_the_links(linked_report):
    workbook = load_workbook(io.BytesIO(render(linked_report("en"), "xlsx")[0]))
    assert "Reference sheets" in workbook.sheetnames
    assert "Global frameworks" in workbook.sheetnames
    rows = list(workbook["Global frameworks"].iter_rows(values_only=True))
    assert rows[1][:4] == ("5b", "SDG 5.5.1", rows[1][2], "Proposal")
    sheets = list(workbook["Reference sheets"].iter_rows(values_only=True))
    assert len(sheets) == 1 + 23


def test_an_empty_mapping_says_so(sheets):
    call_command("loaddata", "data_2022", verbosity=0)
    text = docx_text(render(build(sheets, 2022, language="en"), "docx")[0])
    assert "No indicator has been linked to a global framework yet." in text


def test_standalone_reference_sheets_docx(client, sheets, link, django_assert_max_num_queries):
    link("9", "SDG", "16.7.1")
    link("9", "SG-1325", "1")
    client.cookies["django_language"] = "es"
    with django_assert_max_num_queries(12):
        response = client.get(reverse("references:docx"))
    assert response.status_code == 200
    assert "fichas-tecnicas-MX-PNA1325-2021.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Fichas técnicas de los indicadores" in text
    assert "Indicador 9" in text and "ODS 16.7.1" in text
    # A title published in English only is printed as published; one not at hand says so.
    assert "Proportions of positions in national and local institutions" in text
    assert "título no disponible" in text


def test_html_preview_shows_the_annex(client, people, linked_report):
    client.force_login(people["working_group"])
    page = client.get(reverse("reports:preview", args=[2022]), {"language": "en"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Annex: indicator reference sheets" in text
    assert "Numerator: personnel trained. Denominator: personnel to be deployed." in text
    assert "SDG 5.5.1" in text


def test_english_annex_marks_texts_given_in_spanish_only(linked_report):
    from references.models import ReferenceSheet

    ReferenceSheet.objects.filter(indicator__code="4b").update(
        definition_es="Mujeres uniformadas capacitadas.", definition_en=""
    )
    text = docx_text(render(linked_report("en"), "docx")[0])
    assert "Definition\tMujeres uniformadas capacitadas. †" in text
    spanish = docx_text(render(linked_report("es"), "docx")[0])
    assert "Definición\tMujeres uniformadas capacitadas." in spanish
    assert "Mujeres uniformadas capacitadas. †" not in spanish
