"""The annual report's budget section, read in the DOCX (python-docx), the PDF (pdftotext) and
the data workbook: the table per goal, line of action and agency, the totals, the share of lines
with a budget and the note on spending over the approved amount with its explanation."""

import io
import re
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from indicators.models import Plan
from reporting.models import Submission
from reports.publishing import produce
from tests.budgets.conftest import budget_line, set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_budget(submission, other_submission):
    budget_line(
        submission,
        "4.1",
        programme_key="P-019",
        programmed="1500000",
        approved="1000000",
        spent="400000",
    )
    budget_line(
        submission,
        "4.2",
        source="cooperation",
        partner="ONU Mujeres",
        marker=1,
        approved="500000",
        spent="600000",
        overspend_note="Donativo adicional recibido en octubre.",
    )
    set_status(submission, Submission.Status.APPROVED)
    budget_line(other_submission, "5.1", approved="987654321")  # a draft: never in the report


def _docx(language):
    produced = produce(Plan.objects.get(), 2023, language, "docx")
    document = Document(io.BytesIO(produced.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    text = "\n".join(p.text for p in document.paragraphs)
    # Figures are glued to their unit with no-break spaces, for print.
    tables = [
        [[c.text.replace("\u00a0", " ") for c in row.cells] for row in t.rows]
        for t in document.tables
    ]
    return headings, text, tables


def test_budget_section_in_the_docx(approved_budget):
    headings, text, tables = _docx("es")
    text = text.replace("\u00a0", " ")  # figures are glued to their words for print
    assert "Presupuesto" in headings
    assert headings.index("Presupuesto") < headings.index("Conclusiones")
    assert "2 de 16 líneas de acción tienen presupuesto (12.5 %)." in text
    budget = next(t for t in tables if t[0][:3] == ["Objetivo", "Línea de acción", "Dependencia"])
    assert budget[1] == [
        "4", "4.1", "SEDENA", "Presupuesto propio", "P-019", "2",
        "$1,500,000.00 MXN", "$1,000,000.00 MXN", "$400,000.00 MXN",
    ]  # fmt: skip
    assert budget[2][3] == "Cooperación internacional: ONU Mujeres"
    assert budget[-1][0] == "Total" and budget[-1][-2:] == [
        "$1,500,000.00 MXN",
        "$1,000,000.00 MXN",
    ]
    assert "987,654,321" not in text + str(tables)
    assert (
        "Línea de acción 4.2, SEDENA: $600,000.00 MXN ejercidos frente a $500,000.00 MXN "
        "aprobados. Explicación: Donativo adicional recibido en octubre."
    ) in text


def test_budget_section_in_the_pdf(approved_budget, tmp_path):
    produced = produce(Plan.objects.get(), 2023, "en", "pdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(produced.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.replace("\u00a0", " ").split())
    assert "Budget by goal, line of action and agency, 2023" in flat
    assert "2 of 16 lines of action have a budget (12.5%)." in flat
    section = flat[flat.index("Budget by goal") : flat.index("Conclusions")]
    # Cells wrap inside their column: read the row's cells in order.
    assert re.search(r"4 4\.1 SEDENA Own P-019 2 \$1,500,000\.00 MXN \$1,000,000\.00 MXN", section)
    assert "International" in section and "ONU Mujeres" in section
    assert "Total $1,500,000.00 MXN $1,500,000.00 MXN $1,000,000.00 MXN" in section
    assert "Explanation: Donativo adicional recibido en octubre." in flat
    assert "987,654,321" not in flat


def test_budget_sheet_in_the_workbook(approved_budget):
    produced = produce(Plan.objects.get(), 2023, "en", "xlsx")
    workbook = load_workbook(io.BytesIO(produced.content))
    sheet = next(ws for ws in workbook.worksheets if ws.title.startswith("Budget"))
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Goal", "Line of action", "Agency"]
    assert rows[1][-3:] == [1500000, 1000000, 400000]


def test_a_year_without_budget_says_so(reporting_year):
    _headings, text, _tables = _docx("es")
    text = text.replace("\u00a0", " ")
    assert "Ninguna dependencia informó un presupuesto para 2023." in text
    assert "0 de 16 líneas de acción tienen presupuesto (0 %)." in text


def test_budget_section_in_the_html_preview(client, people, approved_budget, other_submission):
    client.force_login(people["working_group"])
    url = reverse("reports:preview", args=[2023])
    page = client.get(url, {"language": "es"}).content.decode().replace("\u00a0", " ")
    assert "Presupuesto por objetivo, línea de acción y dependencia, 2023" in page
    assert "Cooperación internacional: ONU Mujeres" in page
    assert "987,654,321" not in page
    # A draft with submitted data includes the submitted budget, as the rest of the report.
    set_status(other_submission, Submission.Status.SUBMITTED)
    draft = client.get(url, {"language": "es", "data": "submitted"}).content.decode()
    assert "$987,654,321.00" in draft.replace("\u00a0", " ")
