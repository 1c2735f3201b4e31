"""The annual report's content for a year, gathered once (a fixed number of queries) and laid out
by separate formatters (DOCX, PDF, XLSX) that only lay it out.

Final reports use approved data only. A draft for the working group may include submitted data;
it is then marked "not yet approved" on every page by the formatters.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import Agency
from core import formatting
from dashboards import charts
from dashboards.progress import RULES, Progress, Source
from indicators.models import Indicator, Plan, Responsibility
from reporting.models import Activity, IndicatorValue, LineNarrative, ReportingYear, Submission

from .models import ReportIntroduction

# Rows of activities listed per line of action in the DOCX and PDF: a report of thousands of
# rows is neither readable nor quick to build. Totals always count every activity, and the XLSX
# data workbook lists them all.
ACTIVITY_ROWS_PER_LINE = 40


class ReportError(ValueError):
    """A report that cannot be built: the message is for the user."""


@dataclass
class ActivityRow:
    title: str
    agency: str
    women: int | None
    men: int | None
    total: int | None
    quantity: int
    indicator: str
    entity: str
    start: object
    end: object
    line: str
    approved: bool


@dataclass
class Totals:
    women: int = 0
    men: int = 0
    total: int = 0
    count: int = 0

    def add(self, row):
        self.women += row.women or 0
        self.men += row.men or 0
        self.total += row.total or 0
        self.count += 1


@dataclass
class IndicatorRow:
    indicator: Indicator
    targets: str
    value: str
    cumulative: str
    previous: str
    status: str
    status_label: str
    explanation: str
    unapproved: bool


@dataclass
class LineSection:
    line: object
    narratives: list  # (agency code, text)
    activities: list  # ActivityRow, at most ACTIVITY_ROWS_PER_LINE unless all are asked for
    more_activities: int
    totals: Totals
    indicators: list  # IndicatorRow


@dataclass
class GoalSection:
    goal: object
    lines: list
    goal_wide: list  # (target text, status, label, explanation)
    status: str
    status_label: str
    tally: list


@dataclass
class Chart:
    title: str
    svg: str
    png: bytes
    headers: list
    rows: list


@dataclass
class AnnualReport:
    plan: Plan
    year: int
    language: str
    final: bool
    generated_at: datetime
    introduction: str
    plan_version: str  # which version of the plan the year was rated against
    agencies: list
    areas: list  # (area, [GoalSection])
    summary: list  # IndicatorRow for all indicators
    charts: list
    sources: list  # dicts: agency, status, submitted, approved, deadline, timeliness
    missing: list  # (agency code, indicator code, reason)
    rules: list
    activities: list  # every ActivityRow of the year, for the XLSX
    indicator_years: list  # (code, year, target, actual, status, explanation) for the XLSX
    by_sex: list  # (indicator code, agency, women, men, total)
    by_entity: list  # (entity, activities, quantity, women, men, total)
    includes_unapproved: bool = False
    data: dict = field(default_factory=dict)

    @property
    def title(self):
        return _("Annual report %(year)s") % {"year": self.year}

    @property
    def draft_notice(self):
        if self.final:
            return ""
        return _("DRAFT — includes data not yet approved")


def _value_text(progress, indicator, year):
    """The year's value in words: the headline figure and, for people, the split by sex."""
    combined = progress.combined(indicator, year)
    return progress.measure(indicator, year).describe(combined) or formatting.DASH


def _cumulative(progress, indicator, year):
    """The headline figures of the plan's years so far, added up, for counts only."""
    figures = [progress.figure(indicator, y) for y in progress.plan.years if y <= year]
    counts = [f.value for f in figures if f is not None and f.kind == "count"]
    return formatting.number(sum(counts)) if counts else formatting.DASH


def build(plan, year, language="es", final=True, all_activities=False):
    """Gather a plan's report of a year. Raises ReportError for a year the plan does not
    cover."""
    with translation.override(language):
        return _build(plan, year, language, final, all_activities)


