from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField, audited_history
from core.fields import BoundedTextField
from indicators.models import Indicator, Target


class Rating(models.TextChoices):
    """What the working group may say of a target no figure can rate by itself."""

    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")


class AssessmentQuerySet(models.QuerySet):
    def for_plan(self, plan):
        """A rating is of a target or of an indicator: either way, of one plan."""
        return self.filter(models.Q(target__goal__plan=plan) | models.Q(indicator__plan=plan))


class Assessment(models.Model):
    """The working group's rating of a qualitative target (or of an indicator the plan gives no
    target), for one year, with the written justification that makes it readable and contestable.
    """

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    justification = BoundedTextField(_("justification"))
    by = ActorField(_("rated by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    # Bumped by every change: a rating saved over someone else's later one is a conflict.
    version = models.PositiveIntegerField(default=1, editable=False)

    # Every earlier rating is kept: a rating changed later still shows what it was, who set it.
    history = audited_history()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__isnull=True, indicator__isnull=False)
                | models.Q(target__isnull=False, indicator__isnull=True),
                name="assessment_of_a_target_or_an_indicator",
            ),
            models.UniqueConstraint(
                fields=["target", "year"],
                condition=models.Q(target__isnull=False),
                name="assessment_one_per_target_and_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(indicator__isnull=False),
                name="assessment_one_per_indicator_and_year",
            ),
            models.CheckConstraint(
                condition=~models.Q(justification=""), name="assessment_has_justification"
            ),
        ]

    def __str__(self):
        return f"{self.target or self.indicator} {self.year}: {self.rating}"
