"""Submissions: one agency's report for one year, and the steps of its review."""

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.fields import ActorField, actor
from audit.people import display_name
from core.fields import BoundedTextField
from core.formatting import local_datetime
from indicators.models import scoped
from measures.registry import answered_q

from .years import ReportingYear, WorkflowError

# Sent by every workflow step (submitted, returned, approved, reopened) inside its transaction,
# once the step is recorded, with `submission` (the locked copy) and `event`. Receivers that act
# outside the database (e-mail) defer that to transaction.on_commit: a step that rolls back
# never happened.
step_taken = Signal()


class SubmissionLocked(WorkflowError):
    """A write refused because, by the time it held the lock, the submission could no longer
    change (submitted, approved, or its year closed)."""


class SubmissionQuerySet(scoped("reporting_year__plan")):
    def approved(self):
        return self.filter(status=Submission.Status.APPROVED)

    def with_completeness(self):
        """Indicators answered (a figure, an answer, or “no data” with its reason), of them with
        no data, and activities recorded, for each submission, in the same query."""
        # The completeness rule of the form and the submit check, in SQL (one definition per
        # measure, measures/registry.py).
        answered = answered_q("values__")
        return self.annotate(
            answered=models.Count("values", filter=answered, distinct=True),
            no_data_answers=models.Count(
                "values", filter=models.Q(values__no_data=True), distinct=True
            ),
            activity_count=models.Count("activities", distinct=True),
        )


class SubmissionManager(models.Manager.from_queryset(SubmissionQuerySet)):
    def get_by_natural_key(self, plan_code, year, agency_code):
        return self.get(
            reporting_year__plan__code=plan_code,
            reporting_year__year=year,
            agency__code=agency_code,
        )


