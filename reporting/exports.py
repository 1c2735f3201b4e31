"""An agency's (or a whole year's) activities and figures as CSV, XLSX or JSON, in the user's
language and in the template's own columns, so that an agency's exported file imports back
unchanged (its XLSX carries the template's hidden sheet)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Column, Export

from .count_import import codes_of
from .models import Activity, IndicatorValue
from .spreadsheet_format import (
    META_SHEET,
    SHEETS,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
    _language,
    _yes_no,
    activity_columns,
)

NUMBERS = {"quantity", "women", "men", "total", "municipalities", "numerator", "denominator"}
DATES = {"start_date", "end_date"}


def _columns(columns, language):
    """The template's columns (key, Spanish, English) as export columns in `language`."""
    return [
        Column(
            key_,
            es if language == "es" else en,
            "int" if key_ in NUMBERS else "date" if key_ in DATES else "text",
        )
        for key_, es, en in columns
    ]


WHO = [
    Column("year", gettext_lazy("Year"), "int"),
    Column("agency", gettext_lazy("Agency")),
    Column("status", gettext_lazy("Status")),
]


class SubmissionDataExport(Export):
    """Rows of one or several submissions. For one agency's year the XLSX is also a template
    of it: its hidden sheet says which agency and year, so the import reads it back."""

    kind = ""

    def __init__(self, queryset, filename, submission=None, plan=None):
        self.queryset, self.filename, self.submission = queryset, filename, submission
        self.language = _language()
        self.plan = plan or submission.reporting_year.plan
        self.sheet = SHEETS[self.kind][0 if self.language == "es" else 1]

    def _who(self, submission):
        return [
            submission.reporting_year.year,
            submission.agency.code,
            submission.get_status_display(),
        ]

    def add_sheets(self, workbook):
        if self.submission is None:
            return
        meta = workbook.create_sheet(META_SHEET)
        for row in (
            ("agency", self.submission.agency.code),
            ("year", self.submission.year),
            ("version", TEMPLATE_VERSION),
            ("language", self.language),
            ("plan", self.plan.code),
        ):
            meta.append(list(row))
        meta.sheet_state = "veryHidden"


class ActivityExport(SubmissionDataExport):
    kind = "activities"
    model = Activity

    @property
    def columns(self):
        return WHO + _columns(activity_columns(self.plan.country), self.language)

    def rows(self):
        for a in (
            self.queryset.select_related(
                "submission__agency",
                "submission__reporting_year",
                "line__goal",
                "indicator",
                "subunit",
                "region",
            )
            .prefetch_related("counts__indicator")
            .order_by("submission__agency__code", "start_date", "pk")
        ):
            yield [
                *self._who(a.submission),
                a.reference,
                a.title,
                a.line.code,
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


class ValueExport(SubmissionDataExport):
    kind = "values"
    model = IndicatorValue

    @property
    def columns(self):
        return WHO + _columns(VALUE_COLUMNS, self.language)

    def rows(self):
        for v in self.queryset.select_related(
            "submission__agency", "submission__reporting_year", "indicator__goal"
        ).order_by("submission__agency__code", "indicator__goal__number", "indicator__position"):
            yield [
                *self._who(v.submission),
                v.indicator.code,
                v.indicator.text,
                v.women,
                v.men,
                v.total,
                v.numerator,
                v.denominator,
                _yes_no(v.yes_no, self.language),
                v.text,
                _yes_no(True, self.language) if v.no_data else "",
                v.no_data_reason,
                v.activities_note,
            ]


EXPORTS = {"activities": ActivityExport, "values": ValueExport}


def export_filename(kind, owner, year):
    names = {
        "activities": _("activities-%(owner)s-%(year)s"),
        "values": _("figures-%(owner)s-%(year)s"),
    }
    return names[kind] % {"owner": owner, "year": year}
