"""Spreadsheet round trip: the agency's template, the checks a file must pass before it is read,
and the import itself (django-import-export resources) with the same rules as the forms.

A file goes through `read_upload()` (refused as a whole, with a message, if it is not a usable
template or CSV), then `run_import()` classifies every row as new, changed, unchanged or in error.
Nothing is written until the focal point confirms; then all rows are written in one transaction,
or none.
"""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import RowResult
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from tablib import Dataset

from agencies.models import SubUnit
from indicators.models import LineOfAction
from reports import spreadsheets

from . import rules
from .forms import IndicatorValueForm
from .geography import FederalEntity
from .models import Activity, IndicatorValue

TEMPLATE_VERSION = "1"

# (key, Spanish header, English header): a file in either language is read.
ACTIVITY_COLUMNS = [
    ("reference", "Referencia", "Reference"),
    ("title", "Título", "Title"),
    ("line", "Línea de acción", "Line of action"),
    ("indicator", "Cuenta para el indicador", "Counts towards indicator"),
    ("subunit", "Unidad", "Sub-unit"),
    ("start_date", "Fecha de inicio", "Start date"),
    ("end_date", "Fecha de término", "End date"),
    ("modality", "Modalidad", "Modality"),
    ("federal_entity", "Entidad federativa", "Federal entity"),
    ("municipality", "Municipio", "Municipality"),
    ("quantity", "Cantidad", "Quantity"),
    ("women", "Mujeres", "Women"),
    ("men", "Hombres", "Men"),
    ("total", "Total", "Total"),
    ("description", "Descripción", "Description"),
]
VALUE_COLUMNS = [
    ("indicator", "Indicador", "Indicator"),
    ("about", "Qué mide", "What it measures"),
    ("women", "Mujeres", "Women"),
    ("men", "Hombres", "Men"),
    ("total", "Total o cifra", "Total or figure"),
    ("numerator", "Numerador", "Numerator"),
    ("denominator", "Denominador", "Denominator"),
    ("yes_no", "Sí o no", "Yes or no"),
    ("text", "Respuesta cualitativa", "Qualitative answer"),
    ("no_data", "Sin datos este año", "No data this year"),
    ("no_data_reason", "Por qué no hay datos", "Why there is no data"),
    ("activities_note", "Por qué difiere de las actividades", "Why it differs from the activities"),
]
SHEETS = {
    "activities": ("Actividades", "Activities"),
    "values": ("Indicadores", "Indicators"),
    "lists": ("Listas", "Lists"),
    "instructions": ("Instrucciones", "Instructions"),
}
META_SHEET = "_meta"
YES = {"si", "sí", "yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0"}


