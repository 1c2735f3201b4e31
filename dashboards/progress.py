"""Progress rules: how each target of the plan is rated against what the agencies reported.

Every rating carries a status and a sentence that says why, in the user's language. The rules:

- a count per year: the year's figure against the yearly target;
- a count over the whole plan: the cumulative figure against the total, and against the expected
  path for the years elapsed (on track or behind);
- a share threshold: the share recomputed from numerators and denominators (or women over
  everyone counted), compared with the threshold, strictly greater where the plan says "more than";
- a milestone: done or not, with the evidence;
- qualitative targets, targets whose number the plan does not state and indicators without a
  target: the working group's rating with its written justification.

`Progress` gathers a plan's figures in a fixed number of queries and answers for any indicator,
goal or year; only approved data is used unless the working group asks for submitted data too, and
then every result that used a figure not yet approved says so.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Indicator, Plan, Target
from indicators.versions import PlanVersions
from reporting.models import Evidence, IndicatorValue, ReportingYear, Submission
from reporting.rules import ValueRow, combine

from .models import Assessment

Kind = Target.Kind
Measure = Indicator.Measure


class Status(models.TextChoices):
    ACHIEVED = "achieved", gettext_lazy("Achieved")
    ON_TRACK = "on_track", gettext_lazy("On track")
    BEHIND = "behind", gettext_lazy("Behind")
    NOT_REPORTED = "not_reported", gettext_lazy("Not reported")
    NEEDS_ASSESSMENT = "needs_assessment", gettext_lazy("Needs assessment")


# Worst first: a roll-up shows the least favourable status, beside the tally of all of them.
SEVERITY = [
    Status.BEHIND,
    Status.NOT_REPORTED,
    Status.NEEDS_ASSESSMENT,
    Status.ON_TRACK,
    Status.ACHIEVED,
]


def worst(statuses):
    statuses = list(statuses)
    if not statuses:
        return Status.NEEDS_ASSESSMENT
    return min(statuses, key=SEVERITY.index)


class Source(models.TextChoices):
    APPROVED = "approved", gettext_lazy("Approved data")
    SUBMITTED = "submitted", gettext_lazy("Approved and submitted data (not yet approved)")


# The rules in words, for the dashboards and the annex of the annual report.
RULES = [
    gettext_lazy(
        "A count per year: the year's figure against the yearly target (achieved or behind)."
    ),
    gettext_lazy(
        "A count over the whole plan: the cumulative figure against the total (achieved), or "
        "against the path expected for the years elapsed (on track or behind)."
    ),
    gettext_lazy(
        "A share threshold: the share recomputed from the agencies' numerators and denominators "
        "(never an average of percentages), compared with the threshold; “more than” means "
        "strictly more."
    ),
    gettext_lazy("A milestone: done or not, with the evidence."),
    gettext_lazy(
        "Qualitative targets, targets without a legible number and indicators without a target: "
        "the working group's rating with its written justification; until then, “needs "
        "assessment”."
    ),
    gettext_lazy(
        "“Not reported”: no agency reported a figure for the year. Only approved data is public."
    ),
]


class OutsidePlan(ValueError):
    """A year the plan does not cover."""


@dataclass
class Result:
    """The rating of one target (or of an indicator without target) for one year."""

    status: Status
    sentence: str
    year: int
    target: Target | None = None
    terms: object = None  # what the target promised that year (revisions change it)
    actual: Decimal | int | None = None
    expected: Decimal | None = None
    unapproved: bool = False
    assessment: Assessment | None = None
    evidence: list = field(default_factory=list)

    @property
    def status_label(self):
        return Status(self.status).label


@dataclass
class IndicatorProgress:
    indicator: Indicator
    year: int
    combined: object
    results: list

    @property
    def status(self):
        return worst(r.status for r in self.results)

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def unapproved(self):
        return any(r.unapproved for r in self.results)


@dataclass
class GoalProgress:
    goal: object
    year: int
    indicators: list
    goal_wide: list

    @property
    def results(self):
        return [*(i.status for i in self.indicators), *(r.status for r in self.goal_wide)]

    @property
    def status(self):
        return worst(self.results)

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def tally(self):
        """Every status with how many indicators and goal-wide targets have it, none hidden."""
        counts = Counter(self.results)
        return [(Status(s), counts[s]) for s in reversed(SEVERITY) if counts[s]]

    @property
    def unapproved(self):
        return any(i.unapproved for i in self.indicators)


@dataclass
class Trend:
    """An indicator's series across years, as the dashboards and the report chart it."""

    title: str
    years: list
    values: list
    line: object  # the yearly target or threshold, the expected path (a list), or None
    label: str
    unit: str

    @property
    def is_empty(self):
        return all(v is None for v in self.values)


