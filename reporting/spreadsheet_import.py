"""Importing a read file: django-import-export resources that check every row with the same
rules as the forms (and the models' own limits), then write all rows in one transaction, or none.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import CachedInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.models import SubUnit
from core.imports import (
    ChoiceWidget,
    DayWidget,
    ImportOutcome,
    LookupWidget,
    PreviewedRows,
    TextWidget,
    WholeNumberWidget,
    counted,
    outcomes,
)
from indicators.models import LineOfAction

from . import rules
from .count_import import parse_codes, sync_counts
from .models import Activity
from .spreadsheet_format import (
    ACTIVITY_COLUMNS,
    EXTRA_SHEETS,
    VALUE_COLUMNS,
    _key,
    activity_columns,
)
from .spreadsheet_values import IndicatorValueResource

logger = logging.getLogger(__name__)

# -- resources --------------------------------------------------------------------------------


class ActivityResource(PreviewedRows, resources.ModelResource):
    """Activities, matched by their reference within the agency's year."""

    reference = fields.Field(attribute="reference", column_name="reference", widget=TextWidget())
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget())
    line = fields.Field(attribute="line", column_name="line")
    indicator = fields.Field(attribute="indicator", column_name="indicator")
    subunit = fields.Field(attribute="subunit", column_name="subunit")
    start_date = fields.Field(attribute="start_date", column_name="start_date", widget=DayWidget())
    end_date = fields.Field(attribute="end_date", column_name="end_date", widget=DayWidget())
    modality = fields.Field(attribute="modality", column_name="modality")
    region = fields.Field(attribute="region", column_name="region")
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
    title_en = fields.Field(attribute="title_en", column_name="title_en", widget=TextWidget())
    description_en = fields.Field(
        attribute="description_en", column_name="description_en", widget=TextWidget()
    )
    participants_institution = fields.Field(
        attribute="participants_institution",
        column_name="participants_institution",
        widget=TextWidget(),
    )
    municipalities = fields.Field(
        attribute="municipalities", column_name="municipalities", widget=WholeNumberWidget()
    )
    # Not a field of the activity: its further indicators, synced after the rows are saved.
    also_counts = fields.Field(column_name="also_counts")

    COMPARED = [key_ for key_, _es, _en in ACTIVITY_COLUMNS if key_ != "also_counts"]
    PREVIEWED = COMPARED
    RELATIONS = ("line", "indicator", "subunit", "region")

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

    # Checked by the lookups and the rules above, or not the person's to fill.
    NOT_CLEANED = ("submission", "line", "indicator", "subunit", "region", "version")

    def __init__(self, submission, user=None, duplicates=None):
        super().__init__()
        self.submission = submission
        self.user = user
        self.duplicates = duplicates or {}  # reference -> rows, for references used twice
        self.wanted_counts = {}  # reference -> the further indicators its row lists
        plan = submission.reporting_year.plan
        lines = {
            _key(line.code): line
            for line in LineOfAction.objects.for_plan(plan).select_related("goal")
        }
        indicators = {_key(i.code): i for i in rules.indicators_for(submission)}
        self.indicators = indicators
        subunits = {_key(s.code): s for s in SubUnit.objects.filter(agency=submission.agency)}
        regions = {}
        for region in plan.country.regions.all():
            regions[_key(region.code)] = region
            regions[_key(region.name)] = region
            if region.code.isdigit():
                regions[_key(str(int(region.code)))] = region  # 9 for 09, as a sheet may show it
        # What the preview shows for a relation, by its id (no query per row).
        self.names = {
            "line": {line.pk: line.code for line in lines.values()},
            "indicator": {i.pk: i.code for i in indicators.values()},
            "subunit": {s.pk: s.code for s in subunits.values()},
            "region": {r.pk: r.name for r in regions.values()},
        }
        self.fields["line"].widget = LookupWidget(
            lines, _("There is no line of action “%(value)s”."), first_word=True
        )
        self.fields["indicator"].widget = LookupWidget(
            indicators, _("“%(value)s” is not an indicator your agency is in charge of.")
        )
        self.fields["subunit"].widget = LookupWidget(
            subunits, _("“%(value)s” is not a sub-unit of your agency.")
        )
        self.fields["modality"].widget = ChoiceWidget(
            Activity.Modality.choices,
            _("“%(value)s” is not a modality (in person, online, mixed)."),
        )
        self.fields["region"].widget = LookupWidget(
            regions,
            _("“%(value)s” is not among the choices of “%(region)s” (%(country)s).")
            % {
                "value": "%(value)s",
                "region": plan.country.region_label,
                "country": plan.country.name,
            },
        )

    def get_queryset(self):
        return Activity.objects.filter(submission=self.submission).prefetch_related("counts")

    def init_instance(self, row=None):
        return Activity(submission=self.submission)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty modality or quantity keeps the model's default (in person, 1). The further
        # indicators are not a field of the activity (see import_instance).
        if field.column_name == "also_counts":
            return
        if field.attribute in ("modality", "quantity") and row.get(field.column_name) in (None, ""):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # As in the form: a total left empty is women + men. Done before the unchanged check, so
        # a file imported twice is seen as unchanged the second time.
        if instance.total is None and instance.women is not None and instance.men is not None:
            instance.total = instance.women + instance.men
        instance._also, instance._also_error = None, None
        if "also_counts" in row:
            try:
                instance._also = parse_codes(row["also_counts"], self.indicators)
            except ValueError as error:
                instance._also_error = str(error)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._before = None if new else {k: self._value(instance, k) for k in self.COMPARED}
        instance._shown_before = (
            None if new else {k: self.shown(instance, k) for k in self.PREVIEWED}
        )

    def shown(self, instance, key_):
        if key_ in self.RELATIONS:
            return self.names[key_].get(getattr(instance, f"{key_}_id"))
        if key_ == "modality":
            return instance.get_modality_display() if instance.modality else ""
        return getattr(instance, key_)

    @staticmethod
    def _value(instance, key_):
        return getattr(instance, f"{key_}_id" if key_ in ActivityResource.RELATIONS else key_)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not import_validation_errors:
            self.record(instance, instance._shown_before)
        if import_validation_errors or instance._before is None or instance._also_error:
            return False
        if instance._also is not None:
            before = {c.indicator_id for c in instance.counts.all()}
            if before != {i.pk for i in instance._also}:
                return False
        return all(instance._before[k] == self._value(instance, k) for k in self.COMPARED)

    def save_instance(self, instance, is_create, row, **kwargs):
        # A row that lists further indicators has them synced once the rows are written.
        if getattr(instance, "_also", None) is not None:
            self.wanted_counts[instance.reference] = instance._also
        super().save_instance(instance, is_create, row, **kwargs)

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
        if getattr(instance, "_also_error", None):
            add_error("also_counts", instance._also_error)
        elif instance.indicator_id and any(
            i.pk == instance.indicator_id for i in getattr(instance, "_also", None) or ()
        ):
            add_error(
                "also_counts",
                _("The activity already counts towards %(code)s as its own indicator.")
                % {"code": instance.indicator.code},
            )
        computed = rules.check_activity(self.submission, cleaned, add_error)
        if "total" in computed:
            instance.total = computed["total"]
        rows = self.duplicates.get(instance.reference)
        if rows:
            # Two rows with one reference would overwrite each other (or break the database).
            add_error(
                "reference",
                _("The reference %(reference)s is used in rows %(rows)s.")
                % {"reference": instance.reference, "rows": ", ".join(map(str, rows))},
            )
        # The model's own limits (lengths, ranges), as the forms check them.
        try:
            instance.clean_fields(exclude={*errors, *self.NOT_CLEANED})
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                for message in messages:
                    add_error(name, message)
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
                    *(f"{k}_id" if k in self.RELATIONS else k for k in self.COMPARED),
                    "version",
                ],
                batch_size=batch_size,
                default_user=self.user,
            )
        self.update_instances = []


