"""The structure of a plan: the plan, its areas, strategic goals, lines of action and the
activities it lists."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import audited_history
from nap1325.i18n import TranslatedField
from places.models import Country

from .base import Bilingual, roman, scoped, url_code_validator


class PlanQuerySet(models.QuerySet):
    def current(self):
        """The plan in force: the one the working group marked current, else the one that
        started last (None before a plan is loaded). Its pages keep the short addresses."""
        return self.order_by("-is_current", "-start_year").first()

    def with_structure(self):
        """The whole plan in a fixed number of queries, whatever its size."""
        from .measures import Indicator, Responsibility, Target

        return self.select_related("country").prefetch_related(
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
                "areas__goals__indicators__targets",
                queryset=Target.objects.order_by("position").prefetch_related("versions"),
            ),
            models.Prefetch(
                "areas__goals__targets",
                queryset=Target.objects.order_by("position").prefetch_related("versions"),
            ),
        )


class PlanManager(models.Manager.from_queryset(PlanQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Plan(Bilingual):
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[url_code_validator],
        help_text=_("Used in addresses (/plans/<code>/): letters, digits and hyphens."),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="plans", verbose_name=_("country")
    )
    is_current = models.BooleanField(
        _("current plan"),
        default=False,
        help_text=_("The plan in force: its pages keep the short addresses (/plan/, /reporting/)."),
    )
    name_es = models.CharField(_("name (Spanish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    short_name_es = models.CharField(_("short name (Spanish)"), max_length=40)
    short_name_en = models.CharField(_("short name (English)"), max_length=40, blank=True)
    # Resolution 1325 dates from 2000; a year far out is a typing mistake.
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
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
                violation_error_message=_("The last year cannot come before the first year."),
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="plan_single_current",
            ),
        ]

    def __str__(self):
        return f"{self.short_name} ({self.start_year}-{self.end_year})"

    def natural_key(self):
        return (self.code,)

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


class AreaManager(models.Manager.from_queryset(scoped("plan"))):
    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, number=number)


class Area(Bilingual):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
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
        return roman(self.number)


class StrategicGoalManager(models.Manager.from_queryset(scoped("plan"))):
    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, number=number)


class StrategicGoal(Bilingual):
    """A strategic goal (objective) of the plan, numbered across the whole plan (1-10 in
    Mexico's)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="goals")
    # The area's plan, kept on the goal so that the database itself keeps numbers unique per
    # plan, as the natural key and the addresses (/dashboards/goals/4/) assume.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", editable=False)
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    text = TranslatedField("text")
    history = audited_history()
    objects = StrategicGoalManager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_number_unique_in_plan")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"

    def save(self, *args, **kwargs):
        self.plan_id = self.area.plan_id
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.plan.code, self.number)

    natural_key.dependencies = ["indicators.area"]


class LineOfActionManager(models.Manager.from_queryset(scoped("goal__plan"))):
    def get_by_natural_key(self, plan_code, goal_number, number):
        return self.get(goal__plan__code=plan_code, goal__number=goal_number, number=number)


class LineOfAction(Bilingual):
    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"), blank=True)

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


class PlanActivityManager(models.Manager.from_queryset(scoped("goal__plan"))):
    def get_by_natural_key(self, plan_code, goal_number, numeral):
        return self.get(goal__plan__code=plan_code, goal__number=goal_number, numeral=numeral)


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
    text_en = models.TextField(_("text (English)"), blank=True)

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