def _key(text):
    """Compare without case, accents or extra spaces: “Estado de Mexico” finds Estado de México."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


class UploadRefused(Exception):
    """The whole file is refused; nothing was read into the database."""


@dataclass
class ParsedUpload:
    values: Dataset | None
    activities: Dataset


# -- the template ------------------------------------------------------------------------------


def _language():
    return "en" if translation.get_language() == "en" else "es"


def _header(columns, language):
    return [es if language == "es" else en for _key_, es, en in columns]


def _yes_no(value, language):
    if value is None:
        return ""
    if language == "es":
        return "Sí" if value else "No"
    return "Yes" if value else "No"


def template_workbook(submission):
    """The agency's template for the year: its indicators and activities, with drop-down lists."""
    language = _language()
    agency = submission.agency
    indicators = list(rules.indicators_for(agency))
    lines = list(LineOfAction.objects.select_related("goal").order_by("goal__number", "number"))
    subunits = list(SubUnit.objects.filter(agency=agency).order_by("code"))
    modalities = [str(label) for _value, label in Activity.Modality.choices]
    entities = [label for _value, label in FederalEntity.choices]
    values = {v.indicator_id: v for v in submission.values.all()}

    workbook = spreadsheets.new_workbook()
    sheet_name = {name: pair[0 if language == "es" else 1] for name, pair in SHEETS.items()}

    instructions = workbook.create_sheet(sheet_name["instructions"])
    for line in _instructions(submission):
        instructions.append([line])
    instructions.column_dimensions["A"].width = 120

    value_rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        value_rows.append(
            [
                indicator.code,
                f"{indicator.text} [{indicator.get_measure_display()}]",
                value.women if value else None,
                value.men if value else None,
                value.total if value else None,
                value.numerator if value else None,
                value.denominator if value else None,
                _yes_no(value.yes_no, language) if value else "",
                value.text if value else "",
                _yes_no(True, language) if value and value.no_data else "",
                value.no_data_reason if value else "",
                value.activities_note if value else "",
            ]
        )
    values_sheet = spreadsheets.add_sheet(
        workbook,
        sheet_name["values"],
        _header(VALUE_COLUMNS, language),
        value_rows,
        widths={0: 10, 1: 60, 8: 40, 10: 40, 11: 40},
    )

    activity_rows = [
        [
            a.reference,
            a.title,
            f"{a.line.code} {a.line.text[:80]}",
            a.indicator.code if a.indicator else "",
            a.subunit.code if a.subunit else "",
            a.start_date,
            a.end_date,
            a.get_modality_display(),
            a.get_federal_entity_display() if a.federal_entity else "",
            a.municipality,
            a.quantity,
            a.women,
            a.men,
            a.total,
            a.description,
        ]
        for a in submission.activities.select_related(
            "line__goal", "indicator", "subunit"
        ).order_by("start_date", "pk")
    ]
    activities_sheet = spreadsheets.add_sheet(
        workbook,
        sheet_name["activities"],
        _header(ACTIVITY_COLUMNS, language),
        activity_rows,
        number_formats={5: "yyyy-mm-dd", 6: "yyyy-mm-dd"},
        widths={0: 16, 1: 50, 2: 40, 14: 40},
    )

    lists = workbook.create_sheet(sheet_name["lists"])
    columns = [
        [f"{line.code} {line.text[:80]}" for line in lines],
        [i.code for i in indicators],
        [s.code for s in subunits],
        modalities,
        entities,
        [_yes_no(True, language), _yes_no(False, language)],
    ]
    for index, items in enumerate(columns):
        for row, item in enumerate(items, start=1):
            lists.cell(row=row, column=index + 1, value=item)
    lists.sheet_state = "hidden"

    last = max(len(activity_rows) + 1000, 2000)
    for column_letter, list_index in (("C", 0), ("D", 1), ("E", 2), ("H", 3), ("I", 4)):
        items = columns[list_index]
        if not items:
            continue
        letter = "ABCDEF"[list_index]
        validation = DataValidation(
            type="list",
            formula1=f"='{lists.title}'!${letter}$1:${letter}${len(items)}",
            allow_blank=True,
            showErrorMessage=True,
        )
        activities_sheet.add_data_validation(validation)
        validation.add(f"{column_letter}2:{column_letter}{last}")
    yes_no = DataValidation(type="list", formula1=f"='{lists.title}'!$F$1:$F$2", allow_blank=True)
    values_sheet.add_data_validation(yes_no)
    yes_no.add(f"H2:H{len(value_rows) + 1}")
    yes_no.add(f"J2:J{len(value_rows) + 1}")

    meta = workbook.create_sheet(META_SHEET)
    for row in (
        ("agency", agency.code),
        ("year", submission.year),
        ("version", TEMPLATE_VERSION),
        ("language", language),
    ):
        meta.append(list(row))
    meta.sheet_state = "veryHidden"
    workbook.active = 1
    return spreadsheets.xlsx_bytes(workbook)


