from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import FrameworkItem, FrameworkLink, ReferenceSheet

SHEET_FIELDS = [
    "definition_es",
    "definition_en",
    "calculation_es",
    "calculation_en",
    "disaggregation_es",
    "disaggregation_en",
    "data_source_es",
    "data_source_en",
    "verification_es",
    "verification_en",
    "frequency_es",
    "frequency_en",
    "baseline_value",
    "baseline_year",
    "limitations_es",
    "limitations_en",
    "sources_es",
    "sources_en",
]


class ReferenceSheetForm(forms.ModelForm):
    class Meta:
        model = ReferenceSheet
        fields = SHEET_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in SHEET_FIELDS
            if name not in ("frequency_es", "frequency_en", "baseline_value", "baseline_year")
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_baseline_year(self):
        year = self.cleaned_data.get("baseline_year")
        if year is not None and not 1900 <= year <= self.plan.end_year:
            raise forms.ValidationError(
                _("Give a year between 1900 and %(end)s, the plan's last year.")
                % {"end": self.plan.end_year}
            )
        return year

    def clean(self):
        data = super().clean()
        if data.get("baseline_year") and not data.get("baseline_value"):
            self.add_error("baseline_value", _("Give the baseline value for that year."))
        return data


class FrameworkItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, item):
        title = item.title or _("(title not at hand)")
        return f"{item} — {title}"


class FrameworkLinkForm(forms.ModelForm):
    item = FrameworkItemChoice(
        label=gettext_lazy("Global framework item"),
        queryset=FrameworkItem.objects.select_related("framework"),
    )

    class Meta:
        model = FrameworkLink
        fields = ["item", "note_es", "note_en"]
        widgets = {
            "note_es": forms.Textarea(attrs={"rows": 2}),
            "note_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean_item(self):
        item = self.cleaned_data["item"]
        if FrameworkLink.objects.filter(indicator=self.indicator, item=item).exists():
            raise forms.ValidationError(
                _("Indicator %(code)s is already linked to %(item)s.")
                % {"code": self.indicator.code, "item": item}
            )
        return item
