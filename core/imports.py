"""What every spreadsheet import shares: widgets that read cells into values with messages in
the user's language, and the outcome of each row (new, changed, unchanged, in error) for the
preview, from django-import-export's results."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.results import RowResult

from .formatting import parse_number
from .uploads import normalized


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            # Written as people write it: 1874, 1,874 or 1 874.
            text = value.strip()
            negative = text.startswith("-")
            try:
                number = parse_number(text.lstrip("-").strip())
            except ValueError:
                raise ValueError(
                    _("“%(value)s” is not a whole number.") % {"value": value}
                ) from None
            if number != number.to_integral():
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
            value = -int(number) if negative else int(number)
        if not isinstance(value, int):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        if value < 0:
            raise ValueError(_("%(value)s is negative; write 0 or more.") % {"value": value})
        return value

    def render(self, value, obj=None, **kwargs):
        return value


class DecimalNumberWidget(widgets.Widget):
    """A number that may have decimals (a target of 39.1 %), written as a number or as text with
    a decimal point, as in Mexico; a trailing percent sign is allowed."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        try:
            if isinstance(value, int | float | Decimal):
                number = Decimal(str(value))
            else:
                number = parse_number(str(value).strip().rstrip("%").strip())
        except (InvalidOperation, ValueError):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        if number < 0:
            raise ValueError(_("%(value)s is negative; write 0 or more.") % {"value": value})
        return number

    def render(self, value, obj=None, **kwargs):
        return value


class DayWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date (write it as 2023-05-31).") % {"value": value}
        )


class LookupWidget(widgets.Widget):
    """A cell naming something by its code or name, looked up in a dictionary."""

    def __init__(self, lookup, message, first_word=False, empty=None):
        super().__init__()
        self.lookup = lookup
        self.message = message
        self.first_word = first_word
        self.empty = empty  # "" for text columns, None for foreign keys

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return self.empty
        text = str(value).strip()
        if self.first_word:
            text = text.split()[0]
        try:
            return self.lookup[normalized(text)]
        except KeyError:
            raise ValueError(self.message % {"value": value}) from None


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


class ChoiceWidget(LookupWidget):
    """A cell holding one of a model's choices, by its code or its label in either language."""

    def __init__(self, choices, message):
        from django.utils import translation

        lookup = {}
        for value, label in choices:
            lookup[normalized(value)] = value
            for language in ("es", "en"):
                with translation.override(language):
                    lookup[normalized(str(label))] = value
        super().__init__(lookup, message, empty="")


@dataclass
class RowOutcome:
    sheet: str
    row: int
    status: str  # new, update, skip, error
    reference: str
    errors: list  # (column label, message)
    # What the row holds, for the preview: (column label, stored before, read from the file);
    # for a new row "before" is None, for a row in error the cells as read.
    figures: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)  # a row in error: key -> cell, to hand it back
    kind: str = ""  # "values" or "activities"


@dataclass
class ImportOutcome:
    rows: list
    counts: dict

    @property
    def has_errors(self):
        return self.counts.get("error", 0) > 0

    @property
    def changes(self):
        return self.counts.get("new", 0) + self.counts.get("update", 0)


def column_label(key_, columns):
    """A column's header in the active language; `columns` are (key, Spanish, English)."""
    language = "en" if (translation.get_language() or "es").startswith("en") else "es"
    for k, es, en in columns:
        if k == key_:
            return es if language == "es" else en
    return key_


def counted(rows):
    """How many rows of each outcome."""
    counts = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


REFERENCE_SHOWN = 40


class PreviewedRows:
    """A resource mixin that records, for each row, what it changes: (key, before, after) of
    the `PREVIEWED` fields, for the preview. Call `record(instance, before)` once the row's
    values are read (`before`: the stored values, None for a new row)."""

    PREVIEWED = ()

    def before_import_row(self, row, **kwargs):
        self._row_number = kwargs.get("row_number")
        super().before_import_row(row, **kwargs)

    def shown(self, instance, key_):
        return getattr(instance, key_)

    def record(self, instance, before):
        if not hasattr(self, "previewed"):
            self.previewed = {}
        after = {key_: self.shown(instance, key_) for key_ in self.PREVIEWED}
        if before is None:
            changes = [(k, None, v) for k, v in after.items() if v not in (None, "", False)]
        else:
            changes = [(k, before.get(k), v) for k, v in after.items() if before.get(k) != v]
        self.previewed[self._row_number] = changes


def _shown(value):
    """A cell or a field as the preview writes it."""
    from .formatting import DASH, day, number

    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | Decimal | float):
        return number(value, 2)
    if isinstance(value, datetime):
        return day(value.date())
    if isinstance(value, date):
        return day(value)
    return str(value)


def _cell(value):
    """A cell kept to be written back (JSON in the session): dates as text the import reads."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, int | float | str | bool):
        return value
    return str(value)


def outcomes(result, dataset, sheet, columns, reference_key, previewed=None, kind=""):
    """What each row of a sheet came to, from django-import-export's result, for the preview:
    rows by their number in the file, errors by their column's header, and what each row
    changes (`previewed`, from PreviewedRows). `reference_key` names the column that identifies
    a row, or is a function of the row's values."""
    previewed = previewed or {}
    found = []
    invalid = {row.number: row for row in result.invalid_rows}
    errors = {}
    for number, row_errors in result.row_errors():
        errors[number] = row_errors
    for index, row_result in enumerate(result.rows):
        number = index + 1
        source_row = dataset[index]
        excel_row = source_row[0]
        if callable(reference_key):
            reference = reference_key(dict(zip(dataset.headers, source_row, strict=False)))
        else:
            reference = str(source_row[dataset.headers.index(reference_key)] or "")
        if len(reference) > REFERENCE_SHOWN:  # the error says how long it is
            reference = reference[:REFERENCE_SHOWN] + "…"
        status, messages = row_result.import_type, []
        if status == RowResult.IMPORT_TYPE_INVALID:
            status = "error"
            for key_, texts in invalid[number].error_dict.items():
                for text in texts:
                    messages.append((column_label(key_, columns), str(text)))
        elif status == RowResult.IMPORT_TYPE_ERROR:
            status = "error"
            messages = [("", str(e.error)) for e in errors.get(number, [])]
        outcome = RowOutcome(sheet, excel_row, status, reference, messages, kind=kind)
        if status == "error":
            cells = dict(zip(dataset.headers, source_row, strict=False))
            outcome.cells = {k: _cell(v) for k, v in cells.items() if k != "row"}
            outcome.figures = [
                (column_label(k, columns), None, _shown(v))
                for k, v in cells.items()
                if k != "row" and v not in (None, "")
            ]
        elif status in ("new", "update"):
            outcome.figures = [
                (column_label(k, columns), None if before is None else _shown(before), _shown(v))
                for k, before, v in previewed.get(number, [])
            ]
        found.append(outcome)
    return found