def _instructions(submission):
    limit = settings.IMPORT_MAX_ROWS
    return [
        _("Template of %(agency)s for %(year)s (version %(version)s).")
        % {"agency": submission.agency.code, "year": submission.year, "version": TEMPLATE_VERSION},
        "",
        _(
            "1. Sheet “Indicators”: one row per indicator your agency is in charge of. Fill in "
            "the columns its measure needs; for counts of people, women and men (the total is "
            "computed if you leave it empty). If you have no data, write “Yes” in “No data this "
            "year” and say why."
        ),
        _(
            "2. Sheet “Activities”: one row per activity. The reference identifies the activity: "
            "keep it to change an activity, give a new one (any text unique in the year) to add "
            "one. Rows you delete from the sheet are not deleted from the app."
        ),
        _(
            "3. Use the drop-down lists for the line of action, indicator, sub-unit, modality and "
            "federal entity. Dates must fall in %(year)s."
        )
        % {"year": submission.year},
        _("4. Write values, not formulas. At most %(limit)s rows.") % {"limit": limit},
        _(
            "5. Upload the file on your agency's import page: you will see every row as new, "
            "changed, unchanged or in error before anything is saved."
        ),
        _(
            "Do not rename the sheets or the columns; this template only works for your agency "
            "and this year."
        ),
    ]


# -- reading a file ---------------------------------------------------------------------------


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
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content, submission)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadRefused(
            _(
                "The file is protected with a password, or is an old Excel (.xls) file. Save it "
                "as .xlsx without a password and upload it again."
            )
        )
    if name.endswith(".csv"):
        return _read_csv(content)
    raise UploadRefused(_not_a_spreadsheet())


def _not_a_spreadsheet():
    return _("The file is not a spreadsheet: upload the XLSX template or a CSV file of activities.")


def _columns_of(header, columns):
    """Map the sheet's header to keys; refuse missing or renamed columns."""
    known = {}
    for key_, es, en in columns:
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


def _read_xlsx(content, submission):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UploadRefused(
            _("The file cannot be read: it is damaged or not a real XLSX file.")
        ) from error
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
        for kind, columns in (("values", VALUE_COLUMNS), ("activities", ACTIVITY_COLUMNS)):
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
    rows = sheet.iter_rows()
    header_cells = next(rows, None)
    if header_cells is None:
        raise UploadRefused(_("The sheet “%(sheet)s” is empty.") % {"sheet": sheet.title})
    keys = _columns_of([c.value for c in header_cells], columns)
    wanted = [key_ for key_, _es, _en in columns]
    dataset = Dataset(headers=["row", *wanted])
    formulas = []
    for row_number, cells in enumerate(rows, start=2):
        values = {}
        for column, (key_, cell) in enumerate(zip(keys, cells, strict=False), start=1):
            if key_ is None:
                continue
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
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


def _read_csv(content):
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
    header = next(reader, None)
    if not header:
        raise UploadRefused(_("The file is empty."))
    keys = _columns_of(header, ACTIVITY_COLUMNS)
    wanted = [key_ for key_, _es, _en in ACTIVITY_COLUMNS]
    dataset = Dataset(headers=["row", *wanted])
    formulas = []
    for number, cells in enumerate(reader, start=2):
        values = {k: v for k, v in zip(keys, cells, strict=False) if k is not None}
        if all(v.strip() == "" for v in values.values()):
            continue
        for key_, value in values.items():
            if value.startswith("=") and key_ not in ("title", "description", "municipality"):
                formulas.append(f"{key_}:{number}")
        dataset.append([number, *[values.get(k, "") for k in wanted]])
        _check_rows(len(dataset))
    if formulas:
        raise UploadRefused(
            _("Cells hold formulas (%(cells)s): write the values instead.")
            % {"cells": ", ".join(formulas[:8])}
        )
    return ParsedUpload(None, dataset)


# -- widgets: cells to values, with messages in the user's language ----------------------------


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            text = value.strip().replace(" ", "")
            if not text.lstrip("-").isdigit():
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
            value = int(text)
        if not isinstance(value, int):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        if value < 0:
            raise ValueError(_("%(value)s is negative; write 0 or more.") % {"value": value})
        return value

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
            return self.lookup[_key(text)]
        except KeyError:
            raise ValueError(self.message % {"value": value}) from None


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


