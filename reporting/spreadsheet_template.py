"""The agency's spreadsheet template for a year: its indicators and activities, with
instructions and drop-down lists, in the user's language."""

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from agencies.models import SubUnit
from core import spreadsheets
from indicators.models import LineOfAction

from . import rules
from .count_import import codes_of
from .models import Activity
from .spreadsheet_format import (
    ACTIVITY_COLUMNS,
    EXTRA_SHEETS,
    META_SHEET,
    SHEETS,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
    _header,
    _language,
    _yes_no,
    activity_columns,
)


def template_workbook(submission, rejected=None):
    """The agency's template for the year: its indicators and activities, with drop-down lists.

    `rejected`: rows of an import refused with their problems ({"kind", "cells", "problems"}):
    the template then holds those rows only, as they were read, with a last column saying what
    to correct, to be fixed and uploaded again."""
    language = _language()
    agency = submission.agency
    plan = submission.reporting_year.plan
    indicators = list(rules.indicators_for(submission))
    lines = list(
        LineOfAction.objects.for_plan(plan)
        .select_related("goal")
        .order_by("goal__number", "number")
    )
    subunits = list(SubUnit.objects.filter(agency=agency).order_by("code"))
    modalities = [str(label) for _value, label in Activity.Modality.choices]
    regions = [region.name for region in plan.country.regions.all()]
    values = {v.indicator_id: v for v in submission.values.all()}

    workbook = spreadsheets.new_workbook()
    sheet_name = {name: pair[0 if language == "es" else 1] for name, pair in SHEETS.items()}

    instructions = workbook.create_sheet(sheet_name["instructions"])
    for line in _instructions(submission):
        spreadsheets.add_row(instructions, [line])
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
    value_header = _header(VALUE_COLUMNS, language)
    activity_header = _header(activity_columns(plan.country), language)
    if rejected is not None:
        value_rows = _rejected_rows(rejected, "values", VALUE_COLUMNS)
        value_header.append(_("Problems to correct"))
    values_sheet = spreadsheets.add_sheet(
        workbook,
        sheet_name["values"],
        value_header,
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
            a.region.name if a.region else "",
            a.municipality,
            a.quantity,
            a.women,
            a.men,
            a.total,
            a.description,
            a.title_en,
            a.description_en,
            a.participants_institution,
            a.municipalities,
            codes_of(a),
        ]
        for a in submission.activities.select_related(
            "line__goal", "indicator", "subunit", "region"
        )
        .prefetch_related("counts__indicator")
        .order_by("start_date", "pk")
    ]
    if rejected is not None:
        activity_rows = _rejected_rows(rejected, "activities", ACTIVITY_COLUMNS)
        activity_header.append(_("Problems to correct"))
    activities_sheet = spreadsheets.add_sheet(
        workbook,
        sheet_name["activities"],
        activity_header,
        activity_rows,
        number_formats={5: "yyyy-mm-dd", 6: "yyyy-mm-dd"},
        widths={0: 16, 1: 50, 2: 40, 14: 40, 15: 50, 16: 40, 17: 30},
    )

    for extra in EXTRA_SHEETS:
        extra.add_to_template(workbook, submission, language, rejected)

    lists = workbook.create_sheet(sheet_name["lists"])
    columns = [
        [f"{line.code} {line.text[:80]}" for line in lines],
        [i.code for i in indicators],
        [s.code for s in subunits],
        modalities,
        regions,
        [_yes_no(True, language), _yes_no(False, language)],
    ]
    for index, items in enumerate(columns):
        for row, item in enumerate(items, start=1):
            cell = lists.cell(row=row, column=index + 1, value=spreadsheets.xlsx_cell(item))
            cell.data_type = "s"  # a plan text is text, whatever it starts with
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
    last_value = max(len(value_rows) + 1, 2)
    yes_no.add(f"H2:H{last_value}")
    yes_no.add(f"J2:J{last_value}")

    meta = workbook.create_sheet(META_SHEET)
    for row in (
        ("agency", agency.code),
        ("year", submission.year),
        ("version", TEMPLATE_VERSION),
        ("language", language),
        ("plan", plan.code),
    ):
        meta.append(list(row))
    meta.sheet_state = "veryHidden"
    workbook.active = 1
    return spreadsheets.xlsx_bytes(workbook)


def _rejected_rows(rejected, kind, columns):
    return [
        [row["cells"].get(key_) for key_, _es, _en in columns] + [row["problems"]]
        for row in rejected
        if row["kind"] == kind
    ]


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
            "%(region)s. Dates must fall in %(year)s."
        )
        % {"year": submission.year, "region": submission.reporting_year.plan.country.region_label},
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
