"""The 2022 report, built in every format and language and opened as a reader would: totals
that add up, states named, key figures from the data, one number style, English that is
English, and Word and PDF typography a ministry would sign."""

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from indicators.models import Plan
from reporting.models import Activity
from reports.formatters import render
from reports.generator import build
from reports.layout import TableBlock, layout, plain

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "en")


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


@pytest.fixture
def reports(data_2022):
    plan = Plan.objects.get()
    return {language: build(plan, 2022, language=language) for language in LANGUAGES}


def docx_texts(content):
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return document, texts, tables


def all_text(report, fmt):
    content, _type = render(report, fmt)
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if fmt == "docx":
        _doc, texts, tables = docx_texts(content)
        return "\n".join(texts + ["\t".join(row) for t in tables for row in t])
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        "\t".join(str(v) for v in row if v is not None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def number(text):
    return int(text.replace(",", "")) if re.fullmatch(r"[\d,]+", text or "") else None


def people_tables(report):
    for block in layout(report).blocks:
        if isinstance(block, TableBlock):
            headers = [str(c.header) for c in block.table.columns]
            women = {"es": "Mujeres", "en": "Women"}[report.language]
            if women in headers and "Total" in headers:
                yield headers, block.table


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_row_and_total_adds_up_or_says_total_only(reports, language):
    report = reports[language]
    only = {"es": "solo total", "en": "total only"}[language]
    women_header = {"es": "Mujeres", "en": "Women"}[language]
    men_header = {"es": "Hombres", "en": "Men"}[language]
    checked = 0
    for headers, table in people_tables(report):
        w, m, t = headers.index(women_header), headers.index(men_header), headers.index("Total")
        for row in [*table.rows, *([table.total] if table.total else [])]:
            cells = [plain(row[i]) for i in (w, m, t)]
            if cells[0] == only:
                assert cells[1] == only
                continue
            women, men, total = (number(c) for c in cells)
            if total is None:
                # Only what is known (women without a total), never a made-up sum.
                assert cells[2] == "—" and (women is None or men is None), cells
                continue
            assert women + men == total, (table.title, row)
            checked += 1
    assert checked > 40
    # Never "0 0 0" for a row whose split is unknown.
    assert "\t0\t0\t0" not in all_text(report, "docx")


def test_every_network_by_state_names_its_state(reports):
    report = reports["es"]
    mucpaz = Activity.objects.filter(reference__startswith="MUCPAZ")
    assert mucpaz.count() >= 37 and not mucpaz.filter(region__isnull=True).exists()
    line = next(
        ln for area in report.areas for goal in area.goals for ln in goal.lines if ln.code == "6.1"
    )
    by_state = [t for t in line.tables if t.sheet == "regions"]
    rows = [row for table in by_state for row in table.rows]
    assert len(rows) == mucpaz.count()
    assert all(row[0] for row in rows)
    # The strengthened networks' table, as the official report prints it: 102 municipalities,
    # 214 networks, 7,224 women.
    strengthened = next(t for t in by_state if "fortalecidas" in t.title)
    assert strengthened.total[1:4] == ["102", "214", "7,224"]


def test_key_figures_come_from_the_data(reports):
    report = reports["es"]
    line = next(
        ln for area in report.areas for goal in area.goals for ln in goal.lines if ln.code == "6.1"
    )
    figure = line.key_figures[0]
    women = sum(a.women for a in Activity.objects.filter(indicator__code="6a"))
    assert (figure.value, figure.label) == ("630", "redes")
    assert figure.detail == f"participaron {women:,} mujeres"
    # As the official report's box: 630 networks, 18,432 women (formed and strengthened).
    line_women = sum(
        a.women for a in Activity.objects.filter(line__goal__number=6, line__number=1) if a.women
    )
    assert line.key_figures[1].value == f"{line_women:,}" == "18,432"
    activities, participants, achieved = report.highlights
    assert activities.value == f"{Activity.objects.count():,}"
    assert achieved.label.startswith("indicador")


GROUPED_WITH_A_SPACE = re.compile(r"\b\d{1,3}[\u00a0\u202f ]\d{3}\b")
DECIMAL_COMMA = re.compile(r"\d,\d\s?%")
TWO_DECIMALS = re.compile(r"\d\.\d{2,}\s?%")


def printed_strings(report):
    """Every string the DOCX and the PDF print, but the agencies' own narratives (their words
    are quoted as they wrote them)."""
    from reports.layout import Paragraph, printed

    strings = []
    for block in layout(report).blocks:
        if isinstance(block, Paragraph):
            if block.label.endswith(":") and block.label[:-1].isupper():
                continue  # "SEDENA:": an agency's narrative
            strings.append(printed(block.text))
        elif isinstance(block, TableBlock):
            strings += [printed(c) for row in block.table.rows for c in row]
            strings += [printed(c) for c in block.table.total or []]
    return strings


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_number_style_and_correct_plurals(reports, language):
    report = reports[language]
    strings = printed_strings(report)
    for text in strings:
        # Thousands grouped with a comma only (1,241), never a space (1 241).
        assert not GROUPED_WITH_A_SPACE.search(text), text
        # Decimals with a point, and a percentage with at most one decimal.
        assert not DECIMAL_COMMA.search(text) and not TWO_DECIMALS.search(text), text
    joined = "\n".join(strings)
    assert "20,140" in joined
    assert re.search(r"39\.1\u00a0%" if language == "es" else r"39\.1%", joined)
    for fmt in ("docx", "pdf"):
        text = all_text(report, fmt)
        assert not re.search(r"\(1 (actividades|activities)\)", text)
        assert not re.search(r"\b1[\u00a0 ](cursos|courses|redes|networks)\b", text)
        assert "20,140" in text
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")[0]))
    activities = workbook.worksheets[2]
    totals = [row[14] for row in activities.iter_rows(min_row=2, values_only=True)]
    assert 20140 in totals  # a number in the data workbook, not text


def test_the_english_report_is_in_english_and_marks_what_is_not(data_2022):
    activity = Activity.objects.filter(line__goal__number=2, line__number=1).first()
    activity.title_en = ""
    activity.save()
    report = build(Plan.objects.get(), 2022, language="en")
    text = all_text(report, "docx")
    for spanish in ("Objetivo", "Línea de acción", "Cumplida", "Actividades", "Introducción"):
        assert spanish not in text, spanish
    assert f"{activity.title} †" in text
    assert "1\u00a0text is given in Spanish only, marked †." in text
    assert report.annex.untranslated == 1


def test_word_typography(reports):
    content, _type = render(reports["es"], "docx")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    tables = [t for t in re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S) if "tblHeader" in t]
    assert len(tables) > 20
    for table in tables:
        widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
        if len(widths) > 2:
            assert len(set(widths)) > 1, widths  # fitted, not equal columns
        rows = table.count("<w:tr>")
        assert table.count("<w:cantSplit/>") == rows  # no row splits across pages
        assert table.count("<w:tblHeader/>") == 1  # the header row, repeated on each page
    assert '<w:jc w:val="right"/>' in xml  # numbers aligned right
    assert 'w:val="es-MX"' in styles  # the document's language
    assert "<w:titlePg/>" in xml  # the cover has no running header
    document = Document(io.BytesIO(content))
    footer = document.sections[-1].footer.paragraphs[0]._p.xml
    assert "NUMPAGES" in footer and "PAGE" in footer and "Página" in footer
    names = {style.name for style in document.styles}
    assert {"Lead", "Note", "Key figure", "Report table"} <= names  # restyled in Word


