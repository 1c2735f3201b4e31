"""The report's data as a workbook (XLSX): one sheet per kind of table of the layout, in the
layout's order, each the uniform table of every row of that kind (every activity, every
activity by region, every agency's contribution...), numbers as numbers with number formats,
text as text, headers in the report's language."""

from django.utils.translation import gettext as _

from core import spreadsheets

from .layout import TableBlock, plain

SHEETS = {
    "summary": lambda: _("Summary"),
    "activities": lambda: _("Activities"),
    "regions": lambda: _("By region"),
    "contributions": lambda: _("Contributions"),
    "sources": lambda: _("Sources"),
    "missing": lambda: _("Missing"),
    "indicator_years": lambda: _("Indicators by year"),
    "civil_society": lambda: _("Civil society"),
    "reference_sheets": lambda: _("Reference sheets"),
    "frameworks": lambda: _("Global frameworks"),
}


def _cell(value):
    return plain(value) if hasattr(value, "untranslated") else value


def _formats(rows, count):
    """A number format per column that holds numbers: whole numbers grouped, decimals with one."""
    formats = {}
    for index in range(count):
        values = [row[index] for row in rows[:500] if index < len(row) and row[index] is not None]
        if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            whole = all(float(v).is_integer() for v in values)
            formats[index] = "#,##0" if whole else "#,##0.0"
    return formats


def to_xlsx(report, page):
    """XLSX bytes: the sheets the layout's tables name, in its order, then the indicators year
    by year."""
    order = []
    for block in page.blocks:
        if isinstance(block, TableBlock) and block.table.sheet and block.table.sheet not in order:
            order.append(block.table.sheet)
    order += [key for key in report.data_tables if key not in order]
    workbook = spreadsheets.new_workbook()
    for key in order:
        table = report.data_tables.get(key)
        if table is None:
            continue
        headers = [str(c.header) for c in table.columns]
        rows = [[_cell(cell) for cell in row] for row in table.data_rows]
        widths = {i: min(60, max(10, len(h) + 2)) for i, h in enumerate(headers)}
        sheet = spreadsheets.add_sheet(
            workbook,
            (SHEETS[key]() if key in SHEETS else table.title)[:31],
            headers,
            rows,
            number_formats=_formats(rows, len(headers)),
            widths=widths,
        )
        # Printed, each sheet says what it is and, for a draft, that it is one.
        sheet.oddHeader.left.text = page.running_header
        sheet.oddHeader.center.text = page.notice
    workbook.properties.title = page.running_header
    workbook.properties.description = report.plan_version
    workbook.properties.language = report.language
    return spreadsheets.xlsx_bytes(workbook)
