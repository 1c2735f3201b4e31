from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import SubUnit
from core.conflicts import conflict, last_saved
from indicators.models import LineOfAction

from . import rules
from .models import Activity, Evidence, ReportingYear, new_reference


class ConcurrentEditError(Exception):
    """Someone saved the same record after this person opened it; carries the Conflict."""


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


class ActivityForm(forms.ModelForm):
    """An activity of the agency; the same rules as the import of activities."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [
            "title",
            "title_en",
            "reference",
            "line",
            "indicator",
            "subunit",
            "start_date",
            "end_date",
            "modality",
            "region",
            "municipality",
            "municipalities",
            "participants_institution",
            "quantity",
            "women",
            "men",
            "total",
            "description",
            "description_en",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        plan = submission.reporting_year.plan
        self.fields["region"].queryset = plan.country.regions.all()
        self.fields["region"].label = plan.country.region_label
        self.fields["line"].queryset = (
            LineOfAction.objects.for_plan(plan)
            .select_related("goal")
            .order_by("goal__number", "number")
        )
        self.fields["line"].label_from_instance = lambda line: f"{line.code} {line.text[:90]}"
        self.fields["indicator"].queryset = rules.indicators_for(submission)
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.text[:90]}"
        self.fields["subunit"].queryset = SubUnit.objects.filter(agency=submission.agency)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_reference(self):
        reference = self.cleaned_data.get("reference", "").strip()
        return reference or self.instance.reference or new_reference()

    def clean(self):
        cleaned = super().clean()
        cleaned.update(rules.check_activity(self.submission, cleaned, add_error=self.add_error))
        return cleaned

    def save_locked(self, locked):
        """Write the activity on the locked submission (`Submission.lock_for_entry`): the
        reference must still be free, and an existing activity must not have changed since it
        was opened (else ConcurrentEditError, with both versions)."""
        activity = super().save(commit=False)
        activity.submission = locked
        reference = self.cleaned_data["reference"]
        taken = Activity.objects.filter(submission=locked, reference=reference)
        if taken.exclude(pk=activity.pk).exists():
            self.add_error(
                "reference",
                _("Another activity of this year already has the reference %(reference)s.")
                % {"reference": reference},
            )
            raise ValidationError("reference taken")
        if activity.pk:
            stored = Activity.objects.select_for_update().filter(pk=activity.pk).first()
            if stored is None:
                raise ConcurrentEditError(None)
            if stored.version != self.cleaned_data.get("version"):
                raise ConcurrentEditError(self._conflict(stored))
            activity.version = stored.version + 1
        activity.save()
        return activity

    def _conflict(self, stored):
        names = [name for name in self._meta.fields if name in self.fields]
        labels = {name: str(self.fields[name].label) for name in names}
        theirs = {name: self._shown(stored, name) for name in names}
        yours = {name: self._shown(self.instance, name) for name in names}
        who = last_saved(Activity, [stored.pk]).get(stored.pk)
        return conflict(stored.title, who, theirs, yours, labels)

    @staticmethod
    def _shown(activity, name):
        value = getattr(activity, name)
        if hasattr(activity, f"get_{name}_display"):
            return getattr(activity, f"get_{name}_display")() if value else None
        return value


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
        self.fields["line"].queryset = rules.lines_for(submission)
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
