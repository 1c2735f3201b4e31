"""The annual report of 2022, generated from the real data in every format and language, and
opened to check what a reader would check."""

import datetime
import hashlib
import io
import re
from pathlib import Path

import pypdfium2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Agency
from indicators.models import Indicator, Plan
from reporting.models import Activity, IndicatorValue, ReportingYear, Submission
from reports import jobs
from reports.generator import build
from reports.models import PublishedReport, ReportJob
from reports.publishing import data_state, produce

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


def docx_text(content):
    document = Document(io.BytesIO(content))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return document, headings, tables


def table_with(tables, first_header, columns=5):
    return next(t for t in tables if t[0][0] == first_header and len(t[0]) == columns)


@pytest.mark.parametrize(
    "language, headings, summary_header, achieved",
    [
        (
            "es",
            [
                "Introducción",
                "El año en cifras",
                "I. Prevención",
                "Objetivo 6",
                "Línea de acción 6.1",
                "Conclusiones",
                "Anexo: fuentes, integridad y reglas",
            ],
            "Indicador",
            "Cumplida",
        ),
        (
            "en",
            [
                "Introduction",
                "The year in figures",
                "I. Prevention",
                "Goal 6",
                "Line of action 6.1",
                "Conclusions",
                "Annex: sources, completeness and rules",
            ],
            "Indicator",
            "Achieved",
        ),
    ],
)
def test_docx(data_2022, language, headings, summary_header, achieved):
    produced = produce(Plan.objects.get(), 2022, language, "docx", final=True, preview=False)
    document, found, tables = docx_text(produced.content)
    texts = [text for _style, text in found]
    for heading in headings:
        assert heading in texts, texts
    assert ("Heading 1", headings[2]) in found and ("Heading 3", headings[4]) in found
    summary = table_with(tables, summary_header)
    rows = {row[0]: row for row in summary[1:]}
    networks_word = {"Cumplida": "redes", "Achieved": "networks"}[achieved]
    assert rows["6a"][2] == f"630\u00a0{networks_word}" and rows["6a"][4] == achieved
    # One course: the plan's unit is a plural, so it is written as a label, never "1 cursos".
    assert rows["4a"][2] == {"Cumplida": "Cursos: 1", "Achieved": "Courses: 1"}[achieved]
    assert rows["5b"][4] == achieved
    # Line 6.1's networks are listed by state, with their total: every network counted.
    networks = Activity.objects.filter(
        submission__reporting_year__year=2022, indicator__code="6a", region__isnull=False
    )
    by_state = next(t for t in tables if t[-1][0] == "Total" and len(t) == networks.count() + 2)
    assert by_state[-1][2] == f"{sum(a.quantity for a in networks):,}"
    assert by_state[-1][3] == f"{sum(a.women for a in networks):,}"
    header = document.sections[-1].header.paragraphs[0].text
    assert "2022" in header and "BORRADOR" not in header