def column_label(key_, columns):
    for k, es, en in columns:
        if k == key_:
            return es if _language() == "es" else en
    return key_


# -- resources --------------------------------------------------------------------------------


class ActivityResource(resources.ModelResource):
    """Activities, matched by their reference within the agency's year."""

    reference = fields.Field(attribute="reference", column_name="reference", widget=TextWidget())
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget())
    line = fields.Field(attribute="line", column_name="line")
    indicator = fields.Field(attribute="indicator", column_name="indicator")
    subunit = fields.Field(attribute="subunit", column_name="subunit")
    start_date = fields.Field(attribute="start_date", column_name="start_date", widget=DayWidget())
    end_date = fields.Field(attribute="end_date", column_name="end_date", widget=DayWidget())
    modality = fields.Field(attribute="modality", column_name="modality")
    federal_entity = fields.Field(attribute="federal_entity", column_name="federal_entity")
    municipality = fields.Field(
        attribute="municipality", column_name="municipality", widget=TextWidget()
    )
    quantity = fields.Field(
        attribute="quantity", column_name="quantity", widget=WholeNumberWidget()
    )
    women = fields.Field(attribute="women", column_name="women", widget=WholeNumberWidget())
    men = fields.Field(attribute="men", column_name="men", widget=WholeNumberWidget())
    total = fields.Field(attribute="total", column_name="total", widget=WholeNumberWidget())
    description = fields.Field(
        attribute="description", column_name="description", widget=TextWidget()
    )

    COMPARED = [key_ for key_, _es, _en in ACTIVITY_COLUMNS]

    class Meta:
        model = Activity
        fields = [key_ for key_, _es, _en in ACTIVITY_COLUMNS]
        import_id_fields = ["reference"]
        skip_diff = True  # unchanged rows are found by comparing fields (skip_row), faster
        report_skipped = True
        use_transactions = True
        use_bulk = True
        batch_size = 1000
        instance_loader_class = CachedInstanceLoader

    def __init__(self, submission, user=None):
        super().__init__()
        self.submission = submission
        self.user = user
        lines = {_key(line.code): line for line in LineOfAction.objects.select_related("goal")}
        indicators = {_key(i.code): i for i in rules.indicators_for(submission.agency)}
        subunits = {_key(s.code): s for s in SubUnit.objects.filter(agency=submission.agency)}
        modalities = {}
        for value, label in Activity.Modality.choices:
            modalities[_key(value)] = value
            for language in ("es", "en"):
                with translation.override(language):
                    modalities[_key(str(label))] = value
        entities = {}
        for value, label in FederalEntity.choices:
            entities[_key(value)] = value
            entities[_key(label)] = value
            entities[_key(str(int(value)))] = value
        self.fields["line"].widget = LookupWidget(
            lines, _("There is no line of action “%(value)s”."), first_word=True
        )
        self.fields["indicator"].widget = LookupWidget(
            indicators, _("“%(value)s” is not an indicator your agency is in charge of.")
        )
        self.fields["subunit"].widget = LookupWidget(
            subunits, _("“%(value)s” is not a sub-unit of your agency.")
        )
        self.fields["modality"].widget = LookupWidget(
            modalities, _("“%(value)s” is not a modality (in person, online, mixed).")
        )
        self.fields["federal_entity"].widget = LookupWidget(
            entities, _("“%(value)s” is not one of the 32 federal entities."), empty=""
        )

    def get_queryset(self):
        return Activity.objects.filter(submission=self.submission)

    def init_instance(self, row=None):
        return Activity(submission=self.submission)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty modality or quantity keeps the model's default (in person, 1).
        if field.attribute in ("modality", "quantity") and row.get(field.column_name) in (None, ""):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # As in the form: a total left empty is women + men. Done before the unchanged check, so
        # a file imported twice is seen as unchanged the second time.
        if instance.total is None and instance.women is not None and instance.men is not None:
            instance.total = instance.women + instance.men

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._before = None if new else {k: self._value(instance, k) for k in self.COMPARED}

    @staticmethod
    def _value(instance, key_):
        return getattr(instance, f"{key_}_id" if key_ in ("line", "indicator", "subunit") else key_)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._before is None:
            return False
        return all(instance._before[k] == self._value(instance, k) for k in self.COMPARED)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})

        def add_error(name, message):
            errors.setdefault(name, []).append(message)

        if not instance.reference:
            add_error(
                "reference",
                _("Give each activity a reference (any text unique in the year, e.g. SDN-23-015)."),
            )
        for name in ("title", "line", "start_date", "end_date"):
            if name not in errors and not self._value(instance, name):
                add_error(name, _("This cell is required."))
        cleaned = {
            k: getattr(instance, k) for k in ("start_date", "end_date", "women", "men", "total")
        }
        cleaned.update(line=instance.line if instance.line_id else None)
        cleaned.update(indicator=instance.indicator if instance.indicator_id else None)
        cleaned.update(subunit=instance.subunit if instance.subunit_id else None)
        computed = rules.check_activity(self.submission, cleaned, add_error)
        if "total" in computed:
            instance.total = computed["total"]
        if errors:
            raise ValidationError(errors)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        # The change history must record imported activities too.
        if self.create_instances:
            bulk_create_with_history(
                self.create_instances, Activity, batch_size=batch_size, default_user=self.user
            )
        self.create_instances = []

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances:
            for instance in self.update_instances:
                instance.version += 1
            bulk_update_with_history(
                self.update_instances,
                Activity,
                [
                    *(
                        f"{k}_id" if k in ("line", "indicator", "subunit") else k
                        for k in self.COMPARED
                    ),
                    "version",
                ],
                batch_size=batch_size,
                default_user=self.user,
            )
        self.update_instances = []


