"""A plan workbook uploaded by the working group, between its preview and its confirmation."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField

from .plans import Plan


def plan_import_path(instance, filename):
    return f"plan-imports/{uuid.uuid4().hex}/upload"


class PlanImport(models.Model):
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=plan_import_path, max_length=300, blank=True)
    uploaded_by = ActorField(_("added by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    counts = models.JSONField(_("rows by outcome"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")

    def __str__(self):
        return self.filename
