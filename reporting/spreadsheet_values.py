"""Importing the yearly figures sheet: one row per indicator, matched by its code and checked by
the yearly form's own rules (the same messages as the form)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources

from core.imports import LookupWidget, PreviewedRows, TextWidget, WholeNumberWidget

from . import rules
from .models import IndicatorValue
from .spreadsheet_format import NO, YES, _key
from .yearly_form import IndicatorValueForm


class IndicatorValueResource(PreviewedRows, resources.ModelResource):
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
        self.indicators = {_key(i.code): i for i in rules.indicators_for(submission)}
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

    PREVIEWED = ANSWERS

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        before = getattr(instance, "_before", None)
        self.record(instance, before)
        if before is None:
            return instance.is_empty
        return all(before[k] == getattr(instance, k) for k in self.ANSWERS)

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.save()
