from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.access import Role, role_of

from .models import TEXT_LENGTH, Membership, Organisation, ShadowAssessment


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "website", "email", "active"]
        # A website typed without a scheme is taken as https (Django 6's default, chosen now).
        formfield_callback = staticmethod(
            lambda field, **kwargs: field.formfield(
                **({"assume_scheme": "https"} if isinstance(field, models.URLField) else {}),
                **kwargs,
            )
        )


class AssessmentForm(forms.ModelForm):
    """What an organisation says of an indicator's year: a comment, a rating, or both; a rating
    always with its justification."""

    class Meta:
        model = ShadowAssessment
        fields = ["comment", "rating", "justification"]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LENGTH}),
            "justification": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LENGTH}),
        }
        help_texts = {
            "rating": _("On the working group's scale. Leave empty to comment only."),
            "justification": _("Required with a rating: what the rating rests on."),
        }

    def clean(self):
        cleaned = super().clean()
        comment = (cleaned.get("comment") or "").strip()
        rating = cleaned.get("rating") or ""
        justification = (cleaned.get("justification") or "").strip()
        if rating and not justification:
            self.add_error("justification", _("A rating needs its justification."))
        if not rating and not comment and not self.errors:
            raise ValidationError(_("Write a comment, give a rating, or both."))
        cleaned["comment"], cleaned["justification"] = comment, justification
        return cleaned


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the organisation)"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_LENGTH}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Public answer"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_LENGTH}),
    )


class MemberForm(forms.Form):
    """An observer account added to an organisation, by its user name."""

    username = forms.CharField(label=_("User name of an observer account"), max_length=150)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError(_("There is no active account with this user name."))
        if role_of(user) != Role.OBSERVER:
            raise ValidationError(
                _("Only observer accounts may speak for an organisation, not %(role)s.")
                % {"role": role_of(user).label.lower()}
            )
        existing = Membership.objects.filter(user=user).select_related("organisation").first()
        if existing is not None and existing.organisation_id != self.organisation.pk:
            raise ValidationError(
                _("This account already speaks for %(organisation)s.")
                % {"organisation": existing.organisation.label}
            )
        if existing is not None:
            raise ValidationError(_("This account is already a member."))
        self.user = user
        return username
