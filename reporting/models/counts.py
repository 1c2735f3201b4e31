"""An activity counted towards more than one indicator: the 14 CECOPAM courses count as trainings
for 3.1 and, with their 113 women, for 4b ("uniformed women trained in the courses given at
CECOPAM"), if the working group decides they should. The activity's own indicator
(`Activity.indicator`) takes the activity's quantity and participants; each further indicator
takes its own quantity and, where needed, its own people counts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import audited_history
from core.fields import CountField
from indicators.models import Indicator, scoped

from .records import Activity, _people_constraints


class ActivityCountManager(
    models.Manager.from_queryset(scoped("activity__submission__reporting_year__plan"))
):
    def get_by_natural_key(self, plan_code, year, agency_code, reference, indicator_code):
        return self.get(
            activity__submission__reporting_year__plan__code=plan_code,
            activity__submission__reporting_year__year=year,
            activity__submission__agency__code=agency_code,
            activity__reference=reference,
            indicator__code=indicator_code,
        )


class ActivityCount(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="counts")
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="activity_counts",
        verbose_name=_("also counts towards indicator"),
    )
    quantity = CountField(
        _("quantity"),
        default=1,
        help_text=_("How many units the activity counts for this indicator."),
    )
    women = CountField(
        _("women"), null=True, blank=True, help_text=_("Empty: the activity's own figures.")
    )
    men = CountField(_("men"), null=True, blank=True)
    total = CountField(_("total participants"), null=True, blank=True)

    history = audited_history()
    objects = ActivityCountManager()

    class Meta:
        ordering = ["activity", "indicator__goal__number", "indicator__position"]
        verbose_name = _("further indicator of an activity")
        verbose_name_plural = _("further indicators of activities")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "indicator"], name="activity_count_once_per_indicator"
            ),
            *_people_constraints("activity_count"),
        ]

    def __str__(self):
        return f"{self.activity} → {self.indicator.code}"

    def natural_key(self):
        return (*self.activity.natural_key(), self.indicator.code)

    natural_key.dependencies = ["reporting.activity", "indicators.indicator"]

    @property
    def people(self):
        """(women, men, total) counted for this indicator: its own where given, else the
        activity's."""
        if self.total is None and self.women is None and self.men is None:
            return self.activity.women, self.activity.men, self.activity.total
        return self.women, self.men, self.total
