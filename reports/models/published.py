"""Published versions of the annual report.

Publishing is one act of the working group: one version of a plan's report of a year in one
language, with a file per format built from the same data. A new version supersedes the current
one; a version can be withdrawn with a reason. Nothing is deleted: superseded versions are still
downloadable unchanged, and a withdrawn one keeps its record (who, when, why).
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField, actor, audited_history
from audit.people import display_name
from core.fields import BoundedTextField
from core.formatting import local_datetime
from indicators.models import scoped

from .base import Format, report_filename


class PublicationConflict(Exception):
    """A publication or a withdrawal that the state found under the lock does not allow; the
    message is for the user."""


def published_path(instance, filename):
    # Named by content: a published file is never overwritten, and its name proves nothing away.
    # (Before versions, the record itself had the year: migration 0003 still calls this.)
    year = instance.report.year if hasattr(instance, "report") else instance.year
    return f"published/{year}/{instance.sha256}.{instance.format}"


class PublishedReportQuerySet(scoped("plan")):
    def current(self):
        return self.filter(status=PublishedReport.Status.PUBLISHED)

    def of(self, year, language):
        return self.filter(year=year, language=language)

    def listed(self):
        """Every version with its files, newest first per report: a fixed number of queries."""
        return (
            self.select_related("plan")
            .prefetch_related("files")
            .order_by("-year", "language", "-number")
        )


class PublishedReport(models.Model):
    """A version of a plan's annual report of a year, in one language, as published: its files
    and the data they were built from, so that it can be downloaded again unchanged after later
    corrections."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Current")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    plan = models.ForeignKey(
        "indicators.Plan", on_delete=models.PROTECT, related_name="published_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    # The latest approval the data includes: what was approved after it is not in this version.
    data_cutoff = models.DateTimeField(_("data approved up to"))
    data = models.JSONField(_("data used"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = ActorField(_("published by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = ActorField(_("withdrawn by"))
    withdrawal_reason = BoundedTextField(_("reason for the withdrawal"), blank=True)

    # Superseded and withdrawn, with who and when. The data used never changes: not copied.
    history = audited_history(excluded_fields=["data"])
    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "language", "-number"]
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "language"],
                condition=models.Q(status="published"),
                name="published_report_one_current",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "language", "number"],
                name="published_report_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="published_report_number_from_one"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="withdrawn")
                    & models.Q(withdrawn_at__isnull=False)
                    & ~models.Q(withdrawal_reason="")
                )
                | (~models.Q(status="withdrawn") & models.Q(withdrawn_at__isnull=True)),
                name="published_report_withdrawn_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.plan.code} {self.year} {self.language} v{self.number}"

    @property
    def is_current(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    @classmethod
    def next_number(cls, plan, year, language):
        latest = cls.objects.for_plan(plan).of(year, language).order_by("-number").first()
        return (latest.number if latest else 0) + 1

    @classmethod
    def publish(cls, plan, year, language, number, contents, data, cutoff, published_by):
        """Keep `contents` ({format: (bytes, content type)}) as version `number`, published by
        `published_by` (a user name); it supersedes the current version. Refused
        (PublicationConflict) if another version was published since `number` was announced:
        the files already print that number."""
        from reporting.models import ReportingYear

        stored = []
        try:
            with transaction.atomic():
                # The year's row serialises publications and withdrawals of its report: two
                # people publishing at once never both become current.
                ReportingYear.objects.for_plan(plan).select_for_update().get(year=year)
                versions = cls.objects.for_plan(plan).of(year, language)
                latest = versions.order_by("-number").first()
                if (latest.number if latest else 0) != number - 1:
                    raise PublicationConflict(
                        gettext(
                            "Version %(number)s of this report was published by %(who)s on "
                            "%(when)s, after this publication was confirmed."
                        )
                        % {
                            "number": latest.number,
                            "who": display_name(latest.published_by) or gettext("the system"),
                            "when": local_datetime(latest.published_at),
                        }
                    )
                for current in versions.current():
                    current.status = cls.Status.SUPERSEDED
                    current.save(update_fields=["status"])
                version = cls.objects.create(
                    plan=plan,
                    year=year,
                    language=language,
                    number=number,
                    data_cutoff=cutoff,
                    data=data,
                    published_by=published_by,
                )
                for fmt, (content, content_type) in contents.items():
                    kept = PublishedFile(
                        report=version,
                        format=fmt,
                        sha256=hashlib.sha256(content).hexdigest(),
                        content_type=content_type,
                    )
                    kept.file.save(kept.filename, ContentFile(content))
                    stored.append(kept.file.name)
        except BaseException:
            # Files written for a version that was not kept are not left behind.
            for name in stored:
                default_storage.delete(name)
            raise
        return version

    def withdraw(self, by, reason):
        """Withdraw this version with a reason: no longer current, its record stays."""
        from reporting.models import ReportingYear

        if not (reason or "").strip():
            raise PublicationConflict(gettext("Give the reason for withdrawing this version."))
        with transaction.atomic():
            ReportingYear.objects.for_plan(self.plan).select_for_update().get(year=self.year)
            locked = PublishedReport.objects.get(pk=self.pk)
            if locked.is_withdrawn:
                raise PublicationConflict(
                    gettext("This version was already withdrawn by %(who)s on %(when)s.")
                    % {
                        "who": display_name(locked.withdrawn_by) or gettext("the system"),
                        "when": local_datetime(locked.withdrawn_at),
                    }
                )
            locked.status = self.Status.WITHDRAWN
            locked.withdrawn_at = timezone.now()
            locked.withdrawn_by = actor(by)
            locked.withdrawal_reason = reason.strip()
            locked.save(
                update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason"]
            )
        return locked


class PublishedFile(models.Model):
    """One format of a published version, byte for byte as it was published."""

    report = models.ForeignKey(PublishedReport, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    file = models.FileField(_("file"), upload_to=published_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=100)

    class Meta:
        ordering = ["report", "format"]
        verbose_name = _("published file")
        verbose_name_plural = _("published files")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "format"], name="published_file_one_per_format"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="published_file_sha256_hex",
            ),
        ]

    def __str__(self):
        return f"{self.report} {self.format}"

    @property
    def filename(self):
        report = self.report
        return report_filename(
            report.plan,
            report.year,
            report.language,
            self.format,
            final=True,
            version=report.number,
        )
