"""Reporting years: opened by the working group with a deadline, closed and reopened."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.fields import audited_history
from indicators.models import Plan, scoped


class WorkflowError(ValidationError):
    """A step the submission's state does not allow; the message is for the user."""


class ReportingYearManager(models.Manager.from_queryset(scoped("plan"))):
    def get_by_natural_key(self, plan_code, year):
        return self.get(plan__code=plan_code, year=year)


class ReportingYear(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for entry")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reporting_years")
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Opening, closing and reopening, with who and when.
    history = audited_history()
    objects = ReportingYearManager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="reporting_year_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(status="closed"),
                name="reporting_year_closed_at_only_when_closed",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def natural_key(self):
        return (self.plan.code, self.year)

    natural_key.dependencies = ["indicators.plan"]

    def clean(self):
        plan = self.plan if self.plan_id else None
        if plan and self.year and not plan.start_year <= self.year <= plan.end_year:
            raise ValidationError(
                {
                    "year": gettext("The plan covers %(start)s to %(end)s.")
                    % {"start": plan.start_year, "end": plan.end_year}
                }
            )

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @classmethod
    @transaction.atomic
    def open(cls, plan, year, deadline):
        """Open a year: every agency in charge of an indicator of the plan that year gets a draft
        submission, due by the deadline.

        The plan's row is locked first, so two people opening the same year at once get one
        year and a clear refusal, not a database error."""
        Plan.objects.select_for_update().get(pk=plan.pk)
        if cls.objects.filter(plan=plan, year=year).exists():
            raise WorkflowError(
                gettext("The year %(year)s has already been opened.") % {"year": year}
            )
        reporting_year = cls(plan=plan, year=year, deadline=deadline)
        reporting_year.full_clean()
        reporting_year.save()
        reporting_year.ensure_submissions()
        return reporting_year

    def agencies_due(self):
        """Implementing agencies in charge of an indicator of the plan in force this year."""
        from indicators.models import Indicator

        in_force = Indicator.objects.for_plan(self.plan_id).in_force(self.year)
        return (
            Agency.objects.implementing()
            .filter(responsibilities__indicator__in=in_force)
            .distinct()
        )

    def ensure_submissions(self):
        """A draft for every agency due that has none yet: an agency given indicators after the
        year was opened (in the admin, by a revision) gets its submission. Returns the agencies
        added."""
        from .submissions import Submission

        missing = list(self.agencies_due().exclude(submissions__reporting_year=self))
        Submission.objects.bulk_create(
            Submission(reporting_year=self, agency=agency) for agency in missing
        )
        return missing

    def _lock(self):
        """The year's row and every submission of it, locked: a save under way finishes before the
        year closes, and a save that starts later finds it closed."""
        locked = ReportingYear.objects.select_for_update().get(pk=self.pk)
        list(self.submissions.select_for_update().values_list("pk", flat=True))
        return locked

    @transaction.atomic
    def close(self):
        """A closed year is locked: nothing in it can be entered or reviewed any more."""
        locked = self._lock()
        if not locked.is_open:
            raise WorkflowError(gettext("The year %(year)s is already closed.") % {"year": self})
        locked.status = self.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        self.status, self.closed_at = locked.status, locked.closed_at

    @transaction.atomic
    def reopen(self):
        locked = self._lock()
        if locked.is_open:
            raise WorkflowError(gettext("The year %(year)s is already open.") % {"year": self})
        locked.status = self.Status.OPEN
        locked.closed_at = None
        locked.save(update_fields=["status", "closed_at"])
        self.status, self.closed_at = locked.status, locked.closed_at
