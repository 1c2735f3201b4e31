"""Yearly reporting: what each agency did for each indicator, and its review.

A `ReportingYear` is opened by the working group with a deadline. Each implementing agency then has
one `Submission` for that year, holding its `IndicatorValue`s, `LineNarrative`s, `Evidence` and
`Activity` records. The submission moves draft -> submitted -> approved, or returned -> submitted
again; every step is a `SubmissionEvent` (who, when, why). Figures, narratives, evidence and
activities keep their full history (django-simple-history).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, SubUnit
from indicators.models import Indicator, LineOfAction, Plan

from .geography import FederalEntity


class WorkflowError(ValidationError):
    """A step the submission's state does not allow; the message is for the user."""


class ReportingYearManager(models.Manager):
    def get_by_natural_key(self, plan_code, year):
        return self.get(plan__code=plan_code, year=year)


class ReportingYear(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for entry")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reporting_years")
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ReportingYearManager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="reporting_year_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(status="closed"),
                name="reporting_year_closed_at_only_when_closed",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def natural_key(self):
        return (self.plan.code, self.year)

    natural_key.dependencies = ["indicators.plan"]

    def clean(self):
        plan = self.plan if self.plan_id else None
        if plan and self.year and not plan.start_year <= self.year <= plan.end_year:
            raise ValidationError(
                {
                    "year": gettext("The plan covers %(start)s to %(end)s.")
                    % {"start": plan.start_year, "end": plan.end_year}
                }
            )

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @classmethod
    @transaction.atomic
    def open(cls, plan, year, deadline):
        """Open a year: every implementing agency gets a draft submission, due by the deadline."""
        reporting_year = cls(plan=plan, year=year, deadline=deadline)
        reporting_year.full_clean()
        reporting_year.save()
        Submission.objects.bulk_create(
            Submission(reporting_year=reporting_year, agency=agency)
            for agency in Agency.objects.filter(kind=Agency.Kind.IMPLEMENTING)
        )
        return reporting_year

    @transaction.atomic
    def close(self):
        """A closed year is locked: nothing in it can be entered or reviewed any more."""
        if not self.is_open:
            raise WorkflowError(gettext("The year %(year)s is already closed.") % {"year": self})
        self.status = self.Status.CLOSED
        self.closed_at = timezone.now()
        self.save(update_fields=["status", "closed_at"])

    @transaction.atomic
    def reopen(self):
        if self.is_open:
            raise WorkflowError(gettext("The year %(year)s is already open.") % {"year": self})
        self.status = self.Status.OPEN
        self.closed_at = None
        self.save(update_fields=["status", "closed_at"])


class SubmissionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Submission.Status.APPROVED)

    def with_completeness(self):
        """Indicators answered (a figure, an answer, or “no data” with its reason), of them with
        no data, and activities recorded, for each submission, in the same query."""
        answered = (
            models.Q(values__no_data=True)
            | models.Q(values__total__isnull=False)
            | models.Q(values__numerator__isnull=False)
            | models.Q(values__yes_no__isnull=False)
            | ~models.Q(values__text="")
        )
        return self.annotate(
            answered=models.Count("values", filter=answered, distinct=True),
            no_data_answers=models.Count(
                "values", filter=models.Q(values__no_data=True), distinct=True
            ),
            activity_count=models.Count("activities", distinct=True),
        )


class SubmissionManager(models.Manager.from_queryset(SubmissionQuerySet)):
    def get_by_natural_key(self, plan_code, year, agency_code):
        return self.get(
            reporting_year__plan__code=plan_code,
            reporting_year__year=year,
            agency__code=agency_code,
        )


