"""Tables written as CSV or XLSX, safely.

A text cell that starts with =, +, -, @ (or a tab or carriage return) would be run as a formula
by Excel or LibreOffice: such text is written with a leading apostrophe, which spreadsheets show
as plain text. Numbers stay numbers.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a spreadsheet should hold it: numbers and dates as such, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


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
    sheet.append([safe_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    count = 0
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
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
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(fmt, filename, headers, rows, sheet_title="Datos", number_formats=None):
    """The same table as CSV or XLSX, as the user asked."""
    if fmt == "csv":
        return download(csv_bytes(headers, rows), f"{filename}.csv", "text/csv; charset=utf-8")
    workbook = new_workbook()
    add_sheet(workbook, sheet_title, headers, rows, number_formats=number_formats)
    return download(xlsx_bytes(workbook), f"{filename}.xlsx", XLSX_TYPE)
