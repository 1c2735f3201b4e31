"""The rules of yearly reporting, in one place: what an agency must report, what is consistent,
what looks unusual, and how agencies' figures combine.

Forms, views, imports and the report all ask these functions; none of them restates a rule.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils.translation import gettext as _

from core import formatting
from indicators.models import Indicator, LineOfAction, Responsibility, Target
from measures.bound import measure_of
from measures.registry import REGISTRY

from .models import Activity, ActivityCount, IndicatorValue, Submission, WorkflowError

# Further checks before a submission may be submitted, added by other apps (budgets) in their
# AppConfig.ready so that this module never imports them: functions (submission) -> [problem].
SUBMIT_CHECKS = []

# A figure more than this many times the agency's previous average (or less than its inverse)
# is flagged for a second look. A warning only: real years do jump (new programmes, cuts).
UNUSUAL_FACTOR = 3


def indicators_for(submission):
    """The indicators a submission answers: those of its plan, in force in its year, that its
    agency is in charge of, in the plan's order."""
    year = submission.reporting_year.year
    return (
        Indicator.objects.for_plan(submission.reporting_year.plan_id)
        .in_force(year)
        .filter(responsibilities__agency=submission.agency_id)
        .select_related("goal", "line")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.in_force(year)
                .order_by("position")
                .prefetch_related("versions"),
            )
        )
        .order_by("goal__number", "position")
    )


def lines_for(submission):
    """The lines of action of the goals in which the submission's agency is in charge of an
    indicator, in its plan."""
    return (
        LineOfAction.objects.for_plan(submission.reporting_year.plan_id)
        .filter(goal__indicators__responsibilities__agency=submission.agency_id)
        .select_related("goal")
        .distinct()
        .order_by("goal__number", "number")
    )


def due_counts(reporting_year):
    """agency id -> how many indicators of the plan, in force that year, it is in charge of."""
    in_force = Indicator.objects.for_plan(reporting_year.plan_id).in_force(reporting_year.year)
    return dict(
        Responsibility.objects.filter(indicator__in=in_force)
        .values_list("agency")
        .annotate(n=Count("pk"))
        .order_by()
    )


@dataclass(frozen=True)
class ActivityTotals:
    records: int = 0
    quantity: int = 0
    women: int = 0
    men: int = 0
    total: int = 0


def activity_totals(submission):
    """Per indicator: the sums of the activities counted towards it (two queries): each
    activity's own indicator with the activity's figures, and the further indicators it counts
    towards with theirs (`ActivityCount`)."""
    sums = defaultdict(lambda: {"records": 0, "quantity": 0, "women": 0, "men": 0, "total": 0})
    for row in (
        Activity.objects.filter(submission=submission, indicator__isnull=False)
        .values("indicator")
        .annotate(
            records=Count("pk"),
            quantity=Sum("quantity"),
            women=Sum("women"),
            men=Sum("men"),
            total=Sum("total"),
        )
    ):
        for name in ("records", "quantity", "women", "men", "total"):
            sums[row["indicator"]][name] += row[name] or 0
    for count in ActivityCount.objects.filter(activity__submission=submission).select_related(
        "activity"
    ):
        women, men, total = count.people
        added = sums[count.indicator_id]
        added["records"] += 1
        added["quantity"] += count.quantity
        added["women"] += women or 0
        added["men"] += men or 0
        added["total"] += total or 0
    return {indicator: ActivityTotals(**numbers) for indicator, numbers in sums.items()}


def activities_mismatch(indicator, women, men, total, totals):
    """A sentence saying how the figure differs from its activities, or None if it agrees
    (the indicator's measure decides what is compared)."""
    figure = {"women": women, "men": men, "total": total}
    return REGISTRY[indicator.measure].activities_mismatch(figure, totals)


def headline(indicator, value):
    """The number a value (an IndicatorValue or a ValueRow) stands for: the women, for an
    indicator whose target counts women. What the unusual-figure warning compares."""
    if value.no_data:
        return None
    return measure_of(indicator).compared(REGISTRY[indicator.measure].combine([value]))


