"""What a plan measures and promises: indicators, the institutions in charge of them, and
targets, with the terms each target had in each year (revisions)."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.fields import audited_history
from core import formatting
from nap1325.i18n import TranslatedField

from .base import Bilingual, scoped
from .plans import LineOfAction, Plan, StrategicGoal


def in_force(item, year):
    return (item.first_year is None or item.first_year <= year) and (
        item.last_year is None or year <= item.last_year
    )


class InForceQuerySet(scoped("plan")):
    def in_force(self, year):
        """What is part of the plan in `year` (revisions add and retire indicators, targets)."""
        return self.filter(
            models.Q(first_year__isnull=True) | models.Q(first_year__lte=year),
            models.Q(last_year__isnull=True) | models.Q(last_year__gte=year),
        )


class IndicatorManager(models.Manager.from_queryset(InForceQuerySet)):
    def get_by_natural_key(self, plan_code, code):
        return self.get(plan__code=plan_code, code=code)


class Indicator(Bilingual):
    class Measure(models.TextChoices):
        COUNT = "count", _("A count")
        PEOPLE_BY_SEX = "people_by_sex", _("A count of people by sex (women, men)")
        SHARE = "share", _("A share (numerator and denominator)")
        YES_NO = "yes_no", _("Yes or no")
        QUALITATIVE = "qualitative", _("Qualitative (text)")

    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="indicators")
    # The goal's plan, kept here so that the database keeps codes unique per plan (4b is 4b
    # in one plan, whatever its goal), as the natural key and the addresses assume.
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="indicators", editable=False
    )
    line = models.ForeignKey(
        LineOfAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("line of action"),
        help_text=_("The line of action the indicator measures, where the plan makes it clear."),
    )
    code = models.CharField(
        _("code"), max_length=8, help_text=_("As in Annex 3: goal number and letter (4b).")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    measure = models.CharField(_("how it is measured"), max_length=20, choices=Measure.choices)
    unit_es = models.CharField(_("unit (Spanish)"), max_length=80, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=80, blank=True)
    institutions = models.ManyToManyField(
        Agency,
        through="Responsibility",
        related_name="indicators",
        verbose_name=_("institutions in charge"),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        help_text=_("Empty: from the start of the plan. Set when a revision adds it."),
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("Empty: to the end of the plan. Set when a revision retires it."),
    )

    text = TranslatedField("text")
    unit = TranslatedField("unit")
    history = audited_history()
    objects = IndicatorManager()

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_unique_in_plan"),
            models.UniqueConstraint(
                fields=["goal", "position"], name="indicator_position_unique_in_goal"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def save(self, *args, **kwargs):
        self.plan_id = self.goal.plan_id
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.plan.code, self.code)

    def in_force(self, year):
        """Part of the plan in `year` (revisions add and retire indicators)."""
        return in_force(self, year)

    natural_key.dependencies = ["indicators.strategicgoal", "indicators.lineofaction"]


class ResponsibilityManager(models.Manager.from_queryset(scoped("indicator__plan"))):
    def get_by_natural_key(self, plan_code, indicator_code, agency_code):
        return self.get(
            indicator__plan__code=plan_code,
            indicator__code=indicator_code,
            agency__code=agency_code,
        )


class Responsibility(Bilingual):
    """An institution in charge of an indicator (the last column of Annex 3)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="responsibilities"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="responsibilities")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = audited_history()
    objects = ResponsibilityManager()

    class Meta:
        ordering = ["indicator__goal__number", "indicator__position", "position"]
        verbose_name = _("institution in charge")
        verbose_name_plural = _("institutions in charge")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "agency"], name="responsibility_unique_agency_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.agency.code}"

    def natural_key(self):
        return (*self.indicator.natural_key(), self.agency.code)

    natural_key.dependencies = ["indicators.indicator", "agencies.agency"]


class TargetQuerySet(InForceQuerySet):
    plan_field = "goal__plan"


class TargetManager(models.Manager.from_queryset(TargetQuerySet)):
    def get_by_natural_key(self, plan_code, goal_number, position):
        return self.get(goal__plan__code=plan_code, goal__number=goal_number, position=position)


