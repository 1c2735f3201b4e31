"""The report's layout as a Word document (python-docx), built to be signed as it is and restyled
in Word if the working group wishes: named styles for everything (headings, "Lead", "Note",
"Key figure", the "Report table" table style), the document's language set, no header on the
cover, "Page X of Y" in the footer; tables with widths fitted to their content, numbers aligned
right, header rows repeated and rows that never split across pages.

Table rows are written as WordprocessingML directly (one parse per table): going through
python-docx's cell objects takes seconds for a year with thousands of activities."""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from .layout import (
    Bullets,
    ChartBlock,
    Cover,
    Heading,
    KeyFigures,
    PageBreak,
    Paragraph,
    TableBlock,
    fitted_widths,
    printed,
)

PURPLE = RGBColor(0x4B, 0x2C, 0x83)
RED = RGBColor(0xB0, 0x2A, 0x37)
GREY = RGBColor(0x59, 0x59, 0x59)
LANGUAGES = {"es": "es-MX", "en": "en-US"}
TEXT_WIDTH_TWIPS = int(16.6 / 2.54 * 1440)  # A4 less 2.2 cm margins


def _language(document, language):
    """The language of every run (spelling, hyphenation, screen readers): set on the styles."""
    tag = LANGUAGES.get(language, language)
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        rpr = style.element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
    document.core_properties.language = tag


def _styles(document):
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        styles[name].font.color.rgb = PURPLE
    for name, size, color, italic in (
        ("Lead", 10, GREY, False),
        ("Note", 8.5, GREY, True),
        ("Key figure", 16, PURPLE, False),
        ("Key figure label", 8.5, None, False),
        ("Table text", 8, None, False),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.italic = italic
        if color is not None:
            style.font.color.rgb = color
        style.paragraph_format.space_after = Pt(2 if name.startswith(("Key", "Table")) else 6)
    styles["Key figure"].font.bold = True
    table_style = styles.add_style("Report table", WD_STYLE_TYPE.TABLE)
    table_style.base_style = styles["Table Grid"]


def _field(paragraph, instruction):
    """A field Word computes when it lays the document out (PAGE, NUMPAGES)."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _page_setup(document, page):
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.different_first_page_header_footer = True  # the cover has no header
    header = section.header.paragraphs[0]
    header.text = page.running_header
    header.style.font.size = Pt(8)
    if page.notice:
        run = header.add_run(f" · {page.notice}")
        run.bold = True
        run.font.color.rgb = RED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _sep, rest = _("Page {page} of {pages}").partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)


def _cover(document, cover):
    document.add_paragraph(cover.kicker, style="Subtitle")
    document.add_paragraph(cover.title, style="Title")
    document.add_paragraph(cover.subtitle, style="Lead")
    for line in cover.lines:
        document.add_paragraph(line, style="Note")
    if cover.notice:
        run = document.add_paragraph().add_run(cover.notice)
        run.bold = True
        run.font.color.rgb = RED
    document.add_paragraph(_("Institutions"), style="Heading 4")
    for agency in cover.agencies:
        document.add_paragraph(agency, style="List Bullet")
    document.add_paragraph(cover.generated, style="Note")


def _paragraph(document, block):
    style = {"lead": "Lead", "note": "Note"}.get(block.style, "Normal")
    paragraph = document.add_paragraph(style=style)
    if block.label:
        paragraph.add_run(f"{block.label} ").bold = True
    paragraph.add_run(printed(block.text))


def _key_figures(document, figures):
    table = document.add_table(rows=1, cols=len(figures))
    table.style = "Report table"
    for cell, figure in zip(table.rows[0].cells, figures, strict=True):
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F1EDF8"/>')
        )
        cell.paragraphs[0].style = "Key figure"
        cell.paragraphs[0].text = figure.value
        cell.add_paragraph(figure.label, style="Key figure label")
        if figure.detail:
            cell.add_paragraph(figure.detail, style="Note")
    document.add_paragraph()


def _cell_xml(text, width, right, bold=False, header=False):
    justify = '<w:jc w:val="right"/>' if right else ""
    run_props = "<w:b/>" if bold else ""
    if header:
        run_props = '<w:b/><w:color w:val="FFFFFF"/>'
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="4B2C83"/>' if header else ""
    if bold and not header:
        shade = '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>'
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="Tabletext"/>{justify}</w:pPr>'
        f"<w:r><w:rPr>{run_props}</w:rPr>"
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
    )


def _row_xml(cells, widths, numeric, bold=False, header=False):
    # cantSplit: a row never breaks across two pages; tblHeader: repeated on each page.
    properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return (
        f"<w:tr><w:trPr>{properties}</w:trPr>"
        + "".join(
            _cell_xml(printed(cell), width, right and not header, bold, header)
            for cell, width, right in zip(cells, widths, numeric, strict=True)
        )
        + "</w:tr>"
    )


def _table(document, block):
    table = block.table
    if table.title:
        document.add_paragraph(table.title, style=f"Heading {min(block.level, 4)}")
    widths = [int(w * TEXT_WIDTH_TWIPS) for w in fitted_widths(table)]
    numeric = [c.numeric for c in table.columns]
    rows = [_row_xml([str(c.header) for c in table.columns], widths, numeric, header=True)]
    rows += [_row_xml(row, widths, numeric) for row in table.rows]
    if table.total:
        rows.append(_row_xml(table.total, widths, numeric, bold=True))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblStyle w:val="Reporttable"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLayout w:type="fixed"/>'
        # Narrow cell margins: Word's default (0.19 cm a side) would eat the number columns.
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar>"
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    # Before the body's last section properties, where python-docx adds its own blocks.
    document.element.body.sectPr.addprevious(parse_xml(xml))
    if table.note:
        document.add_paragraph(table.note, style="Note")
    else:
        document.add_paragraph()


def to_docx(page):
    """DOCX bytes of a report's layout (`layout.layout(report)`)."""
    document = Document()
    document.core_properties.title = page.title
    _styles(document)
    _page_setup(document, page)
    for block in page.blocks:
        if isinstance(block, Cover):
            _cover(document, block)
        elif isinstance(block, PageBreak):
            # After the cover: a section whose first page has the running header.
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.different_first_page_header_footer = False
        elif isinstance(block, Heading):
            document.add_paragraph(block.text, style=f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(printed(item), style="List Bullet")
        elif isinstance(block, KeyFigures):
            _key_figures(document, block.figures)
        elif isinstance(block, TableBlock):
            _table(document, block)
        elif isinstance(block, ChartBlock):
            document.add_picture(io.BytesIO(block.chart.png), width=Cm(15))
            document.add_paragraph(block.chart.title, style="Caption")
            document.add_paragraph(block.chart.description, style="Note")
    _language(document, page.language)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