# -- running an import ------------------------------------------------------------------------


class ImportFailed(Exception):
    """The database refused the rows although they passed every check; nothing was written."""


def _duplicated_references(dataset):
    index = dataset.headers.index("reference")
    rows = {}
    for row in dataset:
        reference = str(row[index] or "").strip()
        if reference:
            rows.setdefault(reference, []).append(row[0])
    return {reference: found for reference, found in rows.items() if len(found) > 1}


def run_import(parsed, submission, user=None, dry_run=True, skip_errors=False):
    """Import both sheets in one transaction; roll back on dry run, or if any row is in error
    unless `skip_errors` (the person chose to import the valid rows only: rows in error are
    never written).

    To apply (dry_run=False), `submission` must be the locked copy from
    `Submission.lock_for_entry()`: the rows land only while it may still change."""
    value_outcomes = []
    try:
        with transaction.atomic():
            # Activities first: a figure is then checked against the activities of the file.
            activity_outcomes = []
            if parsed.activities is not None:
                resource = ActivityResource(
                    submission, user, duplicates=_duplicated_references(parsed.activities)
                )
                result = resource.import_data(
                    parsed.activities, dry_run=False, use_transactions=False, raise_errors=False
                )
                sync_counts(submission, resource.wanted_counts)
                activity_outcomes = outcomes(
                    result,
                    parsed.activities,
                    _("Activities"),
                    activity_columns(submission.reporting_year.plan.country),
                    "reference",
                    previewed=getattr(resource, "previewed", None),
                    kind="activities",
                )
            if parsed.values is not None:
                resource = IndicatorValueResource(submission, user)
                result = resource.import_data(
                    parsed.values, dry_run=False, use_transactions=False, raise_errors=False
                )
                value_outcomes = outcomes(
                    result,
                    parsed.values,
                    _("Indicators"),
                    VALUE_COLUMNS,
                    "indicator",
                    previewed=getattr(resource, "previewed", None),
                    kind="values",
                )
            rows = value_outcomes + activity_outcomes
            for sheet in EXTRA_SHEETS:
                if parsed.extra.get(sheet.kind) is not None:
                    rows += sheet.run(parsed.extra[sheet.kind], submission, user)
            outcome = ImportOutcome(rows, counted(rows))
            if dry_run or (outcome.has_errors and not skip_errors):
                transaction.set_rollback(True)
            elif outcome.changes:
                submission.touch(user)
    except DatabaseError as error:
        logger.exception("The database refused an import that passed the checks.")
        raise ImportFailed(
            _("The rows could not be saved; nothing was changed. Check the file and try again.")
        ) from error
    return outcome