class Submission(models.Model):
    """One agency's report for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.CASCADE, related_name="submissions"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped on every save of the yearly form: a save made on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = SubmissionManager()

    class Meta:
        ordering = ["-reporting_year__year", "agency__code"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "agency"], name="submission_one_per_agency_and_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_at__isnull=False),
                name="submission_approved_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.agency.code} {self.reporting_year.year}"

    def natural_key(self):
        return (*self.reporting_year.natural_key(), self.agency.code)

    natural_key.dependencies = ["reporting.reportingyear", "agencies.agency"]

    @property
    def year(self):
        return self.reporting_year.year

    @property
    def is_editable(self):
        """Focal points change data only while it is a draft or returned, in an open year."""
        return self.status in self.EDITABLE and self.reporting_year.is_open

    @property
    def is_late(self):
        """Not submitted by the deadline (or submitted after it)."""
        deadline = self.reporting_year.deadline
        if self.submitted_at is not None:
            return timezone.localdate(self.submitted_at) > deadline
        return self.status in self.EDITABLE and timezone.localdate() > deadline

    def _locked_copy(self):
        return (
            Submission.objects.select_for_update().select_related("reporting_year").get(pk=self.pk)
        )

    def _step(self, by, action, allowed, new_status, comment="", snapshot=None):
        current = self._locked_copy()
        if not current.reporting_year.is_open:
            raise WorkflowError(
                gettext("The year %(year)s is closed: its data can no longer change.")
                % {"year": current.reporting_year.year}
            )
        if current.status not in allowed:
            raise WorkflowError(
                gettext("This submission is %(status)s; it cannot be %(action)s now.")
                % {
                    "status": current.get_status_display().lower(),
                    "action": SubmissionEvent.Action(action).label.lower(),
                }
            )
        now = timezone.now()
        current.status = new_status
        if new_status == self.Status.SUBMITTED:
            current.submitted_at = now
        if new_status == self.Status.APPROVED:
            current.approved_at = now
        elif current.status != self.Status.APPROVED:
            current.approved_at = None
        current.save(update_fields=["status", "submitted_at", "approved_at", "updated_at"])
        SubmissionEvent.objects.create(
            submission=current, action=action, by=by, comment=comment, snapshot=snapshot
        )
        self.status, self.submitted_at, self.approved_at = (
            current.status,
            current.submitted_at,
            current.approved_at,
        )
        return current

    @transaction.atomic
    def submit(self, by):
        from .rules import check_ready_to_submit, snapshot

        check_ready_to_submit(self)
        return self._step(
            by,
            SubmissionEvent.Action.SUBMITTED,
            self.EDITABLE,
            self.Status.SUBMITTED,
            snapshot=snapshot(self),
        )

    @transaction.atomic
    def return_for_changes(self, by, comment):
        if not comment.strip():
            raise WorkflowError(gettext("Say what the agency should correct."))
        return self._step(
            by,
            SubmissionEvent.Action.RETURNED,
            [self.Status.SUBMITTED],
            self.Status.RETURNED,
            comment=comment,
        )

    @transaction.atomic
    def approve(self, by, comment=""):
        return self._step(
            by,
            SubmissionEvent.Action.APPROVED,
            [self.Status.SUBMITTED],
            self.Status.APPROVED,
            comment=comment,
        )

    @transaction.atomic
    def reopen(self, by, reason):
        if not reason.strip():
            raise WorkflowError(gettext("Give the reason for reopening approved data."))
        return self._step(
            by,
            SubmissionEvent.Action.REOPENED,
            [self.Status.APPROVED],
            self.Status.RETURNED,
            comment=reason,
        )


class SubmissionEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        REOPENED = "reopened", _("Reopened")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    # What was submitted, to show the working group what changed since the previous submission.
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.submission} {self.action} {self.at:%Y-%m-%d}"


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


class IndicatorValueManager(models.Manager):
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
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    numerator = models.PositiveIntegerField(_("numerator"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("denominator"), null=True, blank=True)
    yes_no = models.BooleanField(_("yes or no"), null=True, blank=True)
    text = models.TextField(_("qualitative answer"), blank=True)
    no_data = models.BooleanField(_("no data this year"), default=False)
    no_data_reason = models.TextField(_("why there is no data"), blank=True)
    activities_note = models.TextField(
        _("why the figure differs from the activities"),
        blank=True,
        help_text=_(
            "Required when the figure does not match the sum of the activities counted towards "
            "this indicator."
        ),
    )

    history = HistoricalRecords()
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


class LineNarrativeManager(models.Manager):
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
    text_es = models.TextField(_("narrative (Spanish)"), blank=True)
    text_en = models.TextField(
        _("narrative (English)"), blank=True, help_text=_("Optional: used in the English report.")
    )

    history = HistoricalRecords()
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
    description = models.CharField(_("description"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = HistoricalRecords()

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


class ActivityManager(models.Manager):
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
    reference = models.CharField(
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
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    modality = models.CharField(
        _("modality"), max_length=10, choices=Modality.choices, default=Modality.IN_PERSON
    )
    federal_entity = models.CharField(
        _("federal entity"), max_length=2, choices=FederalEntity.choices, blank=True
    )
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        default=1,
        help_text=_(
            "How many units this record counts for the indicator: courses, networks, meetings..."
        ),
    )
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    total = models.PositiveIntegerField(_("total participants"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
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


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and the focal point's confirmation."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version of the data previewed"))
    counts = models.JSONField(_("rows by outcome"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self):
        return f"{self.submission} {self.filename}"
