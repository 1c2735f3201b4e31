"""“Nothing to report on these indicators”: one step and one reason for a whole goal of the
yearly form. Each indicator of the goal with nothing entered is marked “no data this year” with
that reason, under the submission's lock; one that someone else filled in since the page was
loaded is left as they saved it, and said so."""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy

from core.fields import NOTE_LENGTH

from . import rules
from .models import IndicatorValue


class NothingToReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why there is no data (one reason for all of them)"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason_en = forms.CharField(
        label=gettext_lazy("The same in English (optional)"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The indicators the person saw with nothing entered: only those are marked.
    codes = forms.CharField(widget=forms.HiddenInput, max_length=2_000)

    def __init__(self, *args, goal_number=None, **kwargs):
        super().__init__(*args, **kwargs)
        if goal_number is not None:
            self.prefix = f"g{goal_number}"
            # The fields sit inside the yearly form's goal group but belong to this small form
            # (HTML forms cannot nest): the `form` attribute names it.
            for name in ("reason", "reason_en"):
                self.fields[name].widget.attrs["form"] = f"nothing-{goal_number}"

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(gettext_lazy("Say why there is no data this year."))
        return reason

    def clean_codes(self):
        return [code for code in self.cleaned_data["codes"].split(",") if code.strip()]


@dataclass
class Outcome:
    marked: list = field(default_factory=list)  # codes marked "no data"
    kept: list = field(default_factory=list)  # codes someone filled in meanwhile


def mark_nothing_to_report(submission, goal_number, codes, reason, reason_en, user):
    """Mark the goal's indicators listed in `codes` that still have nothing entered. Raises
    SubmissionLocked if the submission can no longer change once the lock is held."""
    outcome = Outcome()
    with transaction.atomic():
        locked = submission.lock_for_entry()
        indicators = [
            indicator
            for indicator in rules.indicators_for(locked)
            if indicator.goal.number == goal_number and indicator.code in codes
        ]
        stored = {
            value.indicator_id: value
            for value in locked.values.filter(indicator__in=[i.pk for i in indicators])
        }
        for indicator in indicators:
            value = stored.get(indicator.pk)
            if value is not None and not value.is_empty:
                outcome.kept.append(indicator.code)
                continue
            value = value or IndicatorValue(submission=locked, indicator=indicator)
            value.no_data, value.no_data_reason, value.no_data_reason_en = True, reason, reason_en
            value.save()
            outcome.marked.append(indicator.code)
        if outcome.marked:
            locked.touch(user)
    submission.version = locked.version
    return outcome