class Target(Bilingual):
    """What the plan promises (the GOAL column of Annex 3).

    Annex 3 states targets per strategic goal. Most are measured by one of the goal's indicators
    (`indicator`); a few count something no indicator counts (goal 1's outreach campaigns) and are
    left without one: the working group assesses them.
    """

    class Kind(models.TextChoices):
        COUNT_PER_YEAR = "count_per_year", _("A count per year")
        FREQUENCY = "frequency", _("At least one each year, with no number")
        COUNT_OVER_PLAN = "count_over_plan", _("A count over the whole plan")
        SHARE_THRESHOLD = "share_threshold", _("A share threshold")
        MILESTONE = "milestone", _("A milestone")
        QUALITATIVE = "qualitative", _("Qualitative, with no number")

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        MORE_THAN = "more_than", _("more than")

    class Counted(models.TextChoices):
        ALL = "all", _("everyone counted")
        WOMEN = "women", _("women only")
        MEN = "men", _("men only")

    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("measured by"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The number promised: a count, or a percentage for share thresholds. Empty where the "
            "plan gives no number or the source is unreadable."
        ),
    )
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    counted = models.CharField(
        _("who is counted"),
        max_length=10,
        choices=Counted.choices,
        default=Counted.ALL,
        help_text=_(
            "For indicators that count people by sex: whether the target counts everyone, women "
            "only or men only."
        ),
    )
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        help_text=_("Empty: from the start of the plan. Set when a revision adds it."),
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("Empty: to the end of the plan. Set when a revision retires it."),
    )

    text = TranslatedField("text")
    history = audited_history()
    objects = TargetManager()

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "position"], name="target_position_unique_in_goal"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="target_value_not_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="share_threshold")
                | models.Q(value__isnull=True)
                | models.Q(value__lte=100),
                name="target_share_at_most_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["milestone", "qualitative", "frequency"])
                | models.Q(value__isnull=True),
                name="target_without_number_has_no_value",
            ),
        ]

    def __str__(self):
        return f"{self.goal.number}.{self.position}: {self.text}"

    def natural_key(self):
        return (*self.goal.natural_key(), self.position)

    natural_key.dependencies = ["indicators.strategicgoal", "indicators.indicator"]

    def in_force(self, year):
        """Part of the plan in `year` (revisions add and retire targets)."""
        return in_force(self, year)

    def terms(self, year):
        """What the target promised for `year`: its kind and number may have been revised from
        some year on; earlier years keep the terms they had."""
        versions = sorted(self.versions.all(), key=lambda v: v.first_year)
        applicable = [v for v in versions if v.first_year <= year]
        if applicable:
            return applicable[-1]
        return versions[0] if versions else self

    @property
    def is_measurable(self):
        """Whether progress can be computed: a stated number and an indicator that counts it."""
        return (
            self.value is not None and self.indicator_id is not None and self.kind in NUMBERED_KINDS
        )

    def describe(self):
        """The target's number in words, in the active language ("60 women per year")."""
        if self.kind == self.Kind.MILESTONE:
            return gettext("Milestone: done or not")
        if self.kind == self.Kind.QUALITATIVE:
            return gettext("Qualitative: no number")
        if self.kind == self.Kind.FREQUENCY:
            return gettext("At least one each year")
        if self.value is None:
            return gettext("Number not stated in the plan")
        number = formatting.number(self.value, 2)
        if self.kind == self.Kind.SHARE_THRESHOLD:
            percent = formatting.percent(self.value, 2)
            if self.comparison == self.Comparison.MORE_THAN:
                return gettext("More than %(percent)s") % {"percent": percent}
            return gettext("At least %(percent)s") % {"percent": percent}
        who = {self.Counted.WOMEN: gettext("women"), self.Counted.MEN: gettext("men")}.get(
            self.counted, ""
        )
        if self.kind == self.Kind.COUNT_PER_YEAR:
            return (
                gettext("%(number)s %(who)s per year") % {"number": number, "who": who}
            ).replace("  ", " ")
        return (
            gettext("%(number)s %(who)s over the whole plan") % {"number": number, "who": who}
        ).replace("  ", " ")


# Kinds that state a number, and kinds that never do.
NUMBERED_KINDS = frozenset(
    {Target.Kind.COUNT_PER_YEAR, Target.Kind.COUNT_OVER_PLAN, Target.Kind.SHARE_THRESHOLD}
)
UNNUMBERED_KINDS = frozenset(
    {Target.Kind.MILESTONE, Target.Kind.QUALITATIVE, Target.Kind.FREQUENCY}
)


class TargetVersion(models.Model):
    """A target's terms from a year on, recorded by a revision of the plan. A target that was
    never revised has none: its own fields are its terms. Once revised, the first version holds
    the original terms (from the plan's first year) and each later one the terms from its year."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="versions")
    first_year = models.PositiveSmallIntegerField(_("from the year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Target.Kind.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    comparison = models.CharField(_("comparison"), max_length=10, choices=Target.Comparison.choices)
    counted = models.CharField(_("who is counted"), max_length=10, choices=Target.Counted.choices)

    history = audited_history()

    class Meta:
        ordering = ["target", "first_year"]
        verbose_name = _("target version")
        verbose_name_plural = _("target versions")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "first_year"], name="target_version_one_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.target} ({self.first_year})"

    # The same reading as a target's, so that rules use either: `target.terms(year).value`.
    describe = Target.describe
    Kind, Comparison, Counted = Target.Kind, Target.Comparison, Target.Counted

    @property
    def is_measurable(self):
        return (
            self.value is not None
            and self.target.indicator_id is not None
            and self.kind in NUMBERED_KINDS
        )
