"""Loading a new plan from its workbook (`plan_workbook`), with no code.

Every sheet is imported with django-import-export, in order, in one transaction: each row gets
the model's full validation (lengths, choices, uniqueness in the plan) and its references looked
up among what the earlier sheets created (goal 4 of this plan, indicator 4b of this plan). The
preview runs it all and rolls back; confirming runs it again and keeps it, all rows or none.
Institutions, countries and regions already in the monitor are kept as they are.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from agencies.models import Agency, SubUnit
from core.imports import (
    ChoiceWidget,
    DayWidget,
    DecimalNumberWidget,
    ImportOutcome,
    LookupWidget,
    RowOutcome,
    TextWidget,
    WholeNumberWidget,
    counted,
    outcomes,
)
from core.uploads import (
    XLSX_SIGNATURE,
    UploadRefused,
    guarded,
    normalized,
    open_workbook,
    read_content,
    sheet_dataset,
)
from places.models import Country, Region

from .models import (
    Area,
    Indicator,
    LineOfAction,
    Plan,
    PlanActivity,
    Responsibility,
    StrategicGoal,
    Target,
)
from .plan_workbook import CHOICES, META_SHEET, SHEETS, TEMPLATE_VERSION, language

logger = logging.getLogger(__name__)


class ImportFailed(Exception):
    """The database refused rows that passed every check; nothing was written."""


# -- reading ------------------------------------------------------------------------------------


def read_plan_upload(upload):
    """sheet key -> Dataset of its rows, from an uploaded plan workbook, or UploadRefused."""
    content = read_content(upload)
    if not content.startswith(XLSX_SIGNATURE):
        raise UploadRefused(_("The file is not a workbook: upload the plan's XLSX template."))
    with guarded(), open_workbook(content) as workbook:
        if META_SHEET not in workbook.sheetnames:
            raise UploadRefused(
                _("This workbook is not a plan template. Download the template of a plan.")
            )
        meta = {str(r[0]): r[1] for r in workbook[META_SHEET].iter_rows(values_only=True) if r}
        if str(meta.get("version")) != TEMPLATE_VERSION:
            raise UploadRefused(
                _("This template is an old version (%(old)s). Download the template again.")
                % {"old": meta.get("version")}
            )
        names = {normalized(name): name for name in workbook.sheetnames}
        datasets = {}
        for key, (sheet_names, columns) in SHEETS.items():
            found = next(
                (names[normalized(n)] for n in sheet_names if normalized(n) in names), None
            )
            if found is None:
                raise UploadRefused(
                    _("The sheet “%(sheet)s” is missing. Do not rename the template's sheets.")
                    % {"sheet": sheet_names[0]}
                )
            datasets[key] = sheet_dataset(workbook[found], columns)
    return datasets


# -- resources ----------------------------------------------------------------------------------


class SheetResource(resources.ModelResource):
    """One sheet of the plan. `context` holds what earlier sheets created (the plan, lookups by
    number and code); rows are saved one by one, so that a later row of the same sheet finds
    an earlier one (and a repeated number is refused by the model's own uniqueness checks)."""

    sheet = None
    keep_existing = (
        False  # countries, regions, institutions already in the monitor stay as they are
    )

    class Meta:
        skip_diff = True
        report_skipped = True
        use_transactions = False
        clean_model_instances = False

    def __init__(self, context):
        super().__init__()
        self.context = context
        for key, _es, _en in SHEETS[self.sheet][1]:
            field = self.fields.get(key)
            if field is not None and (self.sheet, key) in CHOICES:
                field.widget = ChoiceWidget(
                    CHOICES[(self.sheet, key)], _("“%(value)s” is not one of the choices.")
                )

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # Empty text cells are "" (the models' text fields are never null) and numbers are
        # whole numbers written as the user wrote them ("3", 3 or 3.0).
        kind = f.get_internal_type()
        if kind in ("CharField", "TextField"):
            return lambda **_options: TextWidget()
        if kind in ("PositiveSmallIntegerField", "PositiveIntegerField", "IntegerField"):
            return lambda **_options: WholeNumberWidget()
        return super().widget_from_django_field(f, default)

    def save_instance(self, instance, is_create, row, **kwargs):
        # A savepoint per row: a row the database refuses despite every check is reported as
        # that row's error, and does not poison the rows that follow.
        with transaction.atomic():
            super().save_instance(instance, is_create, row, **kwargs)

    def lookup(self, name, message, empty=None):
        return LookupWidget(self.context[name], message, empty=empty)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return self.keep_existing and instance.pk is not None and not import_validation_errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not (self.keep_existing and instance.pk):
            try:
                instance.full_clean(exclude=set(errors))
            except ValidationError as invalid:
                for name, messages in invalid.message_dict.items():
                    errors.setdefault(name if name != "__all__" else self.sheet_key_field, [])
                    errors[name if name != "__all__" else self.sheet_key_field] += messages
        if errors:
            raise ValidationError(errors)

    sheet_key_field = "code"

    def after_save_instance(self, instance, row, **kwargs):
        self.remember(instance)

    def remember(self, instance):
        """Make the row just saved findable by the sheets that follow."""


class CountryResource(SheetResource):
    sheet = "countries"
    keep_existing = True

    class Meta(SheetResource.Meta):
        model = Country
        import_id_fields = ["code"]
        fields = ["code", "name_es", "name_en", "region_label_es", "region_label_en"]

    def remember(self, instance):
        self.context["countries"][normalized(instance.code)] = instance


class RegionResource(SheetResource):
    sheet = "regions"
    keep_existing = True
    country = fields.Field(attribute="country", column_name="country")

    class Meta(SheetResource.Meta):
        model = Region
        import_id_fields = ["country", "code"]
        fields = ["country", "code", "name"]

    def __init__(self, context):
        super().__init__(context)
        self.fields["country"].widget = self.lookup(
            "countries", _("There is no country “%(value)s”.")
        )


class AgencyResource(SheetResource):
    sheet = "agencies"
    keep_existing = True
    kind = fields.Field(attribute="kind", column_name="kind")

    class Meta(SheetResource.Meta):
        model = Agency
        import_id_fields = ["code"]
        fields = ["code", "name_es", "name_en", "kind"]

    def remember(self, instance):
        self.context["agencies"][normalized(instance.code)] = instance

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if instance.pk is not None:
            self.remember(instance)
        return super().skip_row(instance, original, row, import_validation_errors)


class SubUnitResource(SheetResource):
    sheet = "subunits"
    keep_existing = True
    agency = fields.Field(attribute="agency", column_name="agency")

    class Meta(SheetResource.Meta):
        model = SubUnit
        import_id_fields = ["agency", "code"]
        fields = ["agency", "code", "name_es", "name_en"]

    def __init__(self, context):
        super().__init__(context)
        self.fields["agency"].widget = self.lookup(
            "agencies", _("There is no institution “%(value)s”.")
        )


class PlanResource(SheetResource):
    sheet = "plan"
    country = fields.Field(attribute="country", column_name="country")
    published_on = fields.Field(
        attribute="published_on", column_name="published_on", widget=DayWidget()
    )

    class Meta(SheetResource.Meta):
        model = Plan
        import_id_fields = ["code"]
        fields = [key for key, _es, _en in SHEETS["plan"][1]]

    def __init__(self, context):
        super().__init__(context)
        self.fields["country"].widget = self.lookup(
            "countries", _("There is no country “%(value)s”: add it in the sheet “Countries”.")
        )

    def get_instance(self, instance_loader, row):
        return None  # always a new plan: one with the same code is refused by validation

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if self.context.get("plan") is not None:
            raise ValidationError({"code": [_("The sheet “Plan” has one row only.")]})
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def remember(self, instance):
        self.context["plan"] = instance


class InPlanResource(SheetResource):
    """A sheet whose rows belong to the plan created by the sheet “Plan”."""

    sheet_key_field = "number"

    def get_instance(self, instance_loader, row):
        return None  # the plan is new: every row is new

    @property
    def plan(self):
        return self.context["plan"]


class AreaResource(InPlanResource):
    sheet = "areas"

    class Meta(SheetResource.Meta):
        model = Area
        import_id_fields = ["number"]
        fields = [key for key, _es, _en in SHEETS["areas"][1]]

    def init_instance(self, row=None):
        return Area(plan=self.plan)

    def remember(self, instance):
        self.context["areas"][normalized(instance.number)] = instance


class GoalResource(InPlanResource):
    sheet = "goals"
    area = fields.Field(attribute="area", column_name="area")

    class Meta(SheetResource.Meta):
        model = StrategicGoal
        import_id_fields = ["number"]
        fields = [key for key, _es, _en in SHEETS["goals"][1]]

    def __init__(self, context):
        super().__init__(context)
        self.fields["area"].widget = self.lookup(
            "areas",
            _("There is no area “%(value)s” in the sheet “Areas” (or its row is in error)."),
        )

    def init_instance(self, row=None):
        return StrategicGoal(plan=self.plan)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.area_id:
            instance.plan_id = instance.area.plan_id
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def remember(self, instance):
        self.context["goals"][normalized(instance.number)] = instance


class GoalChildResource(InPlanResource):
    """Lines of action and the plan's activities: rows under a goal, by its number."""

    goal = fields.Field(attribute="goal", column_name="goal")

    def __init__(self, context):
        super().__init__(context)
        self.fields["goal"].widget = self.lookup(
            "goals",
            _("There is no goal “%(value)s” in the sheet “Goals” (or its row is in error)."),
        )


class LineResource(GoalChildResource):
    sheet = "lines"

    class Meta(SheetResource.Meta):
        model = LineOfAction
        import_id_fields = ["goal", "number"]
        fields = [key for key, _es, _en in SHEETS["lines"][1]]

    def remember(self, instance):
        self.context["lines"][(instance.goal_id, instance.number)] = instance


class PlanActivityResource(GoalChildResource):
    sheet = "activities"
    sheet_key_field = "position"

    class Meta(SheetResource.Meta):
        model = PlanActivity
        import_id_fields = ["goal", "position"]
        fields = [key for key, _es, _en in SHEETS["activities"][1]]


class IndicatorResource(GoalChildResource):
    sheet = "indicators"
    line = fields.Field(attribute="line", column_name="line", widget=WholeNumberWidget())
    measure = fields.Field(attribute="measure", column_name="measure")
    sheet_key_field = "code"

    class Meta(SheetResource.Meta):
        model = Indicator
        import_id_fields = ["code"]
        fields = [key for key, _es, _en in SHEETS["indicators"][1]]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "line":
            number = field.clean(row)
            line = self.context["lines"].get((instance.goal_id, number)) if number else None
            # Without its goal (an error of its own), a line cannot be looked for.
            if number and line is None and instance.goal_id is not None:
                raise ValueError(
                    _("The goal has no line of action %(number)s.") % {"number": number}
                )
            instance.line = line
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        instance.plan = self.plan
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def remember(self, instance):
        self.context["indicators"][normalized(instance.code)] = instance


class TargetResource(GoalChildResource):
    sheet = "targets"
    indicator = fields.Field(attribute="indicator", column_name="indicator")
    kind = fields.Field(attribute="kind", column_name="kind")
    value = fields.Field(attribute="value", column_name="value", widget=DecimalNumberWidget())
    comparison = fields.Field(attribute="comparison", column_name="comparison")
    counted = fields.Field(attribute="counted", column_name="counted")
    sheet_key_field = "position"

    class Meta(SheetResource.Meta):
        model = Target
        import_id_fields = ["goal", "position"]
        fields = [key for key, _es, _en in SHEETS["targets"][1]]

    def __init__(self, context):
        super().__init__(context)
        self.fields["indicator"].widget = self.lookup(
            "indicators",
            _(
                "There is no indicator “%(value)s” in the sheet “Indicators” (or its row is in "
                "error)."
            ),
        )

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty comparison or “who is counted” keeps the model's default.
        if field.attribute in ("comparison", "counted") and row.get(field.column_name) in (
            None,
            "",
        ):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)


