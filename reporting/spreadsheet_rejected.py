"""The rows of an import that were refused, handed back with their reasons to be corrected and
uploaded again: the agency's template holding only those rows (XLSX), or a CSV of the refused
activities. They are kept in the person's session from the preview on (no file is stored), at
most MAX_KEPT rows, for the latest preview of each submission."""

from django.utils.translation import gettext as _

from core import spreadsheets

from .spreadsheet_format import _header, _language, activity_columns
from .spreadsheet_template import template_workbook

SESSION_KEY = "nap_rejected_rows"
MAX_KEPT = 2_000


def keep(session, submission, outcome, filename):
    """Keep the rows in error of a preview (or forget the last ones, if there are none)."""
    kept = dict(session.get(SESSION_KEY) or {})
    rejected = [
        {
            "kind": row.kind,
            "row": row.row,
            "cells": row.cells,
            "problems": "; ".join(
                f"{column}: {message}" if column else message for column, message in row.errors
            ),
        }
        for row in outcome.rows
        if row.status == "error"
    ][:MAX_KEPT]
    key = str(submission.pk)
    if rejected:
        kept[key] = {"filename": filename, "rows": rejected}
    else:
        kept.pop(key, None)
    session[SESSION_KEY] = kept
    return len(rejected)


def kept_for(session, submission):
    return (session.get(SESSION_KEY) or {}).get(str(submission.pk))


def can_be_csv(kept):
    """A CSV holds activities only (as a CSV import does)."""
    return all(row["kind"] == "activities" for row in kept["rows"])


def rejected_file(submission, kept, fmt):
    """(content, file name, content type) of the refused rows."""
    name = _("rejected-%(agency)s-%(year)s") % {
        "agency": submission.agency.code,
        "year": submission.year,
    }
    if fmt == "csv":
        columns = activity_columns(submission.reporting_year.plan.country)
        headers = [*_header(columns, _language()), _("Problems to correct")]
        rows = [
            [row["cells"].get(key_) for key_, _es, _en in columns] + [row["problems"]]
            for row in kept["rows"]
            if row["kind"] == "activities"
        ]
        return spreadsheets.csv_bytes(headers, rows), f"{name}.csv", "text/csv; charset=utf-8"
    content = template_workbook(submission, rejected=kept["rows"])
    return content, f"{name}.xlsx", spreadsheets.XLSX_TYPE
