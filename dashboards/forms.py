from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from core.conflicts import conflict, last_saved
from references.filters import item_by_key, linked_items

from .models import Assessment, Rating
from .progress import Source


class DashboardFilter(forms.Form):
    """Year, agency and (for the working group) whether submitted data is included."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All agencies"),
    )
    view = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[("year", gettext_lazy("The year")), ("so_far", gettext_lazy("The plan so far"))],
        required=False,
    )
    source = forms.ChoiceField(label=gettext_lazy("Data"), choices=Source.choices, required=False)
    framework = forms.ChoiceField(label=gettext_lazy("Global framework"), required=False)

    def __init__(self, data, *, plan, default_year, can_review, frameworks=False):
        super().__init__(data, initial={"year": default_year})
        self.plan = plan
        self.default_year = default_year
        self.fields["agency"].queryset = Agency.objects.in_charge_of(plan).implementing()
        self.fields["year"].choices = [(y, y) for y in plan.years]
        self.fields["year"].initial = default_year
        self.fields["year"].error_messages["invalid_choice"] = _(
            "%(value)s is not a year of the plan (%(start)s-%(end)s)."
        ) % {"value": "%(value)s", "start": plan.start_year, "end": plan.end_year}
        if frameworks:
            self.fields["framework"].choices = [("", _("Every indicator")), *linked_items(plan)]
        else:
            del self.fields["framework"]
        if not can_review:
            # Observers and the public see approved data only: the option is not even offered.
            del self.fields["source"]

    def choices(self):
        """The filter's values, with defaults for what is missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "year": data.get("year") or self.default_year,
            "agency": data.get("agency"),
            "so_far": data.get("view") == "so_far",
            "source": Source(data.get("source") or Source.APPROVED),
            "framework": item_by_key(data["framework"]) if data.get("framework") else None,
        }


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["rating", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = Rating.choices

    def clean_justification(self):
        text = self.cleaned_data["justification"].strip()
        if len(text) < 10:
            raise forms.ValidationError(
                _("Write the justification: what the working group saw, in a sentence or two.")
            )
        return text


def rating_conflict(stored, form, of_target):
    """The rating someone else saved since the page was loaded, beside this person's."""
    if stored is None:
        return None
    labels = {name: str(form.fields[name].label) for name in ("rating", "justification")}
    theirs = {"rating": stored.get_rating_display(), "justification": stored.justification}
    yours = {
        "rating": dict(Rating.choices).get(form.cleaned_data["rating"]),
        "justification": form.cleaned_data["justification"],
    }
    label = str(stored.target or stored.indicator)
    return conflict(
        label, last_saved(Assessment, [stored.pk]).get(stored.pk), theirs, yours, labels
    )
