"""The budget line form: one line of action, source, programme key, marker and the three
amounts, typed the way people write them (1,250,000.50)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import LineOfAction

from . import rules
from .models import BudgetLine


class AmountField(forms.CharField):
    """An amount as text: empty is unknown, else a Decimal ≥ 0 (rules.parse_amount)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        # No max_length validator: it would measure the Decimal; parse_amount bounds the value.
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 40})

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return rules.parse_amount(value)
        except ValueError as error:
            raise ValidationError(str(error), code="amount") from None

    def prepare_value(self, value):
        return "" if value is None else str(value)


class BudgetLineForm(forms.ModelForm):
    programmed = AmountField(label=gettext_lazy("Programmed"))
    approved = AmountField(label=gettext_lazy("Approved"))
    spent = AmountField(label=gettext_lazy("Spent"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = BudgetLine
        fields = [
            "line",
            "source",
            "partner",
            "programme_key",
            "marker",
            "programmed",
            "approved",
            "spent",
            "overspend_note",
        ]
        widgets = {
            "overspend_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.fields["line"].queryset = (
            LineOfAction.objects.for_plan(submission.reporting_year.plan_id)
            .select_related("goal")
            .order_by("goal__number", "number")
        )
        self.fields["line"].label_from_instance = lambda line: f"{line.code} {line.text}"[:120]
        self.fields["marker"].choices = BudgetLine.Marker.choices
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        for name in ("programmed", "approved", "spent"):
            self.fields[name].help_text = _("In %(currency)s; leave empty if unknown.") % {
                "currency": submission.reporting_year.plan.country.currency
            }

    def clean(self):
        cleaned = super().clean()
        rules.check_line(cleaned, self.add_error)
        return cleaned

    @property
    def warning(self):
        """The over-spending warning of what was typed (a valid form), or None."""
        if not hasattr(self, "cleaned_data"):
            return None
        line = BudgetLine(
            approved=self.cleaned_data.get("approved"), spent=self.cleaned_data.get("spent")
        )
        return rules.overspend_warning(line, self.submission.reporting_year.plan.country.currency)


class ConcurrentEdit(Exception):
    """The line changed (or was deleted) since the form was opened."""


def save_locked(form, locked):
    """Write the line on the locked submission (`Submission.lock_for_entry`), refusing an edit
    of a version someone else has replaced since (ConcurrentEdit)."""
    line = form.save(commit=False)
    line.submission = locked
    if line.pk:
        stored = BudgetLine.objects.select_for_update().filter(pk=line.pk, submission=locked)
        stored = stored.first()
        if stored is None or stored.version != form.cleaned_data.get("version"):
            raise ConcurrentEdit
        line.version = stored.version + 1
    line.save()
    return line
