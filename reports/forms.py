from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from core.conflicts import conflict, last_saved

from .models import Format, ReportIntroduction


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=Format.choices)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            ("final", gettext_lazy("Final: approved data only, kept as published")),
            ("draft", gettext_lazy("Draft: includes submitted data, marked as not yet approved")),
        ],
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        if years:
            self.fields["year"].initial = years[0]


class IntroductionForm(forms.ModelForm):
    class Meta:
        model = ReportIntroduction
        fields = ["text_es", "text_en"]
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 5}),
            "text_en": forms.Textarea(attrs={"rows": 5}),
        }


def introduction_conflict(stored, form):
    """The introduction someone else saved since the page was loaded, beside this person's."""
    if stored is None:
        return None
    names = ["text_es", "text_en"]
    labels = {name: str(form.fields[name].label) for name in names}
    theirs = {name: getattr(stored, name) for name in names}
    yours = {name: form.cleaned_data[name] for name in names}
    who = last_saved(ReportIntroduction, [stored.pk]).get(stored.pk)
    return conflict(str(stored.year), who, theirs, yours, labels)
