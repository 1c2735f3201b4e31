"""Report jobs: a preview or a publication, produced off the request (reports/jobs.py runs them)
because a year with thousands of activities takes several seconds per format."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.fields import ActorField
from core import formatting
from core.fields import NOTE_LENGTH, BoundedTextField
from indicators.models import scoped

from .base import Format, report_filename
from .published import PublishedReport


def job_path(instance, filename):
    # A random folder: a preview may hold data not yet approved; its name reveals nothing.
    return f"report-previews/{uuid.uuid4().hex}/{instance.format}"


class ReportJobQuerySet(scoped("plan")):
    def runnable(self, now=None):
        """Queued jobs, and running ones whose worker stopped giving signs of life (the process
        ended mid-way): `run_report_jobs` takes them over."""
        stale = (now or timezone.now()) - timedelta(minutes=settings.REPORT_JOB_STALE_MINUTES)
        return self.filter(
            models.Q(status=ReportJob.Status.QUEUED)
            | models.Q(status=ReportJob.Status.RUNNING, heartbeat_at__lt=stale)
        )

    def unfinished_publication(self, plan, year, language):
        return self.for_plan(plan).filter(
            kind=ReportJob.Kind.PUBLICATION,
            year=year,
            language=language,
            status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING],
        )

    def purge_previews(self, now=None):
        """Preview files older than REPORT_PREVIEW_KEEP_DAYS are deleted (they may hold data not
        yet approved); the job's record stays."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.REPORT_PREVIEW_KEEP_DAYS)
        old = self.filter(kind=ReportJob.Kind.PREVIEW, requested_at__lt=cutoff).exclude(file="")
        names = list(old.values_list("file", flat=True))
        count = old.update(file="")

        def delete():
            from django.core.files.storage import default_storage

            for name in names:
                default_storage.delete(name)

        transaction.on_commit(delete)
        return count


class ReportJob(models.Model):
    """A preview (one format, marked as a draft, never listed publicly) or a publication (every
    format, kept as a version), with its progress and, once done, its result."""

    class Kind(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        PUBLICATION = "publication", _("Publication")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        DATA_CHANGED = "data_changed", _("Data changed since the confirmation")
        PUBLISHED_MEANWHILE = "published_meanwhile", _("Published meanwhile")
        NOTHING_APPROVED = "nothing_approved", _("Nothing approved")
        REPORT = "report", _("Report refused")
        UNEXPECTED = "unexpected", _("Unexpected error")

    plan = models.ForeignKey(
        "indicators.Plan", on_delete=models.CASCADE, related_name="report_jobs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # A preview is of one format; a publication of every format ("").
    format = models.CharField(_("format"), max_length=5, choices=Format.choices, blank=True)
    draft = models.BooleanField(_("includes submitted data"), default=False)
    all_activities = models.BooleanField(_("every activity listed"), default=False)
    # What the confirmation page announced: the version's number, and the state of the data
    # (reports/publishing.py: DataState.fingerprint), checked again before publishing.
    number = models.PositiveIntegerField(_("version"), null=True, blank=True)
    data_state = models.CharField(max_length=64, blank=True, editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    formats_done = models.PositiveSmallIntegerField(_("formats ready"), default=0)
    failure = models.CharField(_("failure"), max_length=20, choices=Failure.choices, blank=True)
    error = BoundedTextField(_("error"), blank=True, max_length=NOTE_LENGTH)
    requested_by = ActorField(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Touched at every step while running: a job silent for REPORT_JOB_STALE_MINUTES is taken
    # over by `run_report_jobs`.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=job_path, max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    published = models.ForeignKey(
        PublishedReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("published version"),
    )

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="publication")
                | (models.Q(format="", draft=False) & models.Q(number__isnull=False)),
                name="report_job_publication_of_approved_data_in_every_format",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="preview") | ~models.Q(format=""),
                name="report_job_preview_of_one_format",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="failed") | ~models.Q(failure=""),
                name="report_job_failed_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} {self.language} #{self.pk}"

    @property
    def formats(self):
        return [Format(self.format)] if self.format else list(Format)

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def failure_message(self):
        """Why the job failed, in the reader's language (read, not stored, for that reason)."""
        if not self.failure:
            return ""
        return str(FAILURE_MESSAGES[self.failure])

    @property
    def progress(self):
        """“2 of 3 formats ready”, in the reader's language."""
        total = len(self.formats)
        return ngettext(
            "%(done)s of %(total)s format ready", "%(done)s of %(total)s formats ready", total
        ) % {"done": formatting.number(self.formats_done), "total": formatting.number(total)}

    @property
    def filename(self):
        return report_filename(self.plan, self.year, self.language, self.format, final=False)


FAILURE_MESSAGES = {
    ReportJob.Failure.DATA_CHANGED: _(
        "The approved data or the report's texts changed after the publication was confirmed: "
        "nothing was published. Check the confirmation page again."
    ),
    ReportJob.Failure.PUBLISHED_MEANWHILE: _(
        "Another version of this report was published after this one was confirmed: nothing "
        "was published. Check the confirmation page again."
    ),
    ReportJob.Failure.NOTHING_APPROVED: _(
        "No agency's data of this year is approved: there is nothing to publish."
    ),
    ReportJob.Failure.REPORT: _("The report could not be built."),
    ReportJob.Failure.UNEXPECTED: _(
        "The report could not be produced because of an unexpected error; it has been recorded "
        "for the administrators. Try again later."
    ),
}