class IndicatorValueResource(resources.ModelResource):
    """The yearly figures, matched by indicator code, checked by the yearly form's rules."""

    indicator = fields.Field(attribute="indicator", column_name="indicator")

    ANSWERS = [
        "women",
        "men",
        "total",
        "numerator",
        "denominator",
        "yes_no",
        "text",
        "no_data",
        "no_data_reason",
        "activities_note",
    ]

    class Meta:
        model = IndicatorValue
        fields = ["indicator"]
        import_id_fields = ["indicator"]
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def __init__(self, submission, user=None):
        super().__init__()
        self.submission = submission
        self.user = user
        self.indicators = {_key(i.code): i for i in rules.indicators_for(submission.agency)}
        self.existing = {v.indicator_id: v for v in submission.values.all()}
        self.totals = rules.activity_totals(submission)
        self.previous = rules.previous_headlines(submission)
        self.fields["indicator"].widget = LookupWidget(
            self.indicators, _("“%(value)s” is not an indicator your agency is in charge of.")
        )

    def get_instance(self, instance_loader, row):
        indicator = self.indicators.get(_key(row.get("indicator") or ""))
        return self.existing.get(indicator.pk) if indicator else None

    def init_instance(self, row=None):
        return IndicatorValue(submission=self.submission)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            self.import_field(self.fields["indicator"], instance, row)
        except ValueError as error:
            raise ValidationError({"indicator": [str(error)]}) from None
        if not instance.indicator_id:
            raise ValidationError({"indicator": [_("This cell is required.")]})
        instance._before = {k: getattr(instance, k) for k in self.ANSWERS} if instance.pk else None
        data = {}
        number = WholeNumberWidget()
        for name in ("women", "men", "total", "numerator", "denominator"):
            try:
                value = number.clean(row.get(name))
            except ValueError as error:
                errors[name] = [str(error)]
                continue
            data[name] = "" if value is None else value
        yes_no = _key(row.get("yes_no") or "")
        data["yes_no"] = "true" if yes_no in YES else "false" if yes_no in NO else ""
        if yes_no and yes_no not in YES | NO:
            errors["yes_no"] = [_("Write Yes or No.")]
        data["no_data"] = "on" if _key(row.get("no_data") or "") in YES else ""
        for name in ("text", "no_data_reason", "activities_note"):
            data[name] = TextWidget().clean(row.get(name))
        indicator = instance.indicator
        form = IndicatorValueForm(
            data,
            indicator=indicator,
            instance=instance,
            totals=self.totals.get(indicator.pk),
            previous=self.previous.get(indicator.pk, ()),
        )
        if not form.is_valid():
            for name, messages in form.errors.items():
                errors.setdefault(name if name != "__all__" else "indicator", []).extend(messages)
        if errors:
            raise ValidationError(errors)
        for name in self.ANSWERS:
            if name in form.cleaned_data:
                setattr(instance, name, form.cleaned_data[name])

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        before = getattr(instance, "_before", None)
        if before is None:
            return instance.is_empty
        return all(before[k] == getattr(instance, k) for k in self.ANSWERS)

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.save()