def test_pdf(data_2022):
    produced = produce(Plan.objects.get(), 2022, "es", "pdf", final=True)
    reader = PdfReader(io.BytesIO(produced.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 10
    assert (
        "Informe anual 2022" in pages[0]
        and "Secretaría de la Defensa Nacional (SEDENA)" in pages[0]
    )
    text = "\n".join(pages)
    for heading in (
        "I. Prevención",
        "IV. Socorro y recuperación",
        "Resumen de los indicadores",
        "Anexo: fuentes, integridad y reglas",
    ):
        assert heading in text
    assert "Redes: 630 en 2022 frente a una meta de 50 al año: meta cumplida." in re.sub(
        r"\s+", " ", text
    )
    for number, page in enumerate(pages[1:], start=2):
        assert "PNA-1325 · Informe anual 2022" in page, number  # running header
        assert f"Página {number} de {len(pages)}" in page  # page numbers
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 portrait


def test_pdf_first_pages_look_like_a_report(data_2022):
    """Rendered to PNG (kept in tests/artifacts/ to look at): a cover with the plan's colour band
    and white space, then text pages with margins, not a web page."""
    produced = produce(Plan.objects.get(), 2022, "es", "pdf", final=True)
    pdf = pypdfium2.PdfDocument(produced.content)
    ARTIFACTS.mkdir(exist_ok=True)
    images = []
    for index in range(3):
        image = pdf[index].render(scale=1).to_pil().convert("RGB")
        image.save(ARTIFACTS / f"annual-report-2022-page-{index + 1}.png")
        images.append(image)
    cover = images[0]
    assert cover.getpixel((cover.width // 2, 60)) == (75, 44, 131)  # the band, #4b2c83
    assert cover.getpixel((cover.width // 2, cover.height - 60)) == (255, 255, 255)
    for page in images[1:]:
        left_margin = page.crop((0, 100, 40, page.height - 100))
        assert left_margin.getcolors(1) == [
            (left_margin.width * left_margin.height, (255, 255, 255))
        ]


def test_xlsx(data_2022):
    produced = produce(Plan.objects.get(), 2022, "es", "xlsx", final=True)
    workbook = load_workbook(io.BytesIO(produced.content))
    # The sheets follow the report's layout (goal 1's contributions come before the first
    # activities), then every year of each indicator, then civil society's published assessments
    # (none here: the sheet has its headers only).
    assert workbook.sheetnames == [
        "Resumen",
        "Contribuciones",
        "Actividades",
        "Por región",
        "Fuentes",
        "Faltantes",
        "Indicadores por año",
        "Sociedad civil",
        "Fichas técnicas",
        "Marcos globales",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    indicators = workbook["Indicadores por año"]
    row_6a = next(
        r for r in indicators.iter_rows(values_only=True) if r[0] == "6a" and r[1] == 2022
    )
    assert row_6a[3] == 630 and row_6a[4] == "630 redes" and row_6a[5] == "Cumplida"
    activities = workbook["Actividades"]
    assert (
        activities.max_row - 1
        == Activity.objects.filter(submission__reporting_year__year=2022).count()
    )
    header = [c.value for c in activities[1]]
    total = header.index("Total") + 1
    assert activities.cell(row=2, column=total).number_format == "#,##0"
    assert activities.cell(row=2, column=header.index("Del") + 1).number_format == "yyyy-mm-dd"
    regions = [r for r in workbook["Por región"].iter_rows(min_row=2, values_only=True)]
    tlaxcala = [r for r in regions if r[2] == "Tlaxcala"]
    # Networks formed (129) and strengthened (80) in Tlaxcala, each in its own table.
    assert sorted(r[4] for r in tlaxcala) == [80, 129]


def test_unapproved_figures_never_reach_a_final_report(data_2022):
    year = ReportingYear.objects.create(
        plan=Plan.objects.get(), year=2023, deadline=datetime.date(2024, 3, 31)
    )
    submission = Submission.objects.create(
        reporting_year=year, agency=Agency.objects.get(code="SSPC"), status="submitted"
    )
    IndicatorValue.objects.create(
        submission=submission, indicator=Indicator.objects.get(code="6a"), total=987654
    )
    Activity.objects.create(
        submission=submission,
        line=Indicator.objects.get(code="6a").line,
        title="Actividad sin aprobar 555",
        start_date="2023-05-01",
        end_date="2023-05-01",
    )
    for fmt in ("docx", "pdf", "xlsx"):
        final = produce(Plan.objects.get(), 2023, "es", fmt, final=True).content
        draft = produce(Plan.objects.get(), 2023, "es", fmt, final=False).content
        assert "987" not in _all_text(fmt, final).replace(" ", ""), fmt
        assert "987,654" in _all_text(fmt, draft).replace(" ", ""), fmt
        assert "Actividad sin aprobar 555" not in _all_text(fmt, final)
    draft_pdf = PdfReader(
        io.BytesIO(produce(Plan.objects.get(), 2023, "es", "pdf", final=False).content)
    )
    for page in draft_pdf.pages[1:]:
        assert "BORRADOR — incluye datos aún sin aprobar" in page.extract_text()
    draft_docx = Document(
        io.BytesIO(produce(Plan.objects.get(), 2023, "es", "docx", final=False).content)
    )
    assert "BORRADOR" in draft_docx.sections[0].header.paragraphs[0].text
    draft_xlsx = load_workbook(
        io.BytesIO(produce(Plan.objects.get(), 2023, "es", "xlsx", final=False).content)
    )
    assert all("BORRADOR" in sheet.oddHeader.center.text for sheet in draft_xlsx.worksheets)
    assert not PublishedReport.objects.exists()  # generating publishes nothing


def _all_text(fmt, content):
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if fmt == "docx":
        document = Document(io.BytesIO(content))
        parts = [p.text for p in document.paragraphs]
        parts += [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ]
        return "\n".join(parts)
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_a_published_report_is_kept_unchanged_after_corrections(
    data_2022, client, people, monkeypatch
):
    real = jobs.render
    # The real DOCX and XLSX; a PDF stands in (its layout is the slowest, and its bytes are
    # kept no differently).
    monkeypatch.setattr(
        jobs,
        "render",
        lambda report, fmt: (
            (b"%PDF-1.7 2022", "application/pdf") if fmt == "pdf" else real(report, fmt)
        ),
    )
    plan = Plan.objects.get()
    state = data_state(plan, 2022).fingerprint
    first = jobs.publication(plan, 2022, "es", 1, state, people["working_group"], now=True)
    kept = {f.format: f for f in first.published.files.all()}
    originals = {fmt: client.get(f"/reports/published/{f.pk}/").content for fmt, f in kept.items()}
    assert set(originals) == {"docx", "pdf", "xlsx"}
    # A later correction: the working group reopens SSPC's 2022 data and it changes.
    value = IndicatorValue.objects.get(
        submission__agency__code="SSPC", submission__reporting_year__year=2022, indicator__code="6a"
    )
    value.total = 441
    value.save()
    # The second version's layouts do not matter here: its data does.
    monkeypatch.setattr(jobs, "render", lambda report, fmt: (fmt.encode(), "text/plain"))
    second = jobs.publication(plan, 2022, "es", 2, state, people["working_group"], now=True)
    six_a = next(i for i in second.published.data["indicators"] if i["code"] == "6a")
    assert six_a["value"] == "629 redes"  # 441 + 188
    for fmt, published in kept.items():
        response = client.get(f"/reports/published/{published.pk}/")
        assert response.status_code == 200 and response.content == originals[fmt]
        assert published.sha256 == hashlib.sha256(originals[fmt]).hexdigest()
    assert "630 redes" in _all_text("xlsx", originals["xlsx"])
    version = PublishedReport.objects.get(pk=first.published.pk)
    assert version.status == PublishedReport.Status.SUPERSEDED
    six_a = next(i for i in version.data["indicators"] if i["code"] == "6a")
    assert six_a["value"] == "630 redes"


def test_generation_runs_a_fixed_number_of_queries(data_2022):
    with CaptureQueriesContext(connection) as small:
        build(Plan.objects.get(), 2022)
    submission = Submission.objects.get(reporting_year__year=2022, agency__code="SEDENA")
    template = Activity.objects.filter(submission=submission).first()
    Activity.objects.bulk_create(
        [
            Activity(
                submission=submission,
                line=template.line,
                reference=f"C-{n}",
                title=f"Curso {n}",
                start_date=template.start_date,
                end_date=template.end_date,
                women=1,
                men=1,
                total=2,
            )
            for n in range(1500)
        ]
    )
    with CaptureQueriesContext(connection) as large:
        report = build(Plan.objects.get(), 2022)
    assert len(large) == len(small) <= 40
    # Every activity is listed: no cap per line of action.
    line = next(
        section
        for area in report.areas
        for goal in area.goals
        for section in goal.lines
        if section.code == template.line.code
    )
    listed = sum(len(t.rows) for t in line.tables)
    assert listed == Activity.objects.filter(line=template.line).count()


def test_command_line(data_2022, tmp_path):
    output = tmp_path / "informe.docx"
    call_command(
        "annual_report", "2022", "--lang", "en", "--format", "docx", "--output", str(output)
    )
    _document, headings, _tables = docx_text(output.read_bytes())
    assert ("Title", "Annual report 2022") in headings
    # Without --publish, a preview: nothing is published or queued.
    assert not PublishedReport.objects.exists() and not ReportJob.objects.exists()
    with pytest.raises(CommandError, match="2021"):
        call_command(
            "annual_report", "2019", "--format", "pdf", "--output", str(tmp_path / "x.pdf")
        )
    with pytest.raises(CommandError):
        call_command(
            "annual_report", "2023", "--format", "pdf", "--output", str(tmp_path / "x.pdf")
        )
