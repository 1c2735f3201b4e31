"""Reading an uploaded spreadsheet without trusting it: the checks every import shares.

Before openpyxl parses anything, the archive itself is checked: its declared sizes (a compressed
bomb expands to gigabytes), its number of parts, and that no part declares a DTD (entity
expansion, external entities); openpyxl then parses with defusedxml. Rows are counted as they are
read, empty ones included, so a file of a million empty rows stops early instead of taking
seconds. Any other failure to parse means a damaged file, never a server error.
"""

import io
import logging
import unicodedata
import zipfile
from contextlib import contextmanager

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from tablib import Dataset

logger = logging.getLogger(__name__)

# An XLSX is a zip of XML parts. A real workbook has a few dozen parts and its root element
# within the first bytes of each; nothing legitimate is bigger than this once expanded.
MAX_PARTS = 500
ROOT_WINDOW = 64 * 1024
XML_PARTS = (".xml", ".rels", ".vml")
# Columns read per row: the template's, plus room for a few of the person's own.
MAX_COLUMNS = 60
XLSX_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"


class UploadRefused(Exception):
    """The whole file is refused; nothing was read into the database."""


def normalized(text):
    """Compare without case, accents or extra spaces: “Estado de Mexico” finds Estado de México."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def read_content(upload):
    """The uploaded file's bytes, or UploadRefused if it is bigger than IMPORT_MAX_MB; an old
    Excel or password-protected file is refused with what to do."""
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise UploadRefused(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": round(upload.size / (1024 * 1024), 1),
                "limit": settings.IMPORT_MAX_BYTES // (1024 * 1024),
            }
        )
    content = upload.read()
    if content.startswith(OLE_SIGNATURE):
        raise UploadRefused(
            _(
                "The file is protected with a password, or is an old Excel (.xls) file. Save "
                "it as .xlsx without a password and upload it again."
            )
        )
    return content


@contextmanager
def guarded():
    """Any failure of a parser on a damaged or hostile file becomes a refusal, never a 500."""
    try:
        yield
    except UploadRefused:
        raise
    except Exception as error:
        logger.warning("An uploaded spreadsheet could not be read: %r", error)
        raise UploadRefused(_damaged()) from error


@contextmanager
def open_workbook(content):
    """The workbook, read-only, once its archive passed the checks; closed afterwards."""
    _check_archive(content)
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        yield workbook
    finally:
        workbook.close()


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


def columns_of(header, columns, aliases=(), optional=()):
    """Map the sheet's header to keys; refuse missing or renamed columns (but those whose key is
    `optional`). `aliases`: other accepted names, (key, Spanish, English) like the columns."""
    known = {}
    for key_, es, en in [*aliases, *columns]:
        known[normalized(es)] = key_
        known[normalized(en)] = key_
    found = [known.get(normalized(h)) if h is not None else None for h in header]
    missing = [es for key_, es, en in columns if key_ not in found and key_ not in optional]
    if missing:
        raise UploadRefused(
            _("Columns are missing or were renamed: %(columns)s. Download the template again.")
            % {"columns": ", ".join(missing)}
        )
    return found


def check_rows(count):
    if count > settings.IMPORT_MAX_ROWS:
        raise UploadRefused(
            _("The file has %(count)s rows; at most %(limit)s can be imported at once.")
            % {"count": count, "limit": settings.IMPORT_MAX_ROWS}
        )


def check_raw_rows(count):
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


def sheet_dataset(sheet, columns, aliases=(), optional=()):
    # The sheet's declared size can be wrong either way (rows beyond it would be silently
    # dropped): every row is read, and counted, whatever the file claims.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    header_cells = next(rows, None)
    if header_cells is None:
        raise UploadRefused(_("The sheet “%(sheet)s” is empty.") % {"sheet": sheet.title})
    keys = columns_of([c.value for c in header_cells], columns, aliases=aliases, optional=optional)
    # An optional column the file lacks is left out: the import keeps what is stored there.
    wanted = [key_ for key_, _es, _en in columns if key_ in keys]
    dataset = Dataset(headers=["row", *wanted])
    formulas = []
    for row_number, cells in enumerate(rows, start=2):
        check_raw_rows(row_number)
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
        check_rows(len(dataset))
    if formulas:
        raise UploadRefused(
            _("Cells hold formulas (%(cells)s): write the values instead.")
            % {"cells": ", ".join(formulas[:8]) + ("…" if len(formulas) > 8 else "")}
        )
    return dataset
