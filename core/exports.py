"""Tables as downloads, defined once: every table a user sees downloads as CSV, XLSX and JSON
from one class, with its headers, codes and file name in the user's language.

A subclass names its columns and yields its rows (lists of typed values, in the column order);
`response(fmt)` writes the format asked for. Numbers stay numbers (with number formats in
XLSX), dates are ISO dates, text is text: in XLSX typed as text (never a formula, no
apostrophe), in CSV with formula-like text defused (`core.spreadsheets.safe_cell`).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from django.utils.functional import Promise

from . import spreadsheets

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": spreadsheets.XLSX_TYPE,
    "json": "application/json; charset=utf-8",
}
# Excel number formats per kind of column: grouped whole numbers, one decimal for percentages.
NUMBER_FORMATS = {
    "int": "#,##0",
    "decimal": "#,##0.0",
    "percent": "0.0",
    "money": "#,##0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # translated when the table is written (lazy strings are fine)
    kind: str = "text"  # text, int, decimal, percent, money, date, datetime
    width: int | None = None


class Export:
    """A downloadable table. Subclasses set `columns`, `filename` and `sheet`, and implement
    `rows()`."""

    columns: list = []
    filename = "export"
    sheet = "Datos"

    def rows(self):
        raise NotImplementedError

    def headers(self):
        return [str(column.header) for column in self.columns]

    def response(self, fmt):
        if fmt not in FORMATS:
            raise Http404
        content = getattr(self, f"as_{fmt}")()
        return spreadsheets.download(content, f"{self.filename}.{fmt}", CONTENT_TYPES[fmt])

    def as_csv(self):
        return spreadsheets.csv_bytes(self.headers(), self.rows())

    def as_xlsx(self):
        workbook = spreadsheets.new_workbook()
        formats = {
            index: NUMBER_FORMATS[column.kind]
            for index, column in enumerate(self.columns)
            if column.kind in NUMBER_FORMATS
        }
        widths = {index: column.width for index, column in enumerate(self.columns) if column.width}
        spreadsheets.add_sheet(
            workbook,
            str(self.sheet),
            self.headers(),
            self.rows(),
            number_formats=formats,
            widths=widths,
        )
        self.add_sheets(workbook)
        return spreadsheets.xlsx_bytes(workbook)

    def add_sheets(self, workbook):
        """More sheets for the XLSX (an import's hidden description of the file)."""

    def as_json(self):
        keys = [column.key for column in self.columns]
        data = {
            "columns": [
                {"key": column.key, "label": str(column.header)} for column in self.columns
            ],
            "rows": [dict(zip(keys, map(_json_value, row), strict=True)) for row in self.rows()],
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _json_value(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime | date):
        return spreadsheets._plain(value).isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
