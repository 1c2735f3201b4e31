"""Reading an uploaded file without trusting it.

A file is refused as a whole, with a message in the user's language, unless it is a usable
template (XLSX) or CSV of activities. Before openpyxl parses anything, the archive itself is
checked: its declared sizes (a compressed bomb expands to gigabytes), its number of parts, and
that no part declares a DTD (entity expansion, external entities); openpyxl then parses with
defusedxml. Rows are counted as they are read, empty ones included, so a file of a million empty
rows stops early instead of taking seconds. Any other failure to parse means a damaged file.
"""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from tablib import Dataset

from reports.spreadsheets import FORMULA_STARTS

from .spreadsheet_format import (
    ACTIVITY_COLUMNS,
    META_SHEET,
    SHEETS,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
    _key,
    activity_columns,
)

logger = logging.getLogger(__name__)


class UploadRefused(Exception):
    """The whole file is refused; nothing was read into the database."""


@dataclass
class ParsedUpload:
    values: Dataset | None
    activities: Dataset


# An XLSX is a zip of XML parts. A real workbook has a few dozen parts and its root element
# within the first bytes of each; nothing legitimate is bigger than this once expanded.
MAX_PARTS = 500
ROOT_WINDOW = 64 * 1024
XML_PARTS = (".xml", ".rels", ".vml")
# Columns read per row: the template's, plus room for a few of the person's own.
MAX_COLUMNS = 60


def read_upload(upload, submission):
    """The rows of an uploaded template (XLSX) or CSV of activities, or UploadRefused."""
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise UploadRefused(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": round(upload.size / (1024 * 1024), 1),
                "limit": settings.IMPORT_MAX_BYTES // (1024 * 1024),
            }
        )
    content = upload.read()
    name = (upload.name or "").lower()
    try:
        if content.startswith(b"PK\x03\x04"):
            _check_archive(content)
            return _read_xlsx(content, submission)
        if content.startswith(b"\xd0\xcf\x11\xe0"):
            raise UploadRefused(
                _(
                    "The file is protected with a password, or is an old Excel (.xls) file. Save "
                    "it as .xlsx without a password and upload it again."
                )
            )
        if name.endswith(".csv"):
            return _read_csv(content, activity_columns(submission.reporting_year.plan.country))
    except UploadRefused:
        raise
    except Exception as error:  # a parser failing on a damaged or hostile file: never a 500
        logger.warning("An uploaded spreadsheet could not be read: %r", error)
        raise UploadRefused(_damaged()) from error
    raise UploadRefused(_not_a_spreadsheet())


def _damaged():
    return _("The file cannot be read: it is damaged or not a real XLSX file.")


