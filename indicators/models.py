"""The plan as data: Annex 3 of Mexico's National Action Plan on UNSCR 1325.

Plan -> areas -> strategic goals -> lines of action, with the goal's activities, indicators and
targets. Every object has a natural key so fixtures never depend on database ids, and its texts in
Spanish and English. `source_note` records where Annex 3 is unreadable or where a text was completed
from another source, so nothing is silently invented.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.fields import audited_history
from nap1325.i18n import TranslatedField


class Bilingual(models.Model):
    source_note_es = models.TextField(
        _("note on the source (Spanish)"),
        blank=True,
        help_text=_("Where Annex 3 is unreadable, or the text was completed from another source."),
    )
    source_note_en = models.TextField(_("note on the source (English)"), blank=True)

    source_note = TranslatedField("source_note")

    class Meta:
        abstract = True


class PlanQuerySet(models.QuerySet):
    def current(self):
        """The plan in force: the one that started last (None before the plan is loaded)."""
        return self.order_by("-start_year").first()

    def with_structure(self):
        """The whole plan in a fixed number of queries, whatever its size."""
        return self.prefetch_related(
            models.Prefetch("areas", queryset=Area.objects.order_by("number")),
            models.Prefetch("areas__goals", queryset=StrategicGoal.objects.order_by("number")),
            models.Prefetch(
                "areas__goals__lines", queryset=LineOfAction.objects.order_by("number")
            ),
            models.Prefetch(
                "areas__goals__activities", queryset=PlanActivity.objects.order_by("position")
            ),
            models.Prefetch(
                "areas__goals__indicators", queryset=Indicator.objects.order_by("position")
            ),
            models.Prefetch(
                "areas__goals__indicators__responsibilities",
                queryset=Responsibility.objects.select_related("agency").order_by("position"),
            ),
            models.Prefetch(
                "areas__goals__indicators__targets", queryset=Target.objects.order_by("position")
            ),
            models.Prefetch("areas__goals__targets", queryset=Target.objects.order_by("position")),
        )


class PlanManager(models.Manager.from_queryset(PlanQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Plan(Bilingual):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    short_name_es = models.CharField(_("short name (Spanish)"), max_length=40)
    short_name_en = models.CharField(_("short name (English)"), max_length=40)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    version = models.CharField(_("version"), max_length=40)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    name = TranslatedField("name")
    short_name = TranslatedField("short_name")
    history = audited_history()
    objects = PlanManager()

    class Meta:
        ordering = ["-start_year", "code"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_ordered",
            )
        ]

    def __str__(self):
        return f"{self.short_name} ({self.start_year}-{self.end_year})"

    def natural_key(self):
        return (self.code,)

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


class AreaManager(models.Manager):
    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, number=number)


class Area(Bilingual):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    name = TranslatedField("name")
    description = TranslatedField("description")
    history = audited_history()
    objects = AreaManager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="area_number_unique_in_plan")
        ]

    def __str__(self):
        return f"{self.roman} {self.name}"

    def natural_key(self):
        return (self.plan.code, self.number)

    natural_key.dependencies = ["indicators.plan"]

    @property
    def roman(self):
        return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][self.number - 1]


class StrategicGoalManager(models.Manager):
    def get_by_natural_key(self, plan_code, number):
        return self.get(area__plan__code=plan_code, number=number)


class StrategicGoal(Bilingual):
    """A strategic goal (objective) of the plan, numbered 1-10 across the whole plan."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"))

    text = TranslatedField("text")
    history = audited_history()
    objects = StrategicGoalManager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="goal_number_unique_in_area")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"

    def natural_key(self):
        return (self.area.plan.code, self.number)

    natural_key.dependencies = ["indicators.area"]


class LineOfActionManager(models.Manager):
    def get_by_natural_key(self, plan_code, goal_number, number):
        return self.get(goal__area__plan__code=plan_code, goal__number=goal_number, number=number)


class LineOfAction(Bilingual):
    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"))

    text = TranslatedField("text")
    history = audited_history()
    objects = LineOfActionManager()

    class Meta:
        ordering = ["goal__number", "number"]
        verbose_name = _("line of action")
        verbose_name_plural = _("lines of action")
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="line_number_unique_in_goal")
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def natural_key(self):
        return (*self.goal.natural_key(), self.number)

    natural_key.dependencies = ["indicators.strategicgoal"]

    @property
    def code(self):
        return f"{self.goal.number}.{self.number}"


class PlanActivityManager(models.Manager):
    def get_by_natural_key(self, plan_code, goal_number, numeral):
        return self.get(goal__area__plan__code=plan_code, goal__number=goal_number, numeral=numeral)


