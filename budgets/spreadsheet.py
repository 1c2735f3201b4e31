"""The “Presupuesto” / “Budget” sheet of the agency's template: one row per budget line, read on
import with the rest of the file (`reporting.spreadsheet_format.EXTRA_SHEETS`), each row shown
in the preview as new, changed, unchanged or in error before anything is saved, and written in
the import's transaction under the submission's lock.

A row is the same budget line as a stored one when its line of action, source, partner and
programme key are the same (so a changed amount updates it); rows deleted from the sheet are not
deleted from the app, as with activities."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from core import formatting, spreadsheets
from core.imports import RowOutcome, column_label
from core.uploads import normalized
from indicators.models import LineOfAction

from . import rules
from .models import BudgetLine

COLUMNS = [
    ("line", "Línea de acción", "Line of action"),
    ("source", "Fuente", "Source"),
    ("partner", "Socio de cooperación", "Cooperation partner"),
    ("programme_key", "Programa presupuestario", "Budget programme"),
    ("marker", "Marcador de igualdad de género (0, 1, 2)", "Gender equality marker (0, 1, 2)"),
    ("programmed", "Programado", "Programmed"),
    ("approved", "Aprobado", "Approved"),
    ("spent", "Ejercido", "Spent"),
    (
        "overspend_note",
        "Explicación si se ejerció más de lo aprobado",
        "Explanation if more was spent than approved",
    ),
]
KEYS = {key for key, _es, _en in COLUMNS}
OPTIONAL = ("partner", "programme_key", "overspend_note")
LINE_CODE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})(?:\s|$)")
# What a source cell may say, in either language, compared without case or accents.
SOURCES = {
    BudgetLine.Source.OWN: {"propio", "presupuesto propio", "own", "own budget"},
    BudgetLine.Source.COOPERATION: {
        "cooperacion",
        "cooperacion internacional",
        "cooperation",
        "international cooperation",
    },
}
SOURCE_LABELS = {
    BudgetLine.Source.OWN: ("Presupuesto propio", "Own budget"),
    BudgetLine.Source.COOPERATION: ("Cooperación internacional", "International cooperation"),
}


class BudgetSheet:
    kind = "budget"
    names = ("Presupuesto", "Budget")
    columns = COLUMNS
    optional = OPTIONAL

    # -- the template ------------------------------------------------------------------------

    def add_to_template(self, workbook, submission, language, rejected=None):
        index = 0 if language == "es" else 1
        header = [column[1 + index] for column in COLUMNS]
        if rejected is not None:
            rows = [
                [row["cells"].get(key) for key, _es, _en in COLUMNS] + [row["problems"]]
                for row in rejected
                if row["kind"] == self.kind
            ]
            header.append(_("Problems to correct"))
        else:
            rows = [
                [
                    line.line.code,
                    SOURCE_LABELS[line.source][index],
                    line.partner,
                    line.programme_key,
                    line.marker,
                    line.programmed,
                    line.approved,
                    line.spent,
                    line.overspend_note,
                ]
                for line in BudgetLine.objects.filter(submission=submission).select_related(
                    "line__goal"
                )
            ]
        sheet = spreadsheets.add_sheet(
            workbook,
            self.names[index],
            header,
            rows,
            number_formats={5: "#,##0.00", 6: "#,##0.00", 7: "#,##0.00"},
            widths={0: 14, 1: 26, 2: 30, 3: 18, 4: 22, 5: 18, 6: 18, 7: 18, 8: 50},
        )
        last = max(len(rows) + 500, 1000)
        codes = [
            line.code
            for line in LineOfAction.objects.for_plan(submission.reporting_year.plan_id)
            .select_related("goal")
            .order_by("goal__number", "number")
        ]
        # Short lists fit in the validation itself (at most 255 characters).
        for letter, items in (
            ("A", codes),
            ("B", [labels[index] for labels in SOURCE_LABELS.values()]),
            ("E", ["0", "1", "2"]),
        ):
            validation = DataValidation(
                type="list", formula1='"' + ",".join(items) + '"', allow_blank=True
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last}")

    # -- the import --------------------------------------------------------------------------

    def run(self, dataset, submission, user):
        lines = {
            line.code: line
            for line in LineOfAction.objects.for_plan(
                submission.reporting_year.plan_id
            ).select_related("goal")
        }
        stored = {
            _identity(line.line_id, line.source, line.partner, line.programme_key): line
            for line in BudgetLine.objects.filter(submission=submission).select_related("line")
        }
        seen = set()
        sheet_title = self.names[0 if _spanish() else 1]
        outcomes = []
        for raw in dataset.dict:
            outcomes.append(self._row(raw, submission, lines, stored, seen, sheet_title))
        return outcomes

    def _row(self, raw, submission, lines, stored, seen, sheet_title):
        number = raw.pop("row")
        cells = {key: _plain(value) for key, value in raw.items()}
        errors = []

        def add_error(key, message):
            errors.append((column_label(key, COLUMNS) if key else "", str(message)))

        values = _read(cells, lines, add_error)
        reference = " · ".join(
            filter(None, [str(cells.get("line") or "")[:10], str(cells.get("source") or "")[:30]])
        )
        if not errors:
            rules.check_line(values, add_error)
        identity = None
        if not errors:
            identity = _identity(
                values["line"].pk, values["source"], values["partner"], values["programme_key"]
            )
            if identity in seen:
                add_error(
                    None,
                    _(
                        "Another row of the sheet has the same line of action, source, partner "
                        "and programme: give each budget line once."
                    ),
                )
            seen.add(identity)
        existing = stored.get(identity) if identity else None
        line = existing or BudgetLine(submission=submission)
        before = {key: _shown(getattr(line, key)) for key in _COMPARED} if existing else None
        if not errors:
            for key, value in values.items():
                setattr(line, key, value)
            try:
                line.full_clean(exclude=["submission"])
            except ValidationError as error:
                for key, messages in error.message_dict.items():
                    for message in messages:
                        add_error(
                            key if key in dict.fromkeys(k for k, *_ in COLUMNS) else None, message
                        )
        if errors:
            return RowOutcome(
                sheet_title, number, "error", reference, errors, cells=cells, kind=self.kind
            )
        after = {key: _shown(getattr(line, key)) for key in _COMPARED}
        figures = [
            (column_label(key, COLUMNS), (before or {}).get(key), after[key])
            for key in _COMPARED
            if before is None or before[key] != after[key]
        ]
        if existing is not None and not figures:
            return RowOutcome(sheet_title, number, "skip", reference, [], kind=self.kind)
        if existing is not None:
            line.version += 1
        line.save()
        warning = rules.overspend_warning(line, submission.reporting_year.plan.country.currency)
        if warning and not line.overspend_note.strip():
            figures.append(("⚠", "", warning))
        status = "update" if existing is not None else "new"
        return RowOutcome(sheet_title, number, status, reference, [], figures, kind=self.kind)


_COMPARED = [
    "line",
    "source",
    "partner",
    "programme_key",
    "marker",
    *rules.AMOUNTS,
    "overspend_note",
]


def _identity(line_id, source, partner, programme_key):
    return (line_id, source, normalized(partner or ""), normalized(programme_key or ""))


def _spanish():
    return not (translation.get_language() or "es").startswith("en")


def _plain(value):
    """A cell as the session can keep it (to hand a refused row back): text, number or None."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _shown(value):
    """A value as the preview shows it (and compares it: 100 and 100.00 are the same)."""
    if isinstance(value, LineOfAction):
        return value.code
    if isinstance(value, Decimal):
        return formatting.number(value, 2)
    return "" if value is None else str(value)


