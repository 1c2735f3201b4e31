from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from core.conflicts import conflict, last_saved
from core.fields import NOTE_LENGTH

from .models import Format, ReportConclusion, ReportIntroduction


class YearLanguageForm(forms.Form):
    """A report of the plan: one of its years opened for reporting, in one language."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        if years:
            self.fields["year"].initial = years[0]


class ReportForm(YearLanguageForm):
    """A preview: never published, marked as a draft on every page."""

    APPROVED, DRAFT = "approved", "draft"

    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=Format.choices)
    kind = forms.ChoiceField(
        label=gettext_lazy("Data"),
        choices=[
            (APPROVED, gettext_lazy("Approved data only, as it would be published")),
            (DRAFT, gettext_lazy("Including submitted data, marked as not yet approved")),
        ],
    )


class PublishForm(YearLanguageForm):
    """The confirmation of a publication: what the page announced (the version's number and
    the state of the data), checked again when it is sent."""

    number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    state = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def clean(self):
        # Hidden fields show no error of their own: say it once, for the whole form.
        if "number" in self.errors or "state" in self.errors:
            raise forms.ValidationError(
                gettext_lazy(
                    "This confirmation is not one the page sent: load the confirmation page again."
                )
            )
        return super().clean()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the withdrawal"),
        help_text=gettext_lazy("Shown publicly beside the withdrawn version."),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for withdrawing this version.")},
    )


class TextForm(forms.ModelForm):
    """The introduction's or the conclusions' form: both are on one page, each with its own
    element ids."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self._meta.model._meta.model_name}_%s")
        super().__init__(*args, **kwargs)


class IntroductionForm(TextForm):
    class Meta:
        model = ReportIntroduction
        fields = ["text_es", "text_en"]
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 5}),
            "text_en": forms.Textarea(attrs={"rows": 5}),
        }


class ConclusionForm(TextForm):
    class Meta:
        model = ReportConclusion
        fields = ["text_es", "text_en"]
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 5}),
            "text_en": forms.Textarea(attrs={"rows": 5}),
        }


def text_conflict(stored, form):
    """The text someone else saved since the page was loaded, beside this person's."""
    if stored is None:
        return None
    names = ["text_es", "text_en"]
    labels = {name: str(form.fields[name].label) for name in names}
    theirs = {name: getattr(stored, name) for name in names}
    yours = {name: form.cleaned_data[name] for name in names}
    who = last_saved(type(stored), [stored.pk]).get(stored.pk)
    return conflict(str(stored.year), who, theirs, yours, labels)
