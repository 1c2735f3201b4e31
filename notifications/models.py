"""What the app sends by e-mail, and what each person asked for.

A `Notice` is one e-mail to one person: the notice of a workflow step (submitted, returned,
approved, reopened) or a deadline reminder. It is recorded in the step's own transaction, so that
a step that commits always has its notices, sent once the transaction has committed, then marked
sent or failed. Two unique keys make a second e-mail for the same thing impossible, whoever tries
(a retried request, the command run twice): a step × a person × a kind, and a submission (one
agency's year) × a person × the day of the reminder, counted from the deadline.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nap1325.i18n import FALLBACK_LANGUAGE
from reporting.models import Submission, SubmissionEvent


class Preferences(models.Model):
    """A person's choices for the e-mails the app sends: kept apart from the agency's profile,
    which administrators keep; these are the person's own."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=FALLBACK_LANGUAGE,
    )
    notices = models.BooleanField(_("notices of the review"), default=True)
    reminders = models.BooleanField(_("deadline reminders"), default=True)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="preferences_language_known",
            ),
        ]

    def __str__(self):
        return str(self.user)

    @classmethod
    def of(cls, user):
        """The person's preferences, or the defaults (Spanish, everything) if never saved."""
        try:
            return user.notification_preferences
        except cls.DoesNotExist:
            return cls(user=user)


class NoticeQuerySet(models.QuerySet):
    def unsent(self):
        """Waiting, or failed and worth another try."""
        return self.filter(status__in=Notice.RETRYABLE, attempts__lt=Notice.MAX_ATTEMPTS).order_by(
            "pk"
        )


class Notice(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted (to the working group)")
        RETURNED = "returned", _("Returned (to the agency)")
        APPROVED = "approved", _("Approved (to the agency)")
        REOPENED = "reopened", _("Reopened (to the agency)")
        REMINDER = "reminder", _("Deadline reminder (to the agency)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Not needed any more")

    RETRYABLE = (Status.PENDING, Status.FAILED)
    # A mail server down for days should not make the monitor write to people about last
    # month's steps: after this many tries a notice stays failed, visible in the admin.
    MAX_ATTEMPTS = 5

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("submission"),
    )
    event = models.ForeignKey(
        SubmissionEvent,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("workflow step"),
    )
    days_from_deadline = models.SmallIntegerField(
        _("days from the deadline"),
        null=True,
        blank=True,
        help_text=_("Reminders only: negative before the deadline, positive after it."),
    )
    # The account may be deleted later; the address the notice went to is kept.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=500, blank=True)
    # The subject as sent; the body is not kept: it may carry the working group's comment,
    # which is for the agency and the working group only.
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient", "kind"],
                condition=Q(event__isnull=False),
                name="notice_once_per_step_recipient_and_kind",
            ),
            models.UniqueConstraint(
                fields=["submission", "recipient", "days_from_deadline"],
                condition=Q(kind="reminder"),
                name="reminder_once_per_submission_recipient_and_day",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="reminder", event__isnull=True, days_from_deadline__isnull=False)
                    | (
                        ~Q(kind="reminder")
                        & Q(event__isnull=False, days_from_deadline__isnull=True)
                    )
                ),
                name="notice_of_a_step_or_a_reminder",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="notice_sent_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.submission} → {self.email}"

    def claim(self):
        """Take this notice for sending. False if someone else (the command, the request that
        recorded it) has taken it or sent it: only one of them sends."""
        taken = Notice.objects.filter(pk=self.pk, status__in=self.RETRYABLE).update(
            status=self.Status.SENDING, attempts=F("attempts") + 1
        )
        if taken:
            self.status, self.attempts = self.Status.SENDING, self.attempts + 1
        return bool(taken)

    def _finish(self, status, **fields):
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields])

    def mark_sent(self, subject):
        self._finish(
            self.Status.SENT,
            subject=subject[:255],
            sent_at=timezone.now(),
            error="",
            email=self.email,
        )

    def mark_failed(self, error):
        self._finish(self.Status.FAILED, error=f"{type(error).__name__}: {error}"[:500])

    def mark_cancelled(self):
        self._finish(self.Status.CANCELLED)