def _text(value):
    return "" if value is None else str(value).strip()


def _read(cells, lines, add_error):
    """The row's values, or problems through add_error."""
    values = {}
    match = LINE_CODE.match(_text(cells.get("line")))
    line = lines.get(f"{match[1]}.{match[2]}") if match else None
    if line is None:
        add_error("line", _("Give the line of action by its code, as in the list (4.1)."))
    values["line"] = line
    source_text = normalized(_text(cells.get("source")))
    source = next((key for key, words in SOURCES.items() if source_text in words), None)
    if source is None:
        add_error(
            "source",
            _("Write “Presupuesto propio” (own budget) or “Cooperación internacional”."),
        )
    values["source"] = source
    values["partner"] = _text(cells.get("partner"))
    values["programme_key"] = _text(cells.get("programme_key"))
    values["overspend_note"] = _text(cells.get("overspend_note"))
    marker = cells.get("marker")
    marker_text = _text(
        int(marker) if isinstance(marker, float) and marker.is_integer() else marker
    )
    if marker_text[:1] in ("0", "1", "2") and (
        len(marker_text) == 1 or not marker_text[1].isdigit()
    ):
        values["marker"] = int(marker_text[0])
    else:
        add_error("marker", _("The gender equality marker is 0, 1 or 2."))
    for key in rules.AMOUNTS:
        try:
            values[key] = rules.parse_amount(cells.get(key))
        except ValueError as error:
            add_error(key, str(error))
    return values


BUDGET_SHEET = BudgetSheet()
