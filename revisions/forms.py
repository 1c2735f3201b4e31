"""The working group's forms for a revision of the plan: the revision itself (why, from which
year), then one form per kind of change, each with only the fields that change needs."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from indicators.models import Indicator, PlanRevision, RevisionChange, StrategicGoal, Target
from indicators.models.measures import NUMBERED_KINDS, UNNUMBERED_KINDS

Kind = RevisionChange.Kind


class RevisionForm(forms.ModelForm):
    class Meta:
        model = PlanRevision
        fields = ["first_year", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_first_year(self):
        year = self.cleaned_data["first_year"]
        if not self.plan.start_year <= year <= self.plan.end_year + 10:
            raise ValidationError(
                _(
                    "A revision applies from a year of the plan (%(start)s-%(end)s) or of its "
                    "extension."
                )
                % {"start": self.plan.start_year, "end": self.plan.end_year}
            )
        return year


class ChangeForm(forms.Form):
    """One change of a revision. Subclasses list their fields and turn them into the change."""

    kind = None

    def __init__(self, *args, revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.revision = revision
        plan, year = revision.plan, revision.first_year
        self.targets = Target.objects.for_plan(plan).in_force(year).select_related("goal")
        self.indicators = Indicator.objects.for_plan(plan).in_force(year)
        self.goals = StrategicGoal.objects.for_plan(plan)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = {
                    "target": self.targets,
                    "indicator": self.indicators,
                    "measured_by": self.indicators,
                    "goal": self.goals,
                }.get(name, field.queryset)

    def change(self):
        """The RevisionChange this form records (not saved)."""
        raise NotImplementedError


def _target_label(target):
    return f"{target.goal.number}.{target.position} {target.text[:90]}"


class TermsFields(forms.Form):
    target_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of target"), choices=Target.Kind.choices
    )
    value = forms.DecimalField(
        label=gettext_lazy("Number"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
    )
    comparison = forms.ChoiceField(
        label=gettext_lazy("Comparison"), choices=Target.Comparison.choices
    )
    counted = forms.ChoiceField(
        label=gettext_lazy("Who is counted"), choices=Target.Counted.choices
    )

    def terms(self):
        data = self.cleaned_data
        return {
            "kind": data["target_kind"],
            "value": None if data.get("value") is None else str(data["value"]),
            "comparison": data["comparison"],
            "counted": data["counted"],
        }

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("target_kind"), cleaned.get("value")
        if kind in UNNUMBERED_KINDS and value is not None:
            self.add_error(
                "value", _("A milestone, a qualitative or an “each year” target has no number.")
            )
        if kind in NUMBERED_KINDS and value is None:
            self.add_error("value", _("Give the number this target promises."))
        if kind == Target.Kind.SHARE_THRESHOLD and value is not None and value > 100:
            self.add_error("value", _("A share cannot be more than 100."))
        return cleaned


class TargetTermsForm(TermsFields, ChangeForm):
    kind = Kind.TARGET_TERMS
    target = forms.ModelChoiceField(label=gettext_lazy("Target"), queryset=Target.objects.none())

    field_order = ["target", "target_kind", "value", "comparison", "counted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].label_from_instance = _target_label

    def change(self):
        return RevisionChange(
            kind=self.kind, target=self.cleaned_data["target"], after=self.terms()
        )


class TargetAddedForm(TermsFields, ChangeForm):
    kind = Kind.TARGET_ADDED
    goal = forms.ModelChoiceField(
        label=gettext_lazy("Strategic goal"), queryset=StrategicGoal.objects.none()
    )
    measured_by = forms.ModelChoiceField(
        label=gettext_lazy("Measured by the indicator"),
        queryset=Indicator.objects.none(),
        required=False,
    )
    text_es = forms.CharField(
        label=gettext_lazy("Text (Spanish)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=gettext_lazy("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    field_order = [
        "goal",
        "measured_by",
        "target_kind",
        "value",
        "comparison",
        "counted",
        "text_es",
        "text_en",
    ]

    def clean(self):
        cleaned = super().clean()
        goal, indicator = cleaned.get("goal"), cleaned.get("measured_by")
        if goal and indicator and indicator.goal_id != goal.pk:
            self.add_error("measured_by", _("The indicator belongs to another goal."))
        return cleaned

    def change(self):
        data = self.cleaned_data
        after = {
            **self.terms(),
            "goal": data["goal"].pk,
            "indicator": data["measured_by"].pk if data["measured_by"] else None,
            "text_es": data["text_es"],
            "text_en": data["text_en"],
        }
        return RevisionChange(kind=self.kind, goal=data["goal"], after=after)


class TargetRetiredForm(ChangeForm):
    kind = Kind.TARGET_RETIRED
    target = forms.ModelChoiceField(label=gettext_lazy("Target"), queryset=Target.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].label_from_instance = _target_label

    def change(self):
        return RevisionChange(kind=self.kind, target=self.cleaned_data["target"])


class RewordForm(ChangeForm):
    text_es = forms.CharField(
        label=gettext_lazy("New text (Spanish)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=gettext_lazy("New text (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def after(self):
        return {"text_es": self.cleaned_data["text_es"], "text_en": self.cleaned_data["text_en"]}


class IndicatorTextForm(RewordForm):
    kind = Kind.INDICATOR_TEXT
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none()
    )
    field_order = ["indicator", "text_es", "text_en"]

    def change(self):
        return RevisionChange(
            kind=self.kind, indicator=self.cleaned_data["indicator"], after=self.after()
        )


class GoalTextForm(RewordForm):
    kind = Kind.GOAL_TEXT
    goal = forms.ModelChoiceField(
        label=gettext_lazy("Strategic goal"), queryset=StrategicGoal.objects.none()
    )
    field_order = ["goal", "text_es", "text_en"]

    def change(self):
        return RevisionChange(kind=self.kind, goal=self.cleaned_data["goal"], after=self.after())


class IndicatorAddedForm(ChangeForm):
    kind = Kind.INDICATOR_ADDED
    goal = forms.ModelChoiceField(
        label=gettext_lazy("Strategic goal"), queryset=StrategicGoal.objects.none()
    )
    code = forms.CharField(label=gettext_lazy("Code"), max_length=8)
    measure = forms.ChoiceField(
        label=gettext_lazy("How it is measured"), choices=Indicator.Measure.choices
    )
    unit_es = forms.CharField(label=gettext_lazy("Unit (Spanish)"), max_length=80, required=False)
    unit_en = forms.CharField(label=gettext_lazy("Unit (English)"), max_length=80, required=False)
    text_es = forms.CharField(
        label=gettext_lazy("Text (Spanish)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=gettext_lazy("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Institutions in charge"),
        queryset=Agency.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if Indicator.objects.for_plan(self.revision.plan).filter(code=code).exists():
            raise ValidationError(_("The plan already has an indicator %(code)s.") % {"code": code})
        return code

    def change(self):
        data = self.cleaned_data
        after = {
            "goal": data["goal"].pk,
            "code": data["code"],
            "measure": data["measure"],
            "unit_es": data["unit_es"],
            "unit_en": data["unit_en"],
            "text_es": data["text_es"],
            "text_en": data["text_en"],
            "agencies": [agency.code for agency in data["agencies"]],
        }
        return RevisionChange(kind=self.kind, goal=data["goal"], after=after)


class IndicatorRetiredForm(ChangeForm):
    kind = Kind.INDICATOR_RETIRED
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none()
    )

    def change(self):
        return RevisionChange(kind=self.kind, indicator=self.cleaned_data["indicator"])


class PeriodForm(ChangeForm):
    kind = Kind.PERIOD
    start_year = forms.IntegerField(
        label=gettext_lazy("First year"), min_value=1900, max_value=2200
    )
    end_year = forms.IntegerField(label=gettext_lazy("Last year"), min_value=1900, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.revision.plan
        self.fields["start_year"].initial = plan.start_year
        self.fields["end_year"].initial = plan.end_year

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot come before the first."))
        return cleaned

    def change(self):
        data = self.cleaned_data
        return RevisionChange(
            kind=self.kind, after={"start_year": data["start_year"], "end_year": data["end_year"]}
        )


FORMS = {
    form.kind: form
    for form in (
        TargetTermsForm,
        TargetAddedForm,
        TargetRetiredForm,
        IndicatorTextForm,
        IndicatorAddedForm,
        IndicatorRetiredForm,
        GoalTextForm,
        PeriodForm,
    )
}
