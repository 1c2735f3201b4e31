"""What a submission holds: figures, narratives, evidence and the activities behind them."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import SubUnit
from audit.fields import ActorField, audited_history
from core.fields import NARRATIVE_LENGTH, BoundedTextField, CountField, TextLineField
from indicators.models import Indicator, LineOfAction, scoped
from places.models import Region

from .submissions import Submission

# Everything a submission holds reaches its plan through the submission's year.
IN_PLAN = scoped("submission__reporting_year__plan")


def _people_constraints(prefix):
    """Whole non-negative numbers are PositiveIntegerFields; these add women + men = total."""
    return [
        models.CheckConstraint(
            condition=models.Q(women__isnull=True)
            | models.Q(men__isnull=True)
            | models.Q(total__isnull=True)
            | models.Q(total=models.F("women") + models.F("men")),
            name=f"{prefix}_women_plus_men_is_total",
        ),
    ]


class IndicatorValueManager(models.Manager.from_queryset(IN_PLAN)):
    def get_by_natural_key(self, plan_code, year, agency_code, indicator_code):
        return self.get(
            submission__reporting_year__plan__code=plan_code,
            submission__reporting_year__year=year,
            submission__agency__code=agency_code,
            indicator__code=indicator_code,
        )


class IndicatorValue(models.Model):
    """An agency's figure for one indicator and year, in the fields its measure needs."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    women = CountField(_("women"), null=True, blank=True)
    men = CountField(_("men"), null=True, blank=True)
    total = CountField(_("total"), null=True, blank=True)
    numerator = CountField(_("numerator"), null=True, blank=True)
    denominator = CountField(_("denominator"), null=True, blank=True)
    yes_no = models.BooleanField(_("yes or no"), null=True, blank=True)
    text = BoundedTextField(_("qualitative answer"), blank=True)
    no_data = models.BooleanField(_("no data this year"), default=False)
    no_data_reason = BoundedTextField(_("why there is no data"), blank=True)
    no_data_reason_en = BoundedTextField(
        _("why there is no data (English)"),
        blank=True,
        help_text=_("Optional: used in the English report."),
    )
    activities_note = BoundedTextField(
        _("why the figure differs from the activities"),
        blank=True,
        help_text=_(
            "Required when the figure does not match the sum of the activities counted towards "
            "this indicator."
        ),
    )

    history = audited_history()
    objects = IndicatorValueManager()

    class Meta:
        ordering = ["indicator__goal__number", "indicator__position"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="value_one_per_indicator_and_submission"
            ),
            *_people_constraints("value"),
            models.CheckConstraint(
                condition=models.Q(numerator__isnull=True)
                | models.Q(denominator__isnull=True)
                | models.Q(numerator__lte=models.F("denominator")),
                name="value_numerator_at_most_denominator",
            ),
            models.CheckConstraint(
                condition=models.Q(no_data=False) | ~models.Q(no_data_reason=""),
                name="value_no_data_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.submission} {self.indicator.code}"

    def natural_key(self):
        return (*self.submission.natural_key(), self.indicator.code)

    natural_key.dependencies = ["reporting.submission", "indicators.indicator"]

    @property
    def is_empty(self):
        return not self.no_data and all(
            value in (None, "")
            for value in (
                self.women,
                self.men,
                self.total,
                self.numerator,
                self.denominator,
                self.yes_no,
                self.text,
            )
        )


class LineNarrativeManager(models.Manager.from_queryset(IN_PLAN)):
    def get_by_natural_key(self, plan_code, year, agency_code, goal_number, line_number):
        return self.get(
            submission__reporting_year__plan__code=plan_code,
            submission__reporting_year__year=year,
            submission__agency__code=agency_code,
            line__goal__number=goal_number,
            line__number=line_number,
        )


class LineNarrative(models.Model):
    """What an agency did under a line of action that year, in its own words."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="narratives")
    line = models.ForeignKey(LineOfAction, on_delete=models.PROTECT, related_name="narratives")
    text_es = BoundedTextField(_("narrative (Spanish)"), blank=True, max_length=NARRATIVE_LENGTH)
    text_en = BoundedTextField(
        _("narrative (English)"),
        max_length=NARRATIVE_LENGTH,
        blank=True,
        help_text=_("Optional: used in the English report."),
    )

    history = audited_history()
    objects = LineNarrativeManager()

    class Meta:
        ordering = ["line__goal__number", "line__number"]
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "line"], name="narrative_one_per_line_and_submission"
            )
        ]

    def __str__(self):
        return f"{self.submission} {self.line.code}"

    def natural_key(self):
        return (*self.submission.natural_key(), self.line.goal.number, self.line.number)

    natural_key.dependencies = ["reporting.submission", "indicators.lineofaction"]


def evidence_path(instance, filename):
    submission = instance.submission
    return f"evidence/{submission.reporting_year.year}/{submission.agency.code}/{filename}"


class Evidence(models.Model):
    """A link or an uploaded file that backs the submission's figures or narratives."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    line = models.ForeignKey(
        LineOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("line of action"),
    )
    description = TextLineField(_("description"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=300)
    uploaded_by = ActorField(_("added by"))
    uploaded_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = audited_history()
    objects = models.Manager.from_queryset(IN_PLAN)()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="evidence_link_or_file",
            )
        ]

    def __str__(self):
        return self.description


