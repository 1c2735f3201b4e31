"""Revisions of a plan, recorded by the working group when it reviews the plan.

A revision says why and from which year; its changes say what: a target's kind or number, the
wording of an indicator or a goal, an indicator or a target added or retired, the period extended
or shortened. Earlier years keep the plan as it was: each year is read with the changes in force
that year (`indicators.versions.PlanVersions`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField
from core.fields import BoundedTextField

from .base import scoped
from .measures import Indicator, Target
from .plans import Plan, StrategicGoal


class PlanRevision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        APPLIED = "applied", _("Applied")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("applies from the year"), help_text=_("Earlier years keep the plan as it was.")
    )
    reason = BoundedTextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = ActorField(_("prepared by"))
    created_at = models.DateTimeField(_("prepared on"), auto_now_add=True)
    applied_by = ActorField(_("applied by"))
    applied_at = models.DateTimeField(_("applied on"), null=True, blank=True)

    objects = models.Manager.from_queryset(scoped("plan"))()

    class Meta:
        ordering = ["plan", "number", "pk"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                condition=models.Q(number__isnull=False),
                name="revision_number_unique_in_plan",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False),
                name="revision_applied_has_number",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.plan.code} rev. {self.number} ({self.first_year})"
        return f"{self.plan.code} ({self.first_year})"


class RevisionChange(models.Model):
    class Kind(models.TextChoices):
        TARGET_TERMS = "target_terms", _("Change a target's kind or number")
        TARGET_ADDED = "target_added", _("Add a target")
        TARGET_RETIRED = "target_retired", _("Retire a target")
        INDICATOR_TEXT = "indicator_text", _("Reword an indicator")
        INDICATOR_ADDED = "indicator_added", _("Add an indicator")
        INDICATOR_RETIRED = "indicator_retired", _("Retire an indicator")
        GOAL_TEXT = "goal_text", _("Reword a strategic goal")
        PERIOD = "period", _("Extend or shorten the plan's period")

    revision = models.ForeignKey(PlanRevision, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey(
        StrategicGoal, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        ordering = ["revision", "pk"]
        verbose_name = _("change of a revision")
        verbose_name_plural = _("changes of revisions")

    def __str__(self):
        return f"{self.revision}: {self.get_kind_display()}"
