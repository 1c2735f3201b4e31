"""Reading an uploaded yearly template (XLSX) or CSV of activities into rows.

The file's safety (sizes, archive, DTDs, row caps, damaged files) is checked by `core.uploads`;
here, what makes it this agency's template for this year: its hidden sheet, its sheets and
columns in either language.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from tablib import Dataset

from core.spreadsheets import FORMULA_STARTS
from core.uploads import (
    XLSX_SIGNATURE,
    UploadRefused,
    check_raw_rows,
    check_rows,
    columns_of,
    guarded,
    normalized,
    open_workbook,
    read_content,
    sheet_dataset,
)

from .spreadsheet_format import (
    ACTIVITY_COLUMNS,
    EXTRA_SHEETS,
    META_SHEET,
    OPTIONAL_ACTIVITY_COLUMNS,
    SHEETS,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
    activity_columns,
)

__all__ = ["ParsedUpload", "UploadRefused", "read_upload"]


@dataclass
class ParsedUpload:
    values: Dataset | None
    activities: Dataset | None
    extra: dict = field(default_factory=dict)  # kind -> Dataset, of EXTRA_SHEETS


def read_upload(upload, submission):
    """The rows of an uploaded template (XLSX) or CSV of activities, or UploadRefused."""
    content = read_content(upload)
    name = (upload.name or "").lower()
    with guarded():
        if content.startswith(XLSX_SIGNATURE):
            return _read_xlsx(content, submission)
        if name.endswith(".csv"):
            return _read_csv(content, activity_columns(submission.reporting_year.plan.country))
    raise UploadRefused(_not_a_spreadsheet())


def _not_a_spreadsheet():
    return _("The file is not a spreadsheet: upload the XLSX template or a CSV file of activities.")


def _read_xlsx(content, submission):
    with open_workbook(content) as workbook:
        names = {normalized(n): n for n in workbook.sheetnames}
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
        plan = submission.reporting_year.plan
        if meta.get("plan") != plan.code:
            raise UploadRefused(
                _("This is the template of the plan %(other)s, not of %(plan)s.")
                % {"other": meta.get("plan"), "plan": plan.code}
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
        # The template has both sheets; an export of one agency's activities or figures (which
        # carries the same hidden sheet) has one of them.
        for kind, columns in (("values", VALUE_COLUMNS), ("activities", activities)):
            sheet_name = next(
                (names[normalized(n)] for n in SHEETS[kind] if normalized(n) in names), None
            )
            datasets[kind] = (
                None
                if sheet_name is None
                else sheet_dataset(
                    workbook[sheet_name],
                    columns,
                    aliases=ACTIVITY_COLUMNS,
                    optional=OPTIONAL_ACTIVITY_COLUMNS,
                )
            )
        if all(dataset is None for dataset in datasets.values()):
            raise UploadRefused(
                _("The sheet “%(sheet)s” is missing. Do not rename the template's sheets.")
                % {"sheet": SHEETS["activities"][0]}
            )
        extra = {}
        for sheet in EXTRA_SHEETS:
            found = next(
                (names[normalized(n)] for n in sheet.names if normalized(n) in names), None
            )
            if found is not None:
                extra[sheet.kind] = sheet_dataset(
                    workbook[found], sheet.columns, optional=sheet.optional
                )
        return ParsedUpload(datasets["values"], datasets["activities"], extra)


# Free-text columns of a CSV: an apostrophe before =, +, - or @ is the defusing that CSV exports
# add (core.spreadsheets.safe_cell); it is removed so that an exported file imports back as it
# was. Elsewhere a leading = is a formula and is refused.
CSV_TEXT_COLUMNS = (
    "reference",
    "title",
    "title_en",
    "description",
    "description_en",
    "municipality",
    "participants_institution",
)


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
        keys = columns_of(
            header, columns, aliases=ACTIVITY_COLUMNS, optional=OPTIONAL_ACTIVITY_COLUMNS
        )
        wanted = [key_ for key_, _es, _en in columns if key_ in keys]
        dataset = Dataset(headers=["row", *wanted])
        formulas = []
        for number, cells in enumerate(reader, start=2):
            check_raw_rows(number)
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
            check_rows(len(dataset))
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