def new_reference():
    """A short unique reference for an activity entered without one of the agency's own."""
    return "A-" + uuid.uuid4().hex[:10].upper()


class ActivityManager(models.Manager.from_queryset(IN_PLAN)):
    def get_by_natural_key(self, plan_code, year, agency_code, reference):
        return self.get(
            submission__reporting_year__plan__code=plan_code,
            submission__reporting_year__year=year,
            submission__agency__code=agency_code,
            reference=reference,
        )


class Activity(models.Model):
    """An action behind the figures: a course, a deployment, a network, a meeting..."""

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        MIXED = "mixed", _("Mixed")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="activities")
    reference = TextLineField(
        _("reference"),
        max_length=40,
        default=new_reference,
        help_text=_(
            "The agency's own identifier, unique in the year; spreadsheets use it to recognise "
            "the activity. Left empty, one is given."
        ),
    )
    line = models.ForeignKey(
        LineOfAction,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("line of action"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("counts towards indicator"),
    )
    subunit = models.ForeignKey(
        SubUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("sub-unit"),
    )
    title = TextLineField(_("title"), max_length=300)
    title_en = TextLineField(
        _("title (English)"),
        max_length=300,
        blank=True,
        help_text=_("Optional: used in the English report."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    modality = models.CharField(
        _("modality"), max_length=10, choices=Modality.choices, default=Modality.IN_PERSON
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("region"),
        help_text=_("Where it took place: a region of the plan's country (a federal entity)."),
    )
    municipality = TextLineField(_("municipality"), max_length=120, blank=True)
    municipalities = CountField(
        _("number of municipalities"),
        null=True,
        blank=True,
        help_text=_("How many municipalities the activity covered."),
    )
    participants_institution = TextLineField(
        _("participants' institution"),
        max_length=120,
        blank=True,
        help_text=_(
            "The institution the participants belong to, where it is not the reporting agency: "
            "SEMAR, the National Guard, a state police..."
        ),
    )
    quantity = CountField(
        _("quantity"),
        default=1,
        help_text=_(
            "How many units this record counts for the indicator: courses, networks, meetings..."
        ),
    )
    women = CountField(_("women"), null=True, blank=True)
    men = CountField(_("men"), null=True, blank=True)
    total = CountField(_("total participants"), null=True, blank=True)
    description = BoundedTextField(_("description"), blank=True)
    description_en = BoundedTextField(
        _("description (English)"),
        blank=True,
        help_text=_("Optional: used in the English report."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = audited_history()
    objects = ActivityManager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            *_people_constraints("activity"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="activity_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["submission", "reference"], name="activity_reference_unique_in_submission"
            ),
        ]
        indexes = [models.Index(fields=["submission", "indicator"])]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.submission.natural_key(), self.reference)

    natural_key.dependencies = ["reporting.submission"]