def _build(plan, year, language, final, all_activities):
    if plan is None or year not in plan.years:
        raise ReportError(
            _("The plan covers %(start)s to %(end)s.")
            % {"start": plan.start_year, "end": plan.end_year}
            if plan
            else _("No plan has been loaded.")
        )
    if not ReportingYear.objects.for_plan(plan).filter(year=year).exists():
        raise ReportError(
            _("The year %(year)s has not been opened for reporting.") % {"year": year}
        )
    source = Source.APPROVED if final else Source.SUBMITTED
    progress = Progress(plan, source=source)
    statuses = [Submission.Status.APPROVED]
    if not final:
        statuses.append(Submission.Status.SUBMITTED)

    submissions = list(
        Submission.objects.for_plan(plan)
        .filter(reporting_year__year=year)
        .select_related("agency", "reporting_year")
        .order_by("agency__code")
    )
    included = {s.pk for s in submissions if s.status in statuses}

    narratives = defaultdict(list)
    for narrative in LineNarrative.objects.filter(submission_id__in=included).select_related(
        "submission__agency"
    ):
        text = narrative.text_en if language == "en" and narrative.text_en else narrative.text_es
        if text.strip():
            narratives[narrative.line_id].append((narrative.submission.agency.code, text))

    activity_rows = []
    by_line = defaultdict(list)
    for row in (
        Activity.objects.filter(submission_id__in=included)
        .order_by("line__goal__number", "line__number", "start_date", "pk")
        .values(
            "title",
            "submission__agency__code",
            "submission__status",
            "women",
            "men",
            "total",
            "quantity",
            "indicator__code",
            "region__name",
            "start_date",
            "end_date",
            "line_id",
            "line__goal__number",
            "line__number",
        )
    ):
        activity = ActivityRow(
            title=row["title"],
            agency=row["submission__agency__code"],
            women=row["women"],
            men=row["men"],
            total=row["total"],
            quantity=row["quantity"],
            indicator=row["indicator__code"] or "",
            entity=row["region__name"] or "",
            start=row["start_date"],
            end=row["end_date"],
            line=f"{row['line__goal__number']}.{row['line__number']}",
            approved=row["submission__status"] == Submission.Status.APPROVED,
        )
        activity_rows.append(activity)
        by_line[row["line_id"]].append(activity)

    areas, summary, chart_list = [], [], []
    for area in progress.plan.areas.all():
        goal_sections = []
        for goal in area.goals.all():
            goal_progress = progress.goal(goal, year)
            results = {ip.indicator.pk: ip for ip in goal_progress.indicators}
            lines = []
            for line in goal.lines.all():
                rows = by_line.get(line.pk, [])
                totals = Totals()
                for activity in rows:
                    totals.add(activity)
                shown = rows if all_activities else rows[:ACTIVITY_ROWS_PER_LINE]
                indicator_rows = []
                for indicator in goal.indicators.all():
                    if indicator.line_id != line.pk:
                        continue
                    row = _indicator_row(progress, indicator, results[indicator.pk], year)
                    indicator_rows.append(row)
                lines.append(
                    LineSection(
                        line,
                        narratives.get(line.pk, []),
                        shown,
                        len(rows) - len(shown),
                        totals,
                        indicator_rows,
                    )
                )
            for indicator in goal.indicators.all():
                summary.append(_indicator_row(progress, indicator, results[indicator.pk], year))
                chart = _chart(progress, indicator, year)
                if chart is not None:
                    chart_list.append(chart)
            goal_wide = [
                (r.target.text, r.status, r.status_label, r.sentence)
                for r in goal_progress.goal_wide
            ]
            goal_sections.append(
                GoalSection(
                    goal,
                    lines,
                    goal_wide,
                    goal_progress.status,
                    goal_progress.status_label,
                    [(item.status.label, item.count) for item in goal_progress.tally],
                )
            )
        areas.append((area, goal_sections))

    sources, missing = _annex(submissions, included, progress.indicators)
    indicator_years = []
    for indicator in progress.indicators.values():
        for y in [y for y in plan.years if y <= year]:
            ip = progress.indicator(indicator, y)
            for result in ip.results:
                indicator_years.append(
                    (
                        indicator.code,
                        y,
                        result.target.describe() if result.target else "",
                        _value_text(progress, indicator, y),
                        result.status_label,
                        result.sentence,
                    )
                )
    by_sex = []
    for indicator in progress.indicators.values():
        for code, (combined, _figure) in sorted(progress.by_agency(indicator, year).items()):
            if combined.women is not None or combined.men is not None:
                by_sex.append((indicator.code, code, combined.women, combined.men, combined.total))
    by_entity = _by_entity(activity_rows)
    introduction = ReportIntroduction.objects.for_plan(plan).filter(year=year).first()
    intro = ""
    if introduction is not None:
        intro = (
            introduction.text_en
            if language == "en" and introduction.text_en
            else introduction.text_es
        )
    report = AnnualReport(
        plan=progress.plan,
        year=year,
        language=language,
        final=final,
        generated_at=timezone.localtime(),
        introduction=intro,
        agencies=list(Agency.objects.in_charge_of(plan).order_by("kind", "code")),
        plan_version=progress.versions.label(year),
        areas=areas,
        summary=summary,
        charts=chart_list,
        sources=sources,
        missing=missing,
        rules=[str(rule) for rule in RULES],
        activities=activity_rows,
        indicator_years=indicator_years,
        by_sex=by_sex,
        by_entity=by_entity,
        includes_unapproved=any(
            s.status != Submission.Status.APPROVED for s in submissions if s.pk in included
        ),
    )
    report.data = _data_used(report)
    return report