class InstitutionResource(InPlanResource):
    sheet = "institutions"
    indicator = fields.Field(attribute="indicator", column_name="indicator")
    agency = fields.Field(attribute="agency", column_name="agency")
    sheet_key_field = "agency"

    class Meta(SheetResource.Meta):
        model = Responsibility
        import_id_fields = ["indicator", "agency"]
        fields = [key for key, _es, _en in SHEETS["institutions"][1]]

    def __init__(self, context):
        super().__init__(context)
        self.fields["indicator"].widget = self.lookup(
            "indicators",
            _(
                "There is no indicator “%(value)s” in the sheet “Indicators” (or its row is in "
                "error)."
            ),
        )
        self.fields["agency"].widget = self.lookup(
            "agencies",
            _("There is no institution “%(value)s”: add it in the sheet “Institutions”."),
        )


# Sheets in the order they are read: each one finds what the earlier ones created.
RESOURCES = [
    ("countries", CountryResource),
    ("regions", RegionResource),
    ("agencies", AgencyResource),
    ("subunits", SubUnitResource),
    ("plan", PlanResource),
    ("areas", AreaResource),
    ("goals", GoalResource),
    ("lines", LineResource),
    ("activities", PlanActivityResource),
    ("indicators", IndicatorResource),
    ("targets", TargetResource),
    ("institutions", InstitutionResource),
]