def test_no_figure_breaks_across_lines_in_the_pdf(reports):
    content, _type = render(reports["es"], "pdf")
    reader = PdfReader(io.BytesIO(content))
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    for before, after in zip(lines, lines[1:], strict=False):
        assert not after.lstrip().startswith("%"), (before, after)
        assert not re.search(r"\(\d[\d,.]*$", before), (before, after)
    assert len(reader.pages) > 15
    first = reader.pages[0].extract_text()
    assert "Informe anual 2022" in first and "Página" not in first  # no footer on the cover


@pytest.mark.parametrize(
    "who, status",
    [(None, 302), ("observer", 403), ("focal_point", 403), ("administrator", 403)],
)
def test_only_the_working_group_previews(client, people, data_2022, who, status):
    if who:
        client.force_login(people[who])
    assert client.get("/reports/preview/2022/").status_code == status


def test_the_preview_shows_the_same_layout(client, people, data_2022):
    client.force_login(people["working_group"])
    response = client.get("/reports/preview/2022/", {"language": "en"})
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    page = response.context["page"]
    headings = [b.text for b in page.blocks if b.kind == "heading"]
    for heading in ("The year in figures", "I. Prevention", "Line of action 6.1", "Conclusions"):
        assert heading in headings and f">{heading}<" in html
    assert "DRAFT — preview, not published" in html
    assert client.get("/reports/preview/2019/").status_code == 404
    assert client.get("/reports/preview/2022/", {"language": "fr"}).status_code == 404