# -- running an import ------------------------------------------------------------------------


@dataclass
class RowOutcome:
    sheet: str
    row: int
    status: str  # new, update, skip, error
    reference: str
    errors: list  # (column label, message)


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


def _outcomes(result, dataset, sheet, columns, reference_key):
    outcomes = []
    invalid = {row.number: row for row in result.invalid_rows}
    errors = {}
    for number, row_errors in result.row_errors():
        errors[number] = row_errors
    for index, row_result in enumerate(result.rows):
        number = index + 1
        source_row = dataset[index]
        excel_row = source_row[0]
        reference = str(source_row[dataset.headers.index(reference_key)] or "")
        if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
            messages = []
            for key_, texts in invalid[number].error_dict.items():
                for text in texts:
                    messages.append((column_label(key_, columns), str(text)))
            outcomes.append(RowOutcome(sheet, excel_row, "error", reference, messages))
        elif row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
            messages = [("", str(e.error)) for e in errors.get(number, [])]
            outcomes.append(RowOutcome(sheet, excel_row, "error", reference, messages))
        else:
            outcomes.append(RowOutcome(sheet, excel_row, row_result.import_type, reference, []))
    return outcomes


def run_import(parsed, submission, user=None, dry_run=True):
    """Import both sheets in one transaction; roll back if any row is in error or on dry run."""
    value_outcomes, activity_outcomes = [], []
    references = {}
    with transaction.atomic():
        # Activities first: a figure is then checked against the activities of the same file.
        reference_index = parsed.activities.headers.index("reference")
        for row in parsed.activities:
            reference = str(row[reference_index] or "").strip()
            if reference:
                references.setdefault(reference, []).append(row[0])
        result = ActivityResource(submission, user).import_data(
            parsed.activities, dry_run=False, use_transactions=False, raise_errors=False
        )
        activity_outcomes = _outcomes(
            result, parsed.activities, _("Activities"), ACTIVITY_COLUMNS, "reference"
        )
        for outcome in activity_outcomes:
            rows = references.get(outcome.reference, [])
            if len(rows) > 1:
                # Duplicate references in a file would silently overwrite each other.
                outcome.status = "error"
                outcome.errors.append(
                    (
                        column_label("reference", ACTIVITY_COLUMNS),
                        _("The reference %(reference)s is used in rows %(rows)s.")
                        % {"reference": outcome.reference, "rows": ", ".join(map(str, rows))},
                    )
                )
        if parsed.values is not None:
            result = IndicatorValueResource(submission, user).import_data(
                parsed.values, dry_run=False, use_transactions=False, raise_errors=False
            )
            value_outcomes = _outcomes(
                result, parsed.values, _("Indicators"), VALUE_COLUMNS, "indicator"
            )
        outcomes = value_outcomes + activity_outcomes
        counts = {}
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        outcome = ImportOutcome(outcomes, counts)
        if dry_run or outcome.has_errors:
            transaction.set_rollback(True)
        elif outcome.changes:
            submission.version += 1
            submission.updated_by = user
            submission.save(update_fields=["version", "updated_by", "updated_at"])
    return outcome
