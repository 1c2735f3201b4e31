"""Tables written as CSV or XLSX, safely.

Text that starts with =, +, -, @ (or a tab or carriage return) would be run as a formula by a
spreadsheet. In a CSV, which has no cell types, such text gets a leading apostrophe (the import
removes it again). In an XLSX the cell is typed as text, so it is shown and read back exactly as
it was, with no apostrophe. Numbers stay numbers; times are written in the app's time zone.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value):
    """Numbers, booleans and dates as such (times local and without a zone), anything else as
    text; None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool | int | float | Decimal | date):
        return value
    return str(value)


def safe_cell(value):
    """A CSV cell: text that a spreadsheet would run as a formula is defused with an apostrophe."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_cell(value):
    """An XLSX cell value: text without the characters XML refuses (typed as text by add_row)."""
    if value is None:
        return None
    value = _plain(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def add_row(sheet, values):
    """Append a row; text is always a text cell, never a formula, whatever it starts with."""
    values = [xlsx_cell(v) for v in values]
    sheet.append(values)
    for index, value in enumerate(values):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row=sheet.max_row, column=index + 1).data_type = "s"


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    # A byte-order mark so that Excel opens UTF-8 (accents) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4B2C83")


def add_sheet(workbook, title, headers, rows, number_formats=None, widths=None):
    """A sheet with a styled, frozen header row, filters and number formats per column."""
    sheet = workbook.create_sheet(title=title[:31])
    add_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    count = 0
    for row in rows:
        add_row(sheet, row)
        count += 1
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last_column}{count + 1}"
    for index, fmt in (number_formats or {}).items():
        letter = get_column_letter(index + 1)
        for cell in sheet[letter][1:]:
            cell.number_format = fmt
    for index, header in enumerate(headers):
        width = (widths or {}).get(index, min(60, max(10, len(str(header)) + 2)))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    return sheet


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content, filename, content_type):
    """A file to save; its name may have accents (año): sent as RFC 6266 asks, with an ASCII
    fallback for old browsers."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
