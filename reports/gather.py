"""A plan's year as the report needs it, read in a fixed number of queries whatever the number
of activities: the submissions included, their narratives, figures and activities, and the
working group's own texts."""

from collections import defaultdict
from dataclasses import dataclass, field

from indicators.models import Responsibility
from reporting.models import Activity, ActivityCount, IndicatorValue, LineNarrative, Submission

from .models import ReportConclusion, ReportIntroduction

ACTIVITY_FIELDS = (
    "pk",
    "reference",
    "title",
    "title_en",
    "submission__agency__code",
    "submission__status",
    "women",
    "men",
    "total",
    "quantity",
    "indicator_id",
    "region__name",
    "municipality",
    "municipalities",
    "participants_institution",
    "start_date",
    "end_date",
    "modality",
    "line_id",
)


@dataclass
class ActivityRow:
    pk: int
    reference: str
    title: str
    title_en: str
    agency: str
    approved: bool
    women: int | None
    men: int | None
    total: int | None
    quantity: int
    indicator_id: int | None
    region: str
    municipality: str
    municipalities: int | None
    institution: str
    start: object
    end: object
    modality: str
    line_id: int
    # The further indicators it counts towards: [(indicator id, quantity, women, men, total)].
    further: list = field(default_factory=list)

    @property
    def split_known(self):
        return self.women is not None and self.men is not None

    def counted(self, indicator_id):
        """(quantity, women, men, total) this activity counts towards an indicator, or None."""
        if self.indicator_id == indicator_id:
            return self.quantity, self.women, self.men, self.total
        return next((c[1:] for c in self.further if c[0] == indicator_id), None)


@dataclass
class YearData:
    submissions: list
    included: set  # ids of the submissions the report uses
    narratives: dict = field(default_factory=lambda: defaultdict(list))  # line id -> [...]
    activities: list = field(default_factory=list)
    by_line: dict = field(default_factory=lambda: defaultdict(list))
    values: dict = field(default_factory=dict)  # (submission id, indicator id) -> value
    in_charge: dict = field(default_factory=lambda: defaultdict(list))  # agency id -> [ind. id]
    texts: object = None  # ReportIntroduction or None
    conclusions: object = None  # ReportConclusion or None


def gather(plan, year, statuses):
    submissions = list(
        Submission.objects.for_plan(plan)
        .filter(reporting_year__year=year)
        .select_related("agency", "reporting_year")
        .order_by("agency__code")
    )
    data = YearData(submissions, {s.pk for s in submissions if s.status in statuses})
    for narrative in (
        LineNarrative.objects.filter(submission_id__in=data.included)
        .select_related("submission__agency")
        .order_by("submission__agency__code")
    ):
        data.narratives[narrative.line_id].append(narrative)
    for row in (
        Activity.objects.filter(submission_id__in=data.included)
        .order_by("line__goal__number", "line__number", "start_date", "pk")
        .values_list(*ACTIVITY_FIELDS)
    ):
        activity = ActivityRow(
            pk=row[0],
            reference=row[1],
            title=row[2],
            title_en=row[3],
            agency=row[4],
            approved=row[5] == Submission.Status.APPROVED,
            women=row[6],
            men=row[7],
            total=row[8],
            quantity=row[9],
            indicator_id=row[10],
            region=row[11] or "",
            municipality=row[12],
            municipalities=row[13],
            institution=row[14],
            start=row[15],
            end=row[16],
            modality=row[17],
            line_id=row[18],
        )
        data.activities.append(activity)
        data.by_line[activity.line_id].append(activity)
    by_pk = {activity.pk: activity for activity in data.activities}
    for count in ActivityCount.objects.filter(
        activity__submission_id__in=data.included
    ).select_related("activity"):
        women, men, total = count.people
        by_pk[count.activity_id].further.append(
            (count.indicator_id, count.quantity, women, men, total)
        )
    for value in IndicatorValue.objects.filter(submission_id__in=[s.pk for s in submissions]).only(
        "submission_id",
        "indicator_id",
        "no_data",
        "no_data_reason",
        "no_data_reason_en",
        "women",
        "men",
        "total",
        "numerator",
        "denominator",
        "yes_no",
        "text",
        "activities_note",
    ):
        data.values[(value.submission_id, value.indicator_id)] = value
    for agency_id, indicator_id in (
        Responsibility.objects.filter(indicator__plan=plan)
        .order_by("indicator__goal__number", "indicator__position")
        .values_list("agency_id", "indicator_id")
    ):
        data.in_charge[agency_id].append(indicator_id)
    data.texts = ReportIntroduction.objects.for_plan(plan).filter(year=year).first()
    data.conclusions = ReportConclusion.objects.for_plan(plan).filter(year=year).first()
    return data
