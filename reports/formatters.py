"""Formatters: the same AnnualReport laid out as DOCX, PDF and XLSX. They only lay out; every
figure, status and sentence comes from the generator."""

import io
import logging

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core import formatting, spreadsheets

from .models import Format

TABLE_STYLE = "Light Grid Accent 1"
PURPLE = RGBColor(0x4B, 0x2C, 0x83)


def _number(value):
    return formatting.number(value)


def _date(value):
    return value.strftime("%Y-%m-%d") if value else "—"


# -- DOCX -----------------------------------------------------------------------------------


def _page_number_field(paragraph):
    """A PAGE field: Word computes the number when it lays the document out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, headers, rows, widths=None, totals=None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(header)
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    if totals is not None:
        cells = table.add_row().cells
        for cell, value in zip(cells, totals, strict=True):
            cell.text = "" if value is None else str(value)
            for run in cell.paragraphs[0].runs:
                run.bold = True
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def to_docx(report):
    document = Document()
    core = document.core_properties
    core.title = f"{report.plan.short_name} — {report.title}"
    core.language = report.language
    core.subject = report.plan.name
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.color.rgb = PURPLE

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    header = section.header.paragraphs[0]
    header.text = f"{report.plan.short_name} · {report.title}"
    if report.draft_notice:
        run = header.add_run(f" · {report.draft_notice}")
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Page") + " ")
    _page_number_field(footer)

    # Cover
    document.add_paragraph(report.plan.short_name, style="Subtitle")
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.plan.name)
    document.add_paragraph(report.plan_version)
    if report.draft_notice:
        notice = document.add_paragraph()
        run = notice.add_run(report.draft_notice)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
    document.add_paragraph(_("Institutions:"))
    for agency in report.agencies:
        document.add_paragraph(f"{agency.name} ({agency.code})", style="List Bullet")
    document.add_paragraph(
        _("Generated on %(date)s from the data approved in the monitoring system.")
        % {"date": report.generated_at.strftime("%Y-%m-%d %H:%M")}
        if report.final
        else _("Generated on %(date)s; includes data submitted but not yet approved.")
        % {"date": report.generated_at.strftime("%Y-%m-%d %H:%M")}
    )
    document.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)

    document.add_heading(_("Introduction"), level=1)
    for paragraph in (
        report.introduction or _("The working group has not written the introduction yet.")
    ).split("\n\n"):
        document.add_paragraph(paragraph.strip())

    for area, goals in report.areas:
        document.add_heading(f"{area.roman}. {area.name}", level=1)
        for section_ in goals:
            goal = section_.goal
            document.add_heading(_("Goal %(number)s") % {"number": goal.number}, level=2)
            document.add_paragraph(goal.text)
            status = document.add_paragraph()
            status.add_run(_("Status:") + " ").bold = True
            status.add_run(
                f"{section_.status_label} ("
                + ", ".join(f"{count} {label.lower()}" for label, count in section_.tally)
                + ")"
            )
            for line in section_.lines:
                document.add_heading(
                    _("Line of action %(code)s") % {"code": line.line.code}, level=3
                )
                document.add_paragraph().add_run(line.line.text).italic = True
                for agency, text in line.narratives:
                    paragraph = document.add_paragraph()
                    paragraph.add_run(f"{agency}: ").bold = True
                    paragraph.add_run(text)
                if line.activities:
                    headers = [_("Activity"), _("Institution"), _("Women"), _("Men"), _("Total")]
                    rows = [
                        [a.title, a.agency, _number(a.women), _number(a.men), _number(a.total)]
                        for a in line.activities
                    ]
                    totals = [
                        ngettext(
                            "Total (%(count)s activity)",
                            "Total (%(count)s activities)",
                            line.totals.count,
                        )
                        % {"count": formatting.number(line.totals.count)},
                        "",
                        _number(line.totals.women),
                        _number(line.totals.men),
                        _number(line.totals.total),
                    ]
                    _table(document, headers, rows, widths=[8.5, 2.5, 1.8, 1.8, 1.8], totals=totals)
                    if line.more_activities:
                        document.add_paragraph(
                            _(
                                "%(count)s more activities are counted in the totals; the data "
                                "workbook (XLSX) lists them all."
                            )
                            % {"count": line.more_activities}
                        )
                if line.indicators:
                    document.add_paragraph()
                    _table(
                        document,
                        [
                            _("Indicator"),
                            _("Target"),
                            _("Value %(year)s") % {"year": report.year},
                            _("Cumulative"),
                            _("Status"),
                        ],
                        [
                            [
                                f"{row.indicator.code} {row.indicator.text}",
                                row.targets,
                                row.value,
                                row.cumulative,
                                f"{row.status_label}. {row.explanation}",
                            ]
                            for row in line.indicators
                        ],
                        widths=[4.5, 3, 2.5, 1.8, 4.8],
                    )
            for text, _status, label, sentence in section_.goal_wide:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(_("Goal-wide target") + ": ").bold = True
                paragraph.add_run(f"{text} — {label}. {sentence}")

    document.add_heading(_("Summary of the indicators"), level=1)
    _table(
        document,
        [
            _("Indicator"),
            _("Target"),
            str(report.year - 1),
            str(report.year),
            _("Status"),
            _("Explanation"),
        ],
        [
            [
                row.indicator.code,
                row.targets,
                row.previous,
                row.value,
                row.status_label,
                row.explanation,
            ]
            for row in report.summary
        ],
        widths=[1.3, 3.2, 2.3, 2.5, 2.2, 5.1],
    )

    if report.charts:
        document.add_heading(_("Charts"), level=1)
        for chart in report.charts:
            document.add_picture(io.BytesIO(chart.png), width=Cm(15))
            caption = document.add_paragraph(chart.title, style="Caption")
            caption.add_run(" (" + "; ".join(f"{row[0]}: {row[1]}" for row in chart.rows) + ")")

    document.add_heading(_("Annex: sources, completeness and rules"), level=1)
    document.add_heading(_("Data sources"), level=2)
    _table(
        document,
        [_("Agency"), _("Status"), _("Deadline"), _("Submitted"), _("Approved"), _("Timeliness")],
        [
            [
                s["agency"],
                s["status"],
                _date(s["deadline"]),
                _date(s["submitted"]),
                _date(s["approved"]),
                s["timeliness"],
            ]
            for s in report.sources
        ],
    )
    document.add_heading(_("What is missing"), level=2)
    if report.missing:
        _table(
            document,
            [_("Agency"), _("Indicator"), _("Reason")],
            [list(row) for row in report.missing],
            widths=[2.2, 1.8, 13],
        )
    else:
        document.add_paragraph(_("Nothing: every agency answered every indicator."))
    document.add_heading(_("How progress is rated"), level=2)
    for rule in report.rules:
        document.add_paragraph(rule, style="List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- PDF -------------------------------------------------------------------------------------


def to_pdf(report):
    from weasyprint import HTML

    # WeasyPrint reports every SVG presentation attribute its CSS parser skips; not our concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with translation.override(report.language):
        html = render_to_string("reports/annual_report.html", {"report": report})
    return HTML(string=html).write_pdf()


# -- XLSX ------------------------------------------------------------------------------------


def to_xlsx(report):
    workbook = spreadsheets.new_workbook()
    notice = report.draft_notice
    sheets = [
        (
            _("Indicators"),
            [_("Indicator"), _("Year"), _("Target"), _("Actual"), _("Status"), _("Explanation")],
            report.indicator_years,
            {},
        ),
        (
            _("Activities"),
            [
                _("Line of action"),
                _("Agency"),
                _("Activity"),
                _("Counts towards"),
                _("From"),
                _("To"),
                report.plan.country.region_label,
                _("Quantity"),
                _("Women"),
                _("Men"),
                _("Total"),
                _("Approved"),
            ],
            (
                [
                    a.line,
                    a.agency,
                    a.title,
                    a.indicator,
                    a.start,
                    a.end,
                    a.entity,
                    a.quantity,
                    a.women,
                    a.men,
                    a.total,
                    _("yes") if a.approved else _("no"),
                ]
                for a in report.activities
            ),
            {4: "yyyy-mm-dd", 5: "yyyy-mm-dd", 7: "#,##0", 8: "#,##0", 9: "#,##0", 10: "#,##0"},
        ),
        (
            _("By sex"),
            [_("Indicator"), _("Agency"), _("Women"), _("Men"), _("Total")],
            report.by_sex,
            {2: "#,##0", 3: "#,##0", 4: "#,##0"},
        ),
        (
            _("By %(region)s") % {"region": report.plan.country.region_label.lower()},
            [
                report.plan.country.region_label,
                _("Activities"),
                _("Quantity"),
                _("Women"),
                _("Men"),
                _("Total"),
            ],
            report.by_entity,
            {1: "#,##0", 2: "#,##0", 3: "#,##0", 4: "#,##0", 5: "#,##0"},
        ),
    ]
    for title, headers, rows, formats in sheets:
        sheet = spreadsheets.add_sheet(workbook, title, headers, rows, number_formats=formats)
        header = f"{report.plan.short_name} · {report.title}"
        sheet.oddHeader.center.text = f"{header} · {notice}" if notice else header
        sheet.oddFooter.center.text = "&P / &N"
    workbook.properties.title = f"{report.plan.short_name} — {report.title}"
    workbook.properties.subject = notice or report.plan.name
    workbook.properties.description = report.plan_version
    workbook.properties.language = report.language
    return spreadsheets.xlsx_bytes(workbook)


FORMATTERS = {
    Format.DOCX: (
        to_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    Format.PDF: (to_pdf, "application/pdf"),
    Format.XLSX: (to_xlsx, spreadsheets.XLSX_TYPE),
}


def render(report, fmt):
    """The report's bytes in a format, and the content type to send them with."""
    formatter, content_type = FORMATTERS[Format(fmt)]
    with translation.override(report.language):
        return formatter(report), content_type