def _check_archive(content):
    """Refuse an archive that expands beyond the limit, has too many parts, or whose XML declares
    a DTD (entity tricks), before any XML parser sees it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise UploadRefused(_damaged()) from error
    expanded = sum(part.file_size for part in parts)
    limit = settings.IMPORT_MAX_EXPANDED_BYTES
    if len(parts) > MAX_PARTS or expanded > limit:
        raise UploadRefused(
            _(
                "The file expands to %(size)s MB once opened; the limit is %(limit)s MB. Save "
                "the rows in a new copy of the template."
            )
            % {"size": round(expanded / (1024 * 1024)), "limit": limit // (1024 * 1024)}
        )
    for part in parts:
        if part.filename.lower().endswith(XML_PARTS) and _declares_a_dtd(archive, part):
            raise UploadRefused(
                _(
                    "The file contains XML declarations that spreadsheets never use (a DTD) and "
                    "was refused for safety. Save your rows in the downloaded template."
                )
            )


def _declares_a_dtd(archive, part):
    """True if the part declares a DTD or entities before its root element, or does not reach
    its root element where every real part does."""
    with archive.open(part) as stream:
        head = stream.read(ROOT_WINDOW)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:64]:
        return True  # UTF-16 and the like: a DTD could hide from a byte search
    upper = head.upper()
    position = 0
    while True:
        start = upper.find(b"<", position)
        if start < 0 or start + 1 >= len(upper):
            return len(head) >= ROOT_WINDOW  # no root element in the window: not a real part
        following = upper[start + 1 : start + 2]
        if following.isalpha():
            return False  # the root element: a DTD can only come before it
        if upper.startswith(b"<!DOCTYPE", start) or upper.startswith(b"<!ENTITY", start):
            return True
        position = start + 1


def _not_a_spreadsheet():
    return _("The file is not a spreadsheet: upload the XLSX template or a CSV file of activities.")


def _columns_of(header, columns, aliases=()):
    """Map the sheet's header to keys; refuse missing or renamed columns. `aliases`: other
    accepted names, (key, Spanish, English) like the columns."""
    known = {}
    for key_, es, en in [*aliases, *columns]:
        known[_key(es)] = key_
        known[_key(en)] = key_
    found = [known.get(_key(h)) if h is not None else None for h in header]
    missing = [es for key_, es, en in columns if key_ not in found]
    if missing:
        raise UploadRefused(
            _("Columns are missing or were renamed: %(columns)s. Download the template again.")
            % {"columns": ", ".join(missing)}
        )
    return found


def _check_rows(count):
    if count > settings.IMPORT_MAX_ROWS:
        raise UploadRefused(
            _("The file has %(count)s rows; at most %(limit)s can be imported at once.")
            % {"count": count, "limit": settings.IMPORT_MAX_ROWS}
        )


def _check_raw_rows(count):
    """Rows read so far, empty ones included: a sheet padded with a million empty rows is
    refused as soon as it passes the limit, not after reading them all."""
    limit = settings.IMPORT_MAX_ROWS * 5
    if count > limit:
        raise UploadRefused(
            _(
                "The file has more than %(limit)s rows, counting empty ones. Delete the empty "
                "rows below your data (or copy your rows into a new template) and upload it again."
            )
            % {"limit": limit}
        )


def _read_xlsx(content, submission):
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        names = {_key(n): n for n in workbook.sheetnames}
        if META_SHEET not in workbook.sheetnames:
            raise UploadRefused(
                _("This workbook is not the app's template. Download your agency's template.")
            )
        meta = {
            str(row[0]): row[1]
            for row in workbook[META_SHEET].iter_rows(values_only=True)
            if row and row[0]
        }
        if str(meta.get("version")) != TEMPLATE_VERSION:
            raise UploadRefused(
                _(
                    "This template is an old version (%(old)s); the app reads version "
                    "%(current)s. Download the template again and copy your rows into it."
                )
                % {"old": meta.get("version"), "current": TEMPLATE_VERSION}
            )
        if meta.get("agency") != submission.agency.code:
            raise UploadRefused(
                _("This is the template of %(other)s, not of %(agency)s.")
                % {"other": meta.get("agency"), "agency": submission.agency.code}
            )
        if str(meta.get("year")) != str(submission.year):
            raise UploadRefused(
                _("This is the template of %(other)s, not of %(year)s.")
                % {"other": meta.get("year"), "year": submission.year}
            )
        datasets = {}
        country = submission.reporting_year.plan.country
        activities = activity_columns(country)
        for kind, columns in (("values", VALUE_COLUMNS), ("activities", activities)):
            sheet_name = next((names[_key(n)] for n in SHEETS[kind] if _key(n) in names), None)
            if sheet_name is None:
                raise UploadRefused(
                    _("The sheet “%(sheet)s” is missing. Do not rename the template's sheets.")
                    % {"sheet": SHEETS[kind][0]}
                )
            datasets[kind] = _sheet_dataset(workbook[sheet_name], columns)
        return ParsedUpload(datasets["values"], datasets["activities"])
    finally:
        workbook.close()


def _sheet_dataset(sheet, columns):
    # The sheet's declared size can be wrong either way (rows beyond it would be silently
    # dropped): every row is read, and counted, whatever the file claims.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    header_cells = next(rows, None)
    if header_cells is None:
        raise UploadRefused(_("The sheet “%(sheet)s” is empty.") % {"sheet": sheet.title})
    keys = _columns_of([c.value for c in header_cells], columns, aliases=ACTIVITY_COLUMNS)
    wanted = [key_ for key_, _es, _en in columns]
    dataset = Dataset(headers=["row", *wanted])
    formulas = []
    for row_number, cells in enumerate(rows, start=2):
        _check_raw_rows(row_number)
        values = {}
        for column, (key_, cell) in enumerate(zip(keys, cells, strict=False), start=1):
            if key_ is None:
                continue
            # A formula is refused; text that merely starts with "=" (as the app's own exports
            # write titles) is text.
            if getattr(cell, "data_type", None) == "f":
                formulas.append(f"{get_column_letter(column)}{row_number}")
            values[key_] = cell.value
        if all(v in (None, "") for v in values.values()):
            continue
        dataset.append([row_number, *[values.get(k) for k in wanted]])
        _check_rows(len(dataset))
    if formulas:
        raise UploadRefused(
            _("Cells hold formulas (%(cells)s): write the values instead.")
            % {"cells": ", ".join(formulas[:8]) + ("…" if len(formulas) > 8 else "")}
        )
    return dataset


# Free-text columns of a CSV: an apostrophe before =, +, - or @ is the defusing that CSV exports
# add (reports.spreadsheets.safe_cell); it is removed so that an exported file imports back as it
# was. Elsewhere a leading = is a formula and is refused.
CSV_TEXT_COLUMNS = ("reference", "title", "description", "municipality")


def _read_csv(content, columns):
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise UploadRefused(_not_a_spreadsheet())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader, None)
        if not header:
            raise UploadRefused(_("The file is empty."))
        keys = _columns_of(header, columns, aliases=ACTIVITY_COLUMNS)
        wanted = [key_ for key_, _es, _en in columns]
        dataset = Dataset(headers=["row", *wanted])
        formulas = []
        for number, cells in enumerate(reader, start=2):
            _check_raw_rows(number)
            values = {k: v for k, v in zip(keys, cells, strict=False) if k is not None}
            if all(v.strip() == "" for v in values.values()):
                continue
            for key_, value in values.items():
                if key_ in CSV_TEXT_COLUMNS:
                    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_STARTS:
                        values[key_] = value[1:]
                elif value.startswith("="):
                    formulas.append(f"{key_}:{number}")
            dataset.append([number, *[values.get(k, "") for k in wanted]])
            _check_rows(len(dataset))
    except csv.Error as error:
        raise UploadRefused(
            _(
                "The CSV file cannot be read: a cell is too long or a quotation mark is not "
                "closed (line %(line)s)."
            )
            % {"line": reader.line_num}
        ) from error
    if formulas:
        raise UploadRefused(
            _("Cells hold formulas (%(cells)s): write the values instead.")
            % {"cells": ", ".join(formulas[:8])}
        )
    return ParsedUpload(None, dataset)