class Submission(models.Model):
    """One agency's report for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.CASCADE, related_name="submissions"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped by every write and every workflow step: a spreadsheet previewed at one version is
    # checked again before it is applied to a later one, and the yearly form merges its changes
    # into what others saved since it was loaded.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = ActorField(_("last saved by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = SubmissionManager()

    class Meta:
        ordering = ["-reporting_year__year", "agency__code"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "agency"], name="submission_one_per_agency_and_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_at__isnull=False),
                name="submission_approved_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.agency.code} {self.reporting_year.year}"

    def natural_key(self):
        return (*self.reporting_year.natural_key(), self.agency.code)

    natural_key.dependencies = ["reporting.reportingyear", "agencies.agency"]

    @property
    def year(self):
        return self.reporting_year.year

    @property
    def is_editable(self):
        """Focal points change data only while it is a draft or returned, in an open year."""
        return self.status in self.EDITABLE and self.reporting_year.is_open

    @property
    def is_late(self):
        """Not submitted by the deadline (or submitted after it)."""
        deadline = self.reporting_year.deadline
        if self.submitted_at is not None:
            return timezone.localdate(self.submitted_at) > deadline
        return self.status in self.EDITABLE and timezone.localdate() > deadline

    def lock(self):
        """This submission's row, locked until the end of the transaction, with its year read
        once the lock is held. Every write and every workflow step decides on this state, never
        on what was read before the lock."""
        locked = Submission.objects.select_for_update().get(pk=self.pk)
        locked.reporting_year = ReportingYear.objects.get(pk=locked.reporting_year_id)
        locked.agency = self.agency
        return locked

    def lock_for_entry(self):
        """The locked submission if the agency may still change it, else SubmissionLocked with
        what happened (and who did it, when) in the user's language. Call inside a transaction."""
        locked = self.lock()
        if not locked.is_editable:
            raise SubmissionLocked(locked.locked_message())
        return locked

    def lock_for_comments(self):
        """The locked submission if its figures may still be discussed (comments on a figure):
        not approved, in an open year; else SubmissionLocked. Call inside a transaction."""
        locked = self.lock()
        if not locked.reporting_year.is_open or locked.status == self.Status.APPROVED:
            raise SubmissionLocked(locked.locked_message())
        return locked

    def return_to_address(self, events=None):
        """The working group's return (or reopening) the agency has still to answer: the last
        step, while it is a return or a reopening; None once submitted again. `events`: the
        submission's steps in their order, if already read."""
        if events is not None:
            last = events[-1] if events else None
        else:
            last = self.events.order_by("-at", "-pk").first()
        if last is not None and last.action in (
            SubmissionEvent.Action.RETURNED,
            SubmissionEvent.Action.REOPENED,
        ):
            return last
        return None

    def locked_message(self):
        if not self.reporting_year.is_open:
            return gettext("The year %(year)s is closed: its data can no longer change.") % {
                "year": self.reporting_year.year
            }
        last = self.events.order_by("-at", "-pk").first()
        if last is None:
            return gettext("This submission is %(status)s: it cannot be changed now.") % {
                "status": self.get_status_display().lower()
            }
        return gettext(
            "This submission was %(action)s by %(who)s on %(when)s: it cannot be changed now."
        ) % {
            "action": last.get_action_display().lower(),
            "who": display_name(last.by) or gettext("the system"),
            "when": local_datetime(last.at),
        }

    def touch(self, by):
        """Record a change of the data: a new version, by whom. Call on the locked copy."""
        self.version += 1
        self.updated_by = actor(by)
        self.save(update_fields=["version", "updated_by", "updated_at"])

    def _step(self, by, action, allowed, new_status, comment=""):
        from ..rules import check_ready_to_submit
        from ..snapshots import snapshot

        current = self.lock()
        if not current.reporting_year.is_open:
            raise WorkflowError(
                gettext("The year %(year)s is closed: its data can no longer change.")
                % {"year": current.reporting_year.year}
            )
        if current.status not in allowed:
            raise WorkflowError(
                gettext("This submission is %(status)s; it cannot be %(action)s now.")
                % {
                    "status": current.get_status_display().lower(),
                    "action": SubmissionEvent.Action(action).label.lower(),
                }
            )
        if action == SubmissionEvent.Action.SUBMITTED:
            check_ready_to_submit(current)  # on the data as it is under the lock
        now = timezone.now()
        current.status = new_status
        current.version += 1
        if new_status == self.Status.SUBMITTED:
            current.submitted_at = now
        if new_status == self.Status.APPROVED:
            current.approved_at = now
        elif current.status != self.Status.APPROVED:
            current.approved_at = None
        current.save(
            update_fields=["status", "version", "submitted_at", "approved_at", "updated_at"]
        )
        # What was submitted and what was approved are kept: the working group compares
        # submissions, and the public history shows the approved versions only.
        kept = action in (SubmissionEvent.Action.SUBMITTED, SubmissionEvent.Action.APPROVED)
        event = SubmissionEvent.objects.create(
            submission=current,
            action=action,
            by=actor(by),
            at=now,
            comment=comment,
            snapshot=snapshot(current) if kept else None,
        )
        step_taken.send(sender=Submission, submission=current, event=event)
        self.status, self.version = current.status, current.version
        self.submitted_at, self.approved_at = current.submitted_at, current.approved_at
        return current

    @transaction.atomic
    def submit(self, by):
        return self._step(
            by, SubmissionEvent.Action.SUBMITTED, self.EDITABLE, self.Status.SUBMITTED
        )

    @transaction.atomic
    def return_for_changes(self, by, comment):
        if not comment.strip():
            raise WorkflowError(gettext("Say what the agency should correct."))
        return self._step(
            by,
            SubmissionEvent.Action.RETURNED,
            [self.Status.SUBMITTED],
            self.Status.RETURNED,
            comment=comment,
        )

    @transaction.atomic
    def approve(self, by, comment=""):
        return self._step(
            by,
            SubmissionEvent.Action.APPROVED,
            [self.Status.SUBMITTED],
            self.Status.APPROVED,
            comment=comment,
        )

    @transaction.atomic
    def reopen(self, by, reason):
        if not reason.strip():
            raise WorkflowError(gettext("Give the reason for reopening approved data."))
        return self._step(
            by,
            SubmissionEvent.Action.REOPENED,
            [self.Status.APPROVED],
            self.Status.RETURNED,
            comment=reason,
        )


class SubmissionEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        REOPENED = "reopened", _("Reopened")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    by = ActorField(_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = BoundedTextField(_("comment"), blank=True)
    # The data as submitted (to show what changed since the previous submission) or as approved
    # (the versions the public may read).
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.submission} {self.action} {timezone.localtime(self.at):%Y-%m-%d}"
