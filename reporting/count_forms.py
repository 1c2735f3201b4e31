"""The further indicators an activity counts towards, edited with the activity: one row per
indicator, with its own quantity and, where needed, its own people counts."""

from django import forms
from django.utils.translation import gettext as _

from indicators.models import Indicator
from measures.registry import REGISTRY

from . import rules
from .models import Activity, ActivityCount


class ActivityCountForm(forms.ModelForm):
    class Meta:
        model = ActivityCount
        fields = ["indicator", "quantity", "women", "men", "total"]

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = rules.indicators_for(submission)
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.text[:80]}"
        self.fields["quantity"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quantity") is None:
            cleaned["quantity"] = 1
        # The same rule as any figure of people: women and men add up to the total.
        REGISTRY[Indicator.Measure.PEOPLE_BY_SEX].clean(cleaned, self.add_error)
        return cleaned


class BaseCountFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, main_indicator=None, **kwargs):
        self.main_indicator = main_indicator
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            indicator = form.cleaned_data.get("indicator")
            if indicator is not None and indicator == self.main_indicator:
                form.add_error(
                    "indicator",
                    _("The activity already counts towards %(code)s as its own indicator.")
                    % {"code": indicator.code},
                )


CountFormSet = forms.inlineformset_factory(
    Activity,
    ActivityCount,
    form=ActivityCountForm,
    formset=BaseCountFormSet,
    extra=1,
    can_delete=True,
)


def count_formset(submission, activity, data=None, main_indicator=None):
    return CountFormSet(
        data,
        instance=activity or Activity(),
        prefix="counts",
        form_kwargs={"submission": submission},
        main_indicator=main_indicator,
    )