def _indicator_row(progress, indicator, indicator_progress, year):
    previous = (
        _value_text(progress, indicator, year - 1) if year - 1 in progress.plan.years else "—"
    )
    targets = "; ".join(t.describe() for t in indicator.targets.all()) or _("No target in the plan")
    return IndicatorRow(
        indicator=indicator,
        targets=targets,
        value=_value_text(progress, indicator, year),
        cumulative=_cumulative(progress, indicator, year),
        previous=previous,
        status=indicator_progress.status,
        status_label=indicator_progress.status_label,
        explanation=" ".join(r.sentence for r in indicator_progress.results),
        unapproved=indicator_progress.unapproved,
    )


def _chart(progress, indicator, year):
    """The dashboards' trend chart, for indicators with a number to compare and a figure."""
    target = next(iter(indicator.targets.all()), None)
    if target is None or not target.is_measurable:
        return None
    trend = progress.trend(indicator, year)
    if trend.is_empty:
        return None
    chart = charts.trend_chart(trend, png=True)
    return Chart(chart.title, chart.svg, chart.png, chart.headers, chart.rows)


def _annex(submissions, included, indicators):
    """Which agencies reported, when, and what is missing from each."""
    sources, missing = [], []
    in_charge = defaultdict(list)
    for agency_id, indicator_id in (
        Responsibility.objects.filter(indicator__in=list(indicators))
        .order_by("indicator__goal__number", "indicator__position")
        .values_list("agency_id", "indicator_id")
    ):
        in_charge[agency_id].append(indicators[indicator_id])
    values = {}
    for value in IndicatorValue.objects.filter(
        submission_id__in=[s.pk for s in submissions]
    ).select_related("indicator"):
        values[(value.submission_id, value.indicator_id)] = value
    for submission in submissions:
        timeliness = (
            _("late")
            if submission.is_late
            else (_("on time") if submission.submitted_at else _("not submitted"))
        )
        sources.append(
            {
                "agency": submission.agency.code,
                "name": submission.agency.name,
                "status": submission.get_status_display(),
                "deadline": submission.reporting_year.deadline,
                "submitted": submission.submitted_at,
                "approved": submission.approved_at,
                "timeliness": timeliness,
                "included": submission.pk in included,
            }
        )
        for indicator in in_charge[submission.agency_id]:
            value = values.get((submission.pk, indicator.pk))
            if submission.pk not in included:
                missing.append((submission.agency.code, indicator.code, _("Not approved")))
            elif value is None or value.is_empty:
                missing.append((submission.agency.code, indicator.code, _("No figure")))
            elif value.no_data:
                missing.append((submission.agency.code, indicator.code, value.no_data_reason))
    return sources, missing


def _by_entity(activities):
    rows = defaultdict(lambda: [0, 0, 0, 0, 0])
    for activity in activities:
        if not activity.entity:
            continue
        row = rows[activity.entity]
        row[0] += 1
        row[1] += activity.quantity
        row[2] += activity.women or 0
        row[3] += activity.men or 0
        row[4] += activity.total or 0
    return [(name, *numbers) for name, numbers in sorted(rows.items())]


def _data_used(report):
    """The figures a report was built from, kept with a published report."""
    return {
        "year": report.year,
        "language": report.language,
        "final": report.final,
        "generated_at": report.generated_at.isoformat(),
        "plan": report.plan.code,
        "plan_version": report.plan_version,
        "indicators": [
            {
                "code": row.indicator.code,
                "value": row.value,
                "cumulative": row.cumulative,
                "status": str(row.status),
                "explanation": row.explanation,
            }
            for row in report.summary
        ],
        "sources": [
            {
                k: (v.isoformat() if hasattr(v, "isoformat") else v)
                for k, v in s.items()
                if k != "name"
            }
            for s in report.sources
        ],
        "activities": len(report.activities),
    }
