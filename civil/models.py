"""Civil society's voice: organisations registered by the working group, their members, and
their comments and shadow ratings of an indicator's yearly result, moderated before the public
reads them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField, actor, audited_history
from core.fields import NOTE_LENGTH, BoundedTextField, TextLineField
from dashboards.statuses import Status
from indicators.models import Indicator


class Organisation(models.Model):
    """A civil society organisation, an academic body or another actor the plan asks the working
    group to hold a dialogue with."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        ACADEMIA = "academia", _("Academia")
        OTHER = "other", _("Other")

    name = TextLineField(_("name"), max_length=200, unique=True)
    acronym = TextLineField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Members of an inactive organisation may no longer comment or rate."),
    )

    history = audited_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.acronym or self.name

    @property
    def label(self):
        """How the organisation signs: "Name (ACRONYM)"."""
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Membership(models.Model):
    """An account that speaks for an organisation, as a focal point's profile ties it to its
    agency. One organisation per account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="civil_membership",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    added_by = ActorField(_("added by"))
    added_at = models.DateTimeField(_("added on"), default=timezone.now)

    history = audited_history()

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class ShadowQuerySet(models.QuerySet):
    def for_plan(self, plan):
        return self.filter(indicator__plan=plan)

    def published(self):
        return self.filter(state=ShadowAssessment.State.PUBLISHED)

    def pending(self):
        return self.filter(state=ShadowAssessment.State.PENDING)

    def current(self):
        """Everything but what its organisation withdrew."""
        return self.exclude(state=ShadowAssessment.State.WITHDRAWN)


class ShadowAssessment(models.Model):
    """An organisation's comment on one indicator's result for one year, with its own rating on
    the working group's scale (dashboards.statuses.Status), justified. The public reads it only
    once the working group has published it; a change after publication waits for moderation
    again. Every state, text and decision is kept in the history."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by the working group")
        WITHDRAWN = "withdrawn", _("Withdrawn by the organisation")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("organisation"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="shadow_assessments",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    comment = BoundedTextField(_("comment"), blank=True)
    rating = models.CharField(_("shadow rating"), max_length=20, choices=Status.choices, blank=True)
    justification = BoundedTextField(_("justification"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    by = ActorField(_("written by"))
    at = models.DateTimeField(_("last changed"), default=timezone.now)
    moderated_by = ActorField(_("moderated by"))
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True)
    hidden_reason = BoundedTextField(_("reason for hiding"), blank=True)
    answer = BoundedTextField(_("the working group's answer"), blank=True)
    answered_by = ActorField(_("answered by"))
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    history = audited_history()
    objects = ShadowQuerySet.as_manager()

    class Meta:
        ordering = ["year", "indicator__goal__number", "indicator__position", "organisation__name"]
        verbose_name = _("shadow assessment")
        verbose_name_plural = _("shadow assessments")
        constraints = [
            # One voice per organisation, indicator and year: an organisation edits its own.
            models.UniqueConstraint(
                fields=["organisation", "indicator", "year"],
                condition=~models.Q(state="withdrawn"),
                name="shadow_one_per_organisation_indicator_year",
            ),
            models.CheckConstraint(
                condition=models.Q(rating="") | ~models.Q(justification=""),
                name="shadow_rating_has_justification",
            ),
            models.CheckConstraint(
                condition=~models.Q(comment="") | ~models.Q(rating=""),
                name="shadow_says_something",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="hidden") | ~models.Q(hidden_reason=""),
                name="shadow_hidden_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.indicator.code} {self.year}"

    @property
    def rating_label(self):
        return Status(self.rating).label if self.rating else ""

    @property
    def editable(self):
        """Its organisation may still change it: anything not withdrawn (a change to a published
        or hidden one waits for moderation again)."""
        return self.state != self.State.WITHDRAWN

    @property
    def withdrawable(self):
        """Until the working group has moderated it."""
        return self.state == self.State.PENDING

    def _locked(self):
        return type(self).objects.select_for_update().get(pk=self.pk)

    def _refresh_from(self, other):
        for f in self._meta.concrete_fields:
            setattr(self, f.attname, getattr(other, f.attname))

    @transaction.atomic
    def revise(self, by, comment, rating, justification):
        """The organisation's change: back to moderation, whatever it was."""
        locked = self._locked()
        if not locked.editable:
            raise ValidationError(_("This assessment was withdrawn and can no longer change."))
        locked.comment, locked.rating, locked.justification = comment, rating, justification
        locked.state = self.State.PENDING
        locked.hidden_reason = ""
        locked.by, locked.at = actor(by), timezone.now()
        locked.full_clean()
        locked.save()
        self._refresh_from(locked)

    @transaction.atomic
    def withdraw(self, by):
        locked = self._locked()
        if not locked.withdrawable:
            raise ValidationError(
                _("The working group has already moderated this assessment: edit it instead.")
            )
        locked.state = self.State.WITHDRAWN
        locked.by, locked.at = actor(by), timezone.now()
        locked.save()
        self._refresh_from(locked)

    @transaction.atomic
    def publish(self, by, seen=None):
        """`seen`: when the version the moderator read was written; a later change is refused
        rather than published unread."""
        self._moderate(by, self.State.PUBLISHED, "", seen)

    @transaction.atomic
    def hide(self, by, reason, seen=None):
        if not reason.strip():
            raise ValidationError(_("Say why it is hidden: the organisation reads the reason."))
        self._moderate(by, self.State.HIDDEN, reason.strip(), seen)

    def _moderate(self, by, state, reason, seen):
        locked = self._locked()
        if locked.state == self.State.WITHDRAWN:
            raise ValidationError(_("The organisation withdrew this assessment."))
        if seen is not None and locked.at != seen:
            raise ValidationError(
                _(
                    "The organisation changed this assessment after you opened the page: "
                    "read it again before moderating it."
                )
            )
        locked.state, locked.hidden_reason = state, reason
        locked.moderated_by, locked.moderated_at = actor(by), timezone.now()
        locked.full_clean()
        locked.save()
        self._refresh_from(locked)

    @transaction.atomic
    def give_answer(self, by, text):
        locked = self._locked()
        if locked.state != self.State.PUBLISHED:
            raise ValidationError(_("Only a published assessment can be answered."))
        locked.answer = text.strip()
        locked.answered_by, locked.answered_at = actor(by), timezone.now()
        locked.full_clean()
        locked.save()
        self._refresh_from(locked)


# The longest text a comment, justification, reason or answer may be.
TEXT_LENGTH = NOTE_LENGTH
