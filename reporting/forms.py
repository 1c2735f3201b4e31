from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import SubUnit
from indicators.models import Indicator, LineOfAction

from . import rules
from .models import (
    Activity,
    Evidence,
    IndicatorValue,
    LineNarrative,
    ReportingYear,
    Submission,
    new_reference,
)

Measure = Indicator.Measure

NUMBER_FIELDS = {
    Measure.COUNT: ["total"],
    Measure.PEOPLE_BY_SEX: ["women", "men", "total"],
    Measure.SHARE: ["numerator", "denominator"],
    Measure.YES_NO: ["yes_no"],
    Measure.QUALITATIVE: ["text"],
}
ALL_ANSWER_FIELDS = ["women", "men", "total", "numerator", "denominator", "yes_no", "text"]


class ConcurrentEditError(Exception):
    """Someone saved the same data after this form was opened."""


class OpenYearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"))
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not self.plan.start_year <= year <= self.plan.end_year:
            raise ValidationError(
                _("The plan covers %(start)s to %(end)s.")
                % {"start": self.plan.start_year, "end": self.plan.end_year}
            )
        if ReportingYear.objects.filter(plan=self.plan, year=year).exists():
            raise ValidationError(_("The year %(year)s has already been opened.") % {"year": year})
        return year

    def clean(self):
        cleaned = super().clean()
        year, deadline = cleaned.get("year"), cleaned.get("deadline")
        if year and deadline and deadline.year < year:
            self.add_error("deadline", _("The deadline cannot come before the year it reports."))
        return cleaned

    def save(self):
        return ReportingYear.open(
            self.plan, self.cleaned_data["year"], self.cleaned_data["deadline"]
        )


