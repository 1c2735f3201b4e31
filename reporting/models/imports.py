"""Uploaded spreadsheets waiting for the focal point's confirmation."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField
from indicators.models import scoped

from .submissions import Submission


def import_path(instance, filename):
    # A random folder: the stored name reveals nothing and two uploads never collide.
    return f"imports/{uuid.uuid4().hex}/upload"


def _delete_files_on_commit(names):
    from django.core.files.storage import default_storage

    def delete():
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)


class ImportBatchQuerySet(scoped("submission__reporting_year__plan")):
    def purge_stale(self, now=None):
        """Previews never confirmed are deleted after IMPORT_KEEP_DAYS, with their files."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.IMPORT_KEEP_DAYS)
        stale = self.filter(applied_at__isnull=True, uploaded_at__lt=cutoff)
        names = [name for name in stale.values_list("file", flat=True) if name]
        count, _by_model = stale.delete()
        _delete_files_on_commit(names)
        return count


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and the focal point's confirmation.

    Only a preview that can be confirmed is kept (a refused file or one with row errors is not),
    in the file storage; the file is deleted once applied, the record stays."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=import_path, max_length=300, blank=True)
    uploaded_by = ActorField(_("added by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version of the data previewed"))
    counts = models.JSONField(_("rows by outcome"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self):
        return f"{self.submission} {self.filename}"

    def mark_applied(self):
        """Record the import as applied and let its file go (once the transaction commits)."""
        names = [self.file.name] if self.file else []
        self.applied_at = timezone.now()
        self.file = ""
        self.save(update_fields=["applied_at", "file"])
        _delete_files_on_commit(names)