def _joined(*keys, separator="."):
    """A row's reference made of several cells: goal 4, target 2 is "4.2"."""

    def reference(row):
        return separator.join(str(row[key]) for key in keys if row.get(key) not in (None, ""))

    return reference


# How the preview names a row, where the first column is not enough.
REFERENCES = {
    "regions": _joined("country", "code", separator=" "),
    "subunits": _joined("agency", "code", separator=" · "),
    "lines": _joined("goal", "number"),
    "activities": _joined("goal", "position"),
    "targets": _joined("goal", "position"),
    "institutions": _joined("indicator", "agency", separator=" · "),
}
# Sheets whose rows a plan cannot do without.
REQUIRED = ("plan", "areas", "goals", "indicators")
# Sheets whose rows belong to the plan (the others are shared reference data).
IN_THE_PLAN = ("areas", "goals", "lines", "activities", "indicators", "targets", "institutions")


def _context():
    return {
        "plan": None,
        "countries": {normalized(c.code): c for c in Country.objects.all()},
        "agencies": {normalized(a.code): a for a in Agency.objects.all()},
        "areas": {},
        "goals": {},
        "lines": {},
        "indicators": {},
    }


def run_plan_import(datasets, dry_run=True):
    """Import every sheet in one transaction; roll back on a dry run or if any row is in error.
    Returns (ImportOutcome, the plan created or None)."""
    rows = []
    try:
        with transaction.atomic():
            context = _context()
            for key, resource_class in RESOURCES:
                (sheet_es, sheet_en), columns = SHEETS[key]
                dataset = datasets[key]
                if not len(dataset):
                    if key in REQUIRED:
                        rows.append(_empty_sheet(sheet_es, sheet_en))
                    continue
                if key in IN_THE_PLAN and context["plan"] is None:
                    break  # the plan itself is in error: its rows cannot be read
                result = resource_class(context).import_data(
                    dataset, dry_run=False, use_transactions=False, raise_errors=False
                )
                reference = REFERENCES.get(key, columns[0][0])
                rows += outcomes(
                    result, dataset, _sheet_name(sheet_es, sheet_en), columns, reference
                )
            outcome = ImportOutcome(rows, counted(rows))
            plan = context["plan"]
            if dry_run or outcome.has_errors:
                transaction.set_rollback(True)
                plan = None
    except DatabaseError as error:
        logger.exception("The database refused a plan import that passed the checks.")
        raise ImportFailed(
            _("The plan could not be saved; nothing was changed. Check the file and try again.")
        ) from error
    return outcome, plan


def _sheet_name(es, en):
    return es if language() == "es" else en


def _empty_sheet(es, en):
    return RowOutcome(
        _sheet_name(es, en), 2, "error", "", [("", _("A plan needs at least one row here."))]
    )