class PlanActivity(Bilingual):
    """An activity the plan lists under a goal ("i) Establish mobile teams ...").

    Annex 3 numbers activities per goal with roman numerals and does not tie them to one line of
    action; the numbering of the source is kept (goal 7 starts at iii).
    """

    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="activities")
    numeral = models.CharField(
        _("numeral"), max_length=6, blank=True, help_text=_("Empty where the source has none.")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"))

    text = TranslatedField("text")
    history = audited_history()
    objects = PlanActivityManager()

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "numeral"], name="plan_activity_numeral_unique_in_goal"
            ),
            models.UniqueConstraint(
                fields=["goal", "position"], name="plan_activity_position_unique_in_goal"
            ),
        ]

    def __str__(self):
        return f"{self.goal.number} {self.numeral}) {self.text}"

    def natural_key(self):
        return (*self.goal.natural_key(), self.numeral)

    natural_key.dependencies = ["indicators.strategicgoal"]


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, plan_code, code):
        return self.get(goal__area__plan__code=plan_code, code=code)


class Indicator(Bilingual):
    class Measure(models.TextChoices):
        COUNT = "count", _("A count")
        PEOPLE_BY_SEX = "people_by_sex", _("A count of people by sex (women, men)")
        SHARE = "share", _("A share (numerator and denominator)")
        YES_NO = "yes_no", _("Yes or no")
        QUALITATIVE = "qualitative", _("Qualitative (text)")

    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="indicators")
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
    text_en = models.TextField(_("text (English)"))
    measure = models.CharField(_("how it is measured"), max_length=20, choices=Measure.choices)
    unit_es = models.CharField(_("unit (Spanish)"), max_length=80, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=80, blank=True)
    institutions = models.ManyToManyField(
        Agency,
        through="Responsibility",
        related_name="indicators",
        verbose_name=_("institutions in charge"),
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
            models.UniqueConstraint(fields=["goal", "code"], name="indicator_code_unique_in_goal"),
            models.UniqueConstraint(
                fields=["goal", "position"], name="indicator_position_unique_in_goal"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def natural_key(self):
        return (self.goal.area.plan.code, self.code)

    natural_key.dependencies = ["indicators.strategicgoal", "indicators.lineofaction"]


class ResponsibilityManager(models.Manager):
    def get_by_natural_key(self, plan_code, indicator_code, agency_code):
        return self.get(
            indicator__goal__area__plan__code=plan_code,
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


class TargetManager(models.Manager):
    def get_by_natural_key(self, plan_code, goal_number, position):
        return self.get(
            goal__area__plan__code=plan_code, goal__number=goal_number, position=position
        )


class Target(Bilingual):
    """What the plan promises (the GOAL column of Annex 3).

    Annex 3 states targets per strategic goal. Most are measured by one of the goal's indicators
    (`indicator`); a few count something no indicator counts (goal 1's outreach campaigns) and are
    left without one: the working group assesses them.
    """

    class Kind(models.TextChoices):
        COUNT_PER_YEAR = "count_per_year", _("A count per year")
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
            "For indicators that count people by sex: whether the target counts women only."
        ),
    )
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"))

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
                condition=~models.Q(kind__in=["milestone", "qualitative"])
                | models.Q(value__isnull=True),
                name="target_without_number_has_no_value",
            ),
        ]

    def __str__(self):
        return f"{self.goal.number}.{self.position}: {self.text}"

    def natural_key(self):
        return (*self.goal.natural_key(), self.position)

    natural_key.dependencies = ["indicators.strategicgoal", "indicators.indicator"]

    @property
    def is_measurable(self):
        """Whether progress can be computed: a stated number and an indicator that counts it."""
        return (
            self.value is not None
            and self.indicator_id is not None
            and self.kind
            in {self.Kind.COUNT_PER_YEAR, self.Kind.COUNT_OVER_PLAN, self.Kind.SHARE_THRESHOLD}
        )

    def describe(self):
        """The target's number in words, in the active language ("60 women per year")."""
        if self.kind == self.Kind.MILESTONE:
            return gettext("Milestone: done or not")
        if self.kind == self.Kind.QUALITATIVE:
            return gettext("Qualitative: no number")
        if self.value is None:
            return gettext("Number not stated in the plan")
        number = number_format(self.value.normalize(), use_l10n=True)
        if self.kind == self.Kind.SHARE_THRESHOLD:
            if self.comparison == self.Comparison.MORE_THAN:
                return gettext("More than %(number)s%%") % {"number": number}
            return gettext("At least %(number)s%%") % {"number": number}
        who = gettext("women") if self.counted == self.Counted.WOMEN else ""
        if self.kind == self.Kind.COUNT_PER_YEAR:
            return (
                gettext("%(number)s %(who)s per year") % {"number": number, "who": who}
            ).replace("  ", " ")
        return (
            gettext("%(number)s %(who)s over the whole plan") % {"number": number, "who": who}
        ).replace("  ", " ")