def check_activity(submission, cleaned, add_error):
    """Rules for one activity, shared by the form and the spreadsheet import.

    Reports each problem through `add_error(field, message)` and returns computed values (a
    total from women and men).
    """
    year = submission.reporting_year.year
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    first, last = date(year, 1, 1), date(year, 12, 31)
    for name, day in (("start_date", start), ("end_date", end)):
        if day and not first <= day <= last:
            add_error(
                name,
                _("The date must fall within the reporting year %(year)s.") % {"year": year},
            )
    if start and end and end < start:
        add_error("end_date", _("The activity cannot end before it starts."))
    # Participants follow the same rule as a figure of people by sex.
    people = {name: cleaned.get(name) for name in ("women", "men", "total")}
    REGISTRY[Indicator.Measure.PEOPLE_BY_SEX].clean(people, add_error)
    computed = {name: value for name, value in people.items() if value != cleaned.get(name)}
    line, indicator = cleaned.get("line"), cleaned.get("indicator")
    if line and indicator and indicator.goal_id != line.goal_id:
        add_error(
            "indicator",
            _("Indicator %(code)s belongs to goal %(goal)s, not to line of action %(line)s.")
            % {"code": indicator.code, "goal": indicator.goal.number, "line": line.code},
        )
    subunit = cleaned.get("subunit")
    if subunit and subunit.agency_id != submission.agency_id:
        add_error("subunit", _("This sub-unit does not report through your agency."))
    return computed


def previous_headlines(submission):
    """indicator id -> the agency's approved headline figures of earlier years."""
    earlier = (
        IndicatorValue.objects.filter(
            submission__agency=submission.agency,
            submission__status=Submission.Status.APPROVED,
            submission__reporting_year__year__lt=submission.reporting_year.year,
            no_data=False,
        )
        .select_related("indicator", "submission__agency")
        .prefetch_related("indicator__targets")
        .order_by("submission__reporting_year__year")
    )
    result = defaultdict(list)
    for value in earlier:
        figure = headline(value.indicator, value)
        if figure is not None:
            result[value.indicator_id].append(figure)
    return result


def unusual_warning(figure, previous):
    """A warning when a figure is far from the agency's earlier years, else None."""
    if figure is None or not previous:
        return None
    average = sum(Decimal(p) for p in previous) / len(previous)
    if average == 0:
        return None
    if Decimal(figure) > average * UNUSUAL_FACTOR or Decimal(figure) * UNUSUAL_FACTOR < average:
        return _(
            "This figure (%(figure)s) is far from this agency's average of earlier years "
            "(%(average)s). Check it before submitting."
        ) % {"figure": formatting.number(figure, 1), "average": formatting.number(average, 1)}
    return None


def missing_items(submission, indicators=None, values=None, totals=None):
    """What prevents submitting: indicators with no answer, unexplained activity mismatches."""
    indicators = list(indicators if indicators is not None else indicators_for(submission))
    if values is None:
        values = {v.indicator_id: v for v in submission.values.all()}
    if totals is None:
        totals = activity_totals(submission)
    problems = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        if value is None or not is_answered(indicator, value):
            problems.append(
                _("Indicator %(code)s has no figure: enter it, or mark “no data this year”.")
                % {"code": indicator.code}
            )
            continue
        if value.no_data:
            continue
        mismatch = activities_mismatch(
            indicator, value.women, value.men, value.total, totals.get(indicator.pk)
        )
        if mismatch and not value.activities_note.strip():
            problems.append(
                _("Indicator %(code)s: %(problem)s Explain why, or correct it.")
                % {"code": indicator.code, "problem": mismatch}
            )
    for check in SUBMIT_CHECKS:
        problems.extend(check(submission))
    return problems


def is_answered(indicator, value):
    """The completeness rule, one for the form, the submit check and the year page (whose SQL
    twin is `measures.registry.answered_q`)."""
    return value is not None and REGISTRY[indicator.measure].is_answered(value)


def check_ready_to_submit(submission):
    problems = missing_items(submission)
    if problems:
        raise WorkflowError(problems)


def combine(indicator, values):
    """Combine agencies' values as the indicator's measure says: counts summed, shares
    recomputed from the summed numerators and denominators (never averaged), yes if any
    agency says yes. `values` are IndicatorValues or ValueRows."""
    return REGISTRY[indicator.measure].combine(values)


def approved_values_by_year(indicator):
    """year -> Combined, from approved submissions only (what the public may read)."""
    values = (
        IndicatorValue.objects.filter(
            indicator=indicator, submission__status=Submission.Status.APPROVED
        )
        .select_related("submission__agency", "submission__reporting_year")
        .order_by("submission__reporting_year__year")
    )
    by_year = defaultdict(list)
    for value in values:
        by_year[value.submission.reporting_year.year].append(value)
    return {year: combine(indicator, vals) for year, vals in sorted(by_year.items())}


def visible_submissions_q(user):
    """The submissions a user may read: all for the working group, one's own agency's, and
    approved ones for everybody."""
    from agencies.access import agency_of, can_read_drafts_of, can_review

    if can_review(user):
        return Q()
    own = agency_of(user)
    approved = Q(status=Submission.Status.APPROVED)
    if own is not None and can_read_drafts_of(user, own):
        return approved | Q(agency=own)
    return approved