class IndicatorValueForm(forms.ModelForm):
    """The fields one indicator's measure needs. Empty is fine while drafting; what is given
    must be consistent."""

    yes_no = forms.TypedChoiceField(
        label=gettext_lazy("Answer"),
        choices=[("", "—"), ("true", gettext_lazy("Yes")), ("false", gettext_lazy("No"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = IndicatorValue
        fields = [*ALL_ANSWER_FIELDS, "no_data", "no_data_reason", "activities_note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "no_data_reason": forms.Textarea(attrs={"rows": 2}),
            "activities_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indicator, totals=None, previous=(), **kwargs):
        self.indicator = indicator
        self.totals = totals
        self.previous = previous
        self.warning = None
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.yes_no is not None:
            self.initial["yes_no"] = "true" if self.instance.yes_no else "false"
        for name in ALL_ANSWER_FIELDS:
            if name not in NUMBER_FIELDS[indicator.measure]:
                del self.fields[name]
        if indicator.measure == Measure.COUNT:
            self.fields["total"].label = indicator.unit.capitalize() or _("Number")
        for name in ("women", "men", "total", "numerator", "denominator"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    @property
    def answer_fields(self):
        return [self[name] for name in NUMBER_FIELDS[self.indicator.measure]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("no_data"):
            if not (cleaned.get("no_data_reason") or "").strip():
                self.add_error("no_data_reason", _("Say why there is no data this year."))
            for name in NUMBER_FIELDS[self.indicator.measure]:
                cleaned[name] = "" if name == "text" else None
            return cleaned
        measure = self.indicator.measure
        women, men, total = cleaned.get("women"), cleaned.get("men"), cleaned.get("total")
        if measure == Measure.PEOPLE_BY_SEX and women is not None and men is not None:
            if total is None:
                cleaned["total"] = total = women + men
            elif women + men != total:
                self.add_error(
                    "total",
                    _("Women (%(women)s) plus men (%(men)s) make %(sum)s, not %(total)s.")
                    % {"women": women, "men": men, "sum": women + men, "total": total},
                )
        numerator, denominator = cleaned.get("numerator"), cleaned.get("denominator")
        if numerator is not None and denominator is not None and numerator > denominator:
            self.add_error(
                "numerator",
                _("The numerator (%(n)s) cannot be larger than the denominator (%(d)s).")
                % {"n": numerator, "d": denominator},
            )
        if measure == Measure.SHARE and (numerator is None) != (denominator is None):
            self.add_error(
                "denominator" if denominator is None else "numerator",
                _("A share needs both the numerator and the denominator."),
            )
        if not self.errors:
            mismatch = rules.activities_mismatch(self.indicator, women, men, total, self.totals)
            if mismatch and not (cleaned.get("activities_note") or "").strip():
                self.add_error(
                    "activities_note",
                    _("%(problem)s Correct the figure, or explain here why it differs.")
                    % {"problem": mismatch},
                )
            probe = IndicatorValue(
                indicator=self.indicator,
                **{k: cleaned.get(k) for k in ("total", "numerator", "denominator")},
            )
            self.warning = rules.unusual_warning(rules.headline(probe), self.previous)
        return cleaned


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = LineNarrative
        fields = ["text_es", "text_en"]
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
        }


class YearlyForm:
    """The agency's yearly form: one part per indicator it is in charge of, one narrative per
    line of action. All parts are valid or nothing is saved."""

    def __init__(self, submission, data=None):
        self.submission = submission
        self.data = data
        self.indicators = list(rules.indicators_for(submission.agency))
        self.lines = list(rules.lines_for(submission.agency))
        values = {v.indicator_id: v for v in submission.values.all()}
        narratives = {n.line_id: n for n in submission.narratives.all()}
        totals = rules.activity_totals(submission)
        previous = rules.previous_headlines(submission)
        self.value_forms = [
            IndicatorValueForm(
                data,
                prefix=f"i-{indicator.code}",
                indicator=indicator,
                instance=values.get(indicator.pk)
                or IndicatorValue(submission=submission, indicator=indicator),
                totals=totals.get(indicator.pk),
                previous=previous.get(indicator.pk, ()),
            )
            for indicator in self.indicators
        ]
        self.narrative_forms = [
            (
                line,
                NarrativeForm(
                    data,
                    prefix=f"n-{line.goal.number}-{line.number}",
                    instance=narratives.get(line.pk)
                    or LineNarrative(submission=submission, line=line),
                ),
            )
            for line in self.lines
        ]
        self.posted_version = None
        if data is not None:
            try:
                self.posted_version = int(data.get("version", ""))
            except ValueError:
                self.posted_version = None

    @property
    def version(self):
        return self.submission.version

    def is_valid(self):
        forms_ = [*self.value_forms, *(f for _line, f in self.narrative_forms)]
        return all([f.is_valid() for f in forms_])  # every form validated, errors everywhere

    @property
    def error_count(self):
        return sum(len(f.errors) for f in self.value_forms) + sum(
            len(f.errors) for _line, f in self.narrative_forms
        )

    @property
    def warnings(self):
        return [(f.indicator, f.warning) for f in self.value_forms if f.warning]

    @transaction.atomic
    def save(self, user):
        locked = Submission.objects.select_for_update().get(pk=self.submission.pk)
        if self.posted_version != locked.version:
            raise ConcurrentEditError(locked)
        for form in self.value_forms:
            if form.has_changed() or form.instance.pk is None:
                value = form.save(commit=False)
                if value.pk is None and value.is_empty:
                    continue
                value.save()
        for _line, form in self.narrative_forms:
            if form.instance.pk is None and not any(
                (form.cleaned_data.get(k) or "").strip() for k in ("text_es", "text_en")
            ):
                continue
            if form.has_changed() or form.instance.pk is None:
                form.save()
        locked.version += 1
        locked.updated_by = user
        locked.save(update_fields=["version", "updated_by", "updated_at"])
        self.submission.version = locked.version
        return locked


class ActivityForm(forms.ModelForm):
    """An activity of the agency; the same rules as the import of activities."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [
            "title",
            "reference",
            "line",
            "indicator",
            "subunit",
            "start_date",
            "end_date",
            "modality",
            "federal_entity",
            "municipality",
            "quantity",
            "women",
            "men",
            "total",
            "description",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        self.fields["line"].queryset = LineOfAction.objects.select_related("goal").order_by(
            "goal__number", "number"
        )
        self.fields["line"].label_from_instance = lambda line: f"{line.code} {line.text[:90]}"
        self.fields["indicator"].queryset = rules.indicators_for(submission.agency)
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.text[:90]}"
        self.fields["subunit"].queryset = SubUnit.objects.filter(agency=submission.agency)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_reference(self):
        reference = self.cleaned_data.get("reference", "").strip()
        reference = reference or self.instance.reference or new_reference()
        taken = Activity.objects.filter(submission=self.submission, reference=reference)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("Another activity of this year already has the reference %(reference)s.")
                % {"reference": reference}
            )
        return reference

    def clean(self):
        cleaned = super().clean()
        cleaned.update(rules.check_activity(self.submission, cleaned, add_error=self.add_error))
        if self.instance.pk and cleaned.get("version") != self.instance.version:
            raise ValidationError(
                _(
                    "Someone else changed this activity after you opened it. Your changes were "
                    "not saved; reload the page to see the current version."
                ),
                code="concurrent",
            )
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        activity = super().save(commit=False)
        activity.submission = self.submission
        if activity.pk:
            updated = Activity.objects.filter(pk=activity.pk, version=activity.version).update(
                version=activity.version + 1
            )
            if not updated:
                raise ConcurrentEditError(activity)
            activity.version += 1
        activity.save()
        return activity


class EvidenceForm(forms.ModelForm):
    ALLOWED_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "jpg", "jpeg", "png"]
    # The first bytes of the binary types we accept: a renamed executable is refused.
    SIGNATURES = {
        "pdf": [b"%PDF"],
        "png": [b"\x89PNG"],
        "jpg": [b"\xff\xd8\xff"],
        "jpeg": [b"\xff\xd8\xff"],
        "docx": [b"PK\x03\x04"],
        "xlsx": [b"PK\x03\x04"],
        "odt": [b"PK\x03\x04"],
        "ods": [b"PK\x03\x04"],
    }

    url = forms.URLField(
        label=gettext_lazy("link"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Evidence
        fields = ["description", "line", "url", "file"]

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = rules.lines_for(submission.agency)
        self.fields["line"].label_from_instance = lambda line: f"{line.code} {line.text[:80]}"
        self.fields["file"].validators.append(FileExtensionValidator(self.ALLOWED_EXTENSIONS))
        self.fields["file"].help_text = _("%(types)s; at most %(mb)s MB.") % {
            "types": ", ".join(self.ALLOWED_EXTENSIONS),
            "mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {
                    "size": round(upload.size / (1024 * 1024), 1),
                    "limit": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
                }
            )
        extension = upload.name.rsplit(".", 1)[-1].lower()
        signatures = self.SIGNATURES.get(extension)
        if signatures:
            head = upload.read(8)
            upload.seek(0)
            if not any(head.startswith(sig) for sig in signatures):
                raise ValidationError(
                    _("The file's content is not a valid .%(ext)s file.") % {"ext": extension}
                )
        return upload

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("url")) == bool(cleaned.get("file")):
            raise ValidationError(_("Give either a link or a file (one of the two)."))
        return cleaned


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