def _fmt(number, digits=0):
    if number is None:
        return "—"
    if isinstance(number, Decimal):
        quantum = Decimal(1).scaleb(-digits)
        number = number.quantize(quantum, rounding=ROUND_HALF_UP)
        if digits and number == number.to_integral():
            number = number.quantize(Decimal(1))
    return number_format(number, decimal_pos=None, use_l10n=True, force_grouping=True)


def _percent(part, whole):
    if part is None or not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


class Progress:
    """A plan's figures and ratings, gathered once (a fixed number of queries).

    source: approved data only, or also submitted data (for the working group).
    agency: only that agency's figures (its contribution), or all agencies.
    """

    def __init__(self, plan, source=Source.APPROVED, agency=None):
        self.plan = Plan.objects.with_structure().get(pk=plan.pk)
        self.versions = PlanVersions(self.plan)
        self.source = Source(source)
        self.agency = agency
        statuses = [Submission.Status.APPROVED]
        if self.source == Source.SUBMITTED:
            statuses.append(Submission.Status.SUBMITTED)
        rows = IndicatorValue.objects.filter(
            submission__reporting_year__plan=self.plan, submission__status__in=statuses
        )
        if agency is not None:
            rows = rows.filter(submission__agency=agency)
        self.values = defaultdict(list)
        for row in rows.values(
            "indicator_id",
            "submission__reporting_year__year",
            "submission__agency__code",
            "submission__status",
            *ValueRow.FIELDS,
        ):
            key = (row.pop("indicator_id"), row.pop("submission__reporting_year__year"))
            self.values[key].append(
                ValueRow(
                    agency_code=row.pop("submission__agency__code"),
                    approved=row.pop("submission__status") == Submission.Status.APPROVED,
                    **row,
                )
            )
        self.reporting_years = sorted(
            ReportingYear.objects.for_plan(self.plan).values_list("year", flat=True)
        )
        self.assessments = {}
        for assessment in Assessment.objects.for_plan(self.plan):
            key = (
                ("t", assessment.target_id)
                if assessment.target_id
                else ("i", assessment.indicator_id)
            )
            assessment.earlier = []
            self.assessments[(*key, assessment.year)] = assessment
        # Earlier ratings are kept (history), not overwritten: shown beside the current one.
        by_id = {a.pk: a for a in self.assessments.values()}
        for record in Assessment.history.filter(id__in=list(by_id)).order_by("history_date"):
            current = by_id[record.id]
            if record.history_date < current.at and record.history_type != "-":
                current.earlier.append(record)
        self._evidence = None
        self.goals = [goal for area in self.plan.areas.all() for goal in area.goals.all()]
        self.indicators = {
            indicator.pk: indicator for goal in self.goals for indicator in goal.indicators.all()
        }

    # -- figures -------------------------------------------------------------------------

    def check_year(self, year):
        if year not in self.plan.years:
            raise OutsidePlan(
                _("%(year)s is outside the plan's period (%(start)s-%(end)s).")
                % {"year": year, "start": self.plan.start_year, "end": self.plan.end_year}
            )

    @property
    def latest_year(self):
        """The last year of the plan for which reporting has been opened."""
        years = [y for y in self.reporting_years if y in self.plan.years]
        return years[-1] if years else self.plan.start_year

    def rows(self, indicator, year):
        return self.values.get((indicator.pk, year), [])

    def combined(self, indicator, year):
        """The agencies' combined value, or None when nobody reported a figure."""
        rows = [r for r in self.rows(indicator, year) if not r.no_data]
        if not rows:
            return None
        return combine(indicator, rows)

    def by_agency(self, indicator, year):
        return {
            row.agency_code: combine(indicator, [row])
            for row in self.rows(indicator, year)
            if not row.no_data
        }

    def _unapproved(self, indicator, years):
        return any(not r.approved for y in years for r in self.rows(indicator, y) if not r.no_data)

    def evidence(self, indicator, year):
        """Approved evidence filed under the indicator's line of action (milestones)."""
        if self._evidence is None:
            self._evidence = defaultdict(list)
            for item in Evidence.objects.filter(
                submission__reporting_year__plan=self.plan,
                submission__status=Submission.Status.APPROVED,
                line__isnull=False,
            ).select_related("submission__agency", "submission__reporting_year"):
                self._evidence[(item.line_id, item.submission.reporting_year.year)].append(item)
        return self._evidence.get((indicator.line_id, year), [])

    def targets(self, item, year):
        """An indicator's (or a goal's) targets in force in `year`."""
        return [t for t in item.targets.all() if t.in_force(year)]

    def trend(self, indicator, through):
        """The number each year that the target is compared with (the cumulative figure for a
        count over the plan), with the target line as it stood each year; for other
        indicators, the total or share."""
        years = [y for y in self.plan.years if y <= through]
        target = next(iter(self.targets(indicator, through)), None)
        terms = target.terms(through) if target else None
        charted = terms is not None and terms.kind in (
            Kind.COUNT_PER_YEAR,
            Kind.COUNT_OVER_PLAN,
            Kind.SHARE_THRESHOLD,
        )
        if charted:
            values = [self._actual(target.terms(y), indicator, y) for y in years]
        else:
            values = []
            for y in years:
                combined = self.combined(indicator, y)
                share = combined.share if combined and indicator.measure == Measure.SHARE else None
                values.append(
                    share if share is not None else (combined.total if combined else None)
                )
        line, label = None, ""
        if charted and terms.value is not None:
            line, label = [target.terms(y).value for y in years], terms.describe()
            if terms.kind == Kind.COUNT_OVER_PLAN:
                running, cumulative = 0, []
                for value in values:
                    running += value or 0
                    cumulative.append(running)
                values = cumulative
                line = [self._expected(target.terms(y), y) for y in years]
                label = _("Expected path to %(target)s") % {"target": terms.describe()}
        title = _("Indicator %(code)s by year") % {"code": indicator.code}
        return Trend(title, years, values, line, label, indicator.unit)

    def _expected(self, terms, year):
        """What a count over the plan should have reached by `year`, along a straight path over
        the period as it stood for that year."""
        if terms.value is None:
            return None
        period = self.versions.period(year)
        elapsed = year - period.start_year + 1
        return terms.value * elapsed / len(period)

    # -- ratings ---------------------------------------------------------------------------

    def indicator(self, indicator, year):
        self.check_year(year)
        targets = self.targets(indicator, year)
        if targets:
            results = [self.rate(target, indicator, year) for target in targets]
        else:
            results = [self._assessed(("i", indicator.pk), year, None, no_target=True)]
        return IndicatorProgress(indicator, year, self.combined(indicator, year), results)

    def indicator_so_far(self, indicator, through=None):
        """The plan so far: every year of the plan up to `through` (the latest reported)."""
        through = through or self.latest_year
        self.check_year(through)
        targets = self.targets(indicator, through)
        if not targets:
            results = [self._assessed(("i", indicator.pk), through, None, no_target=True)]
        else:
            results = [self.rate_so_far(target, indicator, through) for target in targets]
        return IndicatorProgress(indicator, through, self.combined(indicator, through), results)

    def goal(self, goal, year, so_far=False):
        self.check_year(year)
        rate = self.indicator_so_far if so_far else self.indicator
        indicators = [rate(i, year) for i in goal.indicators.all() if i.in_force(year)]
        goal_wide = [
            self._assessed(("t", t.pk), year, t)
            for t in self.targets(goal, year)
            if t.indicator_id is None
        ]
        return GoalProgress(goal, year, indicators, goal_wide)

    def overview(self, year, so_far=False):
        """[(area, [GoalProgress...])...] in the plan's order."""
        return [
            (area, [self.goal(goal, year, so_far=so_far) for goal in area.goals.all()])
            for area in self.plan.areas.all()
        ]

    def rate(self, target, indicator, year):
        """One target, one year (cumulative for counts over the whole plan), against the terms
        the target had that year."""
        terms = target.terms(year)
        if terms.kind == Kind.COUNT_OVER_PLAN:
            result = self._over_plan(target, terms, indicator, year)
        elif terms.kind == Kind.MILESTONE:
            result = self._milestone(target, indicator, year)
        elif terms.kind == Kind.QUALITATIVE or terms.value is None:
            actual = self._actual(terms, indicator, year)
            result = self._assessed(
                ("t", target.pk), year, target, actual=actual, indicator=indicator
            )
        elif terms.kind == Kind.COUNT_PER_YEAR:
            result = self._per_year(target, terms, indicator, year)
        else:
            result = self._threshold(target, terms, indicator, year)
        result.terms = terms
        return result

    def rate_so_far(self, target, indicator, through):
        terms = target.terms(through)
        if terms.kind not in (Kind.COUNT_PER_YEAR, Kind.SHARE_THRESHOLD) or terms.value is None:
            return self.rate(target, indicator, through)
        years = [y for y in self.plan.years if y <= through]
        yearly = [self.rate(target, indicator, y) for y in years]
        reported = [r for r in yearly if r.status != Status.NOT_REPORTED]
        met = [r for r in reported if r.status == Status.ACHIEVED]
        unapproved = any(r.unapproved for r in yearly)
        if not reported:
            status = Status.NOT_REPORTED
        elif len(met) < len(reported):
            status = Status.BEHIND
        elif len(reported) == len(years):
            status = Status.ACHIEVED
        else:
            status = Status.ON_TRACK
        sentence = _(
            "Target met in %(met)s of %(reported)s reported years (%(years)s years from "
            "%(start)s to %(through)s)."
        ) % {
            "met": len(met),
            "reported": len(reported),
            "years": len(years),
            "start": self.plan.start_year,
            "through": through,
        }
        return Result(status, sentence, through, target, unapproved=unapproved)

    # -- one rule per kind of target ---------------------------------------------------------

    def _actual(self, terms, indicator, year):
        """The figure the target's terms compare: a share, the women (or men) counted, or the
        total."""
        combined = self.combined(indicator, year)
        if combined is None:
            return None
        by_sex = {Target.Counted.WOMEN: combined.women, Target.Counted.MEN: combined.men}
        if terms.kind == Kind.SHARE_THRESHOLD:
            if indicator.measure == Measure.SHARE:
                return combined.share
            if terms.counted in by_sex:
                return _percent(by_sex[terms.counted], combined.total)
            return None
        if terms.counted in by_sex and indicator.measure == Measure.PEOPLE_BY_SEX:
            return by_sex[terms.counted]
        return combined.total

    def _label(self, indicator, terms=None):
        if terms is not None and terms.counted == Target.Counted.WOMEN:
            return _("Women")
        if terms is not None and terms.counted == Target.Counted.MEN:
            return _("Men")
        return (indicator.unit or _("Figure")).capitalize()

    def _not_reported(self, target, indicator, year):
        rows = self.rows(indicator, year)
        if rows and all(r.no_data for r in rows):
            sentence = _("No agency had data for %(year)s; their reasons are on the submissions.")
        else:
            sentence = _("No figure has been reported for %(year)s.")
        return Result(Status.NOT_REPORTED, sentence % {"year": year}, year, target)

    def _per_year(self, target, terms, indicator, year):
        actual = self._actual(terms, indicator, year)
        if actual is None:
            return self._not_reported(target, indicator, year)
        values = {
            "label": self._label(indicator, terms),
            "actual": _fmt(actual),
            "target": _fmt(terms.value.normalize()),
            "year": year,
            "percent": _fmt(_percent(actual, terms.value)),
        }
        if actual >= terms.value:
            status = Status.ACHIEVED
            sentence = _("%(label)s: %(actual)s in %(year)s against %(target)s a year: target met.")
        else:
            status = Status.BEHIND
            sentence = _(
                "%(label)s: %(actual)s in %(year)s against %(target)s a year "
                "(%(percent)s%% of the target)."
            )
        return Result(
            status,
            sentence % values,
            year,
            target,
            actual=actual,
            unapproved=self._unapproved(indicator, [year]),
        )

    def _over_plan(self, target, terms, indicator, year):
        period = self.versions.period(year)
        years = [y for y in period.years if y <= year]
        actuals = [self._actual(target.terms(y), indicator, y) for y in years]
        reported = [a for a in actuals if a is not None]
        if not reported:
            if terms.value is None:
                return self._assessed(("t", target.pk), year, target, indicator=indicator)
            return self._not_reported(target, indicator, year)
        cumulative = sum(reported)
        if terms.value is None:
            return self._assessed(
                ("t", target.pk), year, target, actual=cumulative, indicator=indicator
            )
        expected = self._expected(terms, year)
        values = {
            "label": self._label(indicator, terms),
            "actual": _fmt(cumulative),
            "target": _fmt(terms.value.normalize()),
            "start": period.start_year,
            "end": period.end_year,
            "expected": _fmt(expected, 1),
            "year": year,
        }
        if cumulative >= terms.value:
            status = Status.ACHIEVED
            sentence = _(
                "%(label)s: %(actual)s against %(target)s planned over %(start)s-%(end)s: "
                "target met."
            )
        else:
            status = Status.ON_TRACK if cumulative >= expected else Status.BEHIND
            sentence = _(
                "%(label)s: %(actual)s against %(target)s planned over %(start)s-%(end)s; "
                "%(expected)s expected by %(year)s."
            )
        return Result(
            status,
            sentence % values,
            year,
            target,
            actual=cumulative,
            expected=expected,
            unapproved=self._unapproved(indicator, years),
        )

    def _threshold(self, target, terms, indicator, year):
        share = self._actual(terms, indicator, year)
        if share is None:
            combined = self.combined(indicator, year)
            if combined is not None:
                return Result(
                    Status.NOT_REPORTED,
                    _("No share can be computed for %(year)s: nobody was counted.")
                    % {"year": year},
                    year,
                    target,
                )
            return self._not_reported(target, indicator, year)
        more_than = terms.comparison == Target.Comparison.MORE_THAN
        met = share > terms.value if more_than else share >= terms.value
        values = {
            "share": _fmt(share, 1),
            "year": year,
            "target": _fmt(terms.value.normalize()),
        }
        if more_than:
            sentence = _("%(share)s%% in %(year)s against a target of more than %(target)s%%.")
        else:
            sentence = _("%(share)s%% in %(year)s against a target of at least %(target)s%%.")
        return Result(
            Status.ACHIEVED if met else Status.BEHIND,
            sentence % values,
            year,
            target,
            actual=share,
            unapproved=self._unapproved(indicator, [year]),
        )

    def _milestone(self, target, indicator, year):
        years = [y for y in self.plan.years if y <= year]
        done_in = [y for y in years if (c := self.combined(indicator, y)) is not None and c.yes]
        answered = [
            y for y in years if (c := self.combined(indicator, y)) is not None and c.yes is not None
        ]
        evidence = [item for y in years for item in self.evidence(indicator, y)]
        if done_in:
            return Result(
                Status.ACHIEVED,
                _("Done (reported in %(year)s).") % {"year": done_in[0]},
                year,
                target,
                evidence=evidence,
                unapproved=self._unapproved(indicator, done_in[:1]),
            )
        if answered:
            return Result(Status.BEHIND, _("Not done by %(year)s.") % {"year": year}, year, target)
        return self._not_reported(target, indicator, year)

    def _assessed(self, key, year, target, actual=None, indicator=None, no_target=False):
        assessment = self.assessments.get((*key, year))
        figure = ""
        if actual is not None and indicator is not None:
            figure = _("%(label)s: %(actual)s. ") % {
                "label": self._label(indicator),
                "actual": _fmt(actual, 1),
            }
        if assessment is not None:
            return Result(
                Status(assessment.rating),
                figure
                + _("Rated by the working group: %(justification)s")
                % {"justification": assessment.justification},
                year,
                target,
                actual=actual,
                assessment=assessment,
            )
        if no_target:
            reason = _("The plan states no target for this indicator; the working group rates it.")
        elif target is not None and target.indicator_id is None:
            reason = _("No indicator counts this target; the working group rates it.")
        elif target is not None and target.terms(year).kind == Kind.QUALITATIVE:
            reason = _("A qualitative target: the working group rates it with a justification.")
        else:
            reason = _(
                "The plan gives no number for this target, or it is unreadable; the working group "
                "rates it."
            )
        return Result(Status.NEEDS_ASSESSMENT, figure + reason, year, target, actual=actual)
