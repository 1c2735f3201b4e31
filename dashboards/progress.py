"""Progress rules: how each target of the plan is rated against what the agencies reported.

Every rating carries a status and a sentence that says why, in the user's language (the rules
in words are `statuses.RULES`). The number compared is the indicator's headline figure as its
measure defines it (`measures`): the women counted where the target counts women, the share of
women for a share threshold on people by sex. A year's sentence quotes that year's figure only,
or says that it is cumulative.

`Progress` gathers a plan's figures in a fixed number of queries and answers for any indicator,
goal or year; only approved data is used unless the working group asks for submitted data too,
and then every result that used a figure not yet approved says so.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from core import formatting
from indicators.models import Plan, Target
from indicators.versions import PlanVersions
from measures.bound import measure_of
from measures.figures import Kind as FigureKind
from measures.values import ValueRow
from reporting.models import Evidence, IndicatorValue, ReportingYear, Submission

from .models import Assessment
from .statuses import (
    RULES,
    SEVERITY,
    GoalProgress,
    IndicatorProgress,
    Result,
    Source,
    Status,
    Trend,
    worst,
)

__all__ = ["RULES", "SEVERITY", "OutsidePlan", "Progress", "Source", "Status", "worst"]

Kind = Target.Kind
CHARTED = (Kind.COUNT_PER_YEAR, Kind.COUNT_OVER_PLAN, Kind.SHARE_THRESHOLD, Kind.FREQUENCY)


class OutsidePlan(ValueError):
    """A year the plan does not cover."""


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

    def measure(self, indicator, year, terms=None):
        """The indicator's measure, focused as its target (in force in `year`) counts."""
        return measure_of(indicator, year, terms=terms)

    def combined(self, indicator, year):
        """The agencies' combined value, or None when nobody reported a figure."""
        rows = [r for r in self.rows(indicator, year) if not r.no_data]
        if not rows:
            return None
        return self.measure(indicator, year).combine(rows)

    def figure(self, indicator, year, combined=None):
        """The year's headline figure, or None when nothing was reported."""
        combined = combined if combined is not None else self.combined(indicator, year)
        return self.measure(indicator, year).headline(combined)

    def by_agency(self, indicator, year):
        """agency code -> (Combined, headline Figure) of that agency's own figure."""
        measure = self.measure(indicator, year)
        result = {}
        for row in self.rows(indicator, year):
            if not row.no_data:
                combined = measure.combine([row])
                result[row.agency_code] = (combined, measure.headline(combined))
        return result

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
        """What the indicator's chart draws, year by year up to `through`: the figure its target
        is compared with (the cumulative figure for a count over the plan), with the target as
        it stood each year; a year without data stays empty."""
        years = [y for y in self.plan.years if y <= through]
        target = next(iter(self.targets(indicator, through)), None)
        terms = target.terms(through) if target else None
        measure = self.measure(indicator, through, terms=terms)
        figures = [measure.headline(self.combined(indicator, y)) for y in years]
        values = [f.chart() if f is not None else None for f in figures]
        share = any(f is not None and f.kind == FigureKind.SHARE for f in figures)
        line, label = None, ""
        if terms is not None and terms.kind in CHARTED and terms.value is not None:
            line, label = [target.terms(y).value for y in years], terms.describe()
            if terms.kind == Kind.COUNT_OVER_PLAN:
                running, cumulative = 0, []
                for value in values:
                    running += value or 0
                    cumulative.append(running if value is not None else None)
                values = cumulative
                line = [self._expected(target.terms(y), y) for y in years]
                label = _("Expected path to %(target)s") % {"target": terms.describe()}
        title = _("Indicator %(code)s by year") % {"code": indicator.code}
        unit = measure.label()
        if terms is not None and terms.kind == Kind.COUNT_OVER_PLAN:
            unit = _("%(what)s, cumulative") % {"what": unit}
        return Trend(title, years, values, line, label, unit, share=share)

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
        return self._indicator_progress(indicator, year, results)

    def _indicator_progress(self, indicator, year, results):
        combined = self.combined(indicator, year)
        measure = self.measure(indicator, year)
        return IndicatorProgress(
            indicator,
            year,
            combined,
            results,
            figure=measure.headline(combined),
            description=measure.describe(combined),
            description_html=measure.describe_html(combined),
        )

    def indicator_so_far(self, indicator, through=None):
        """The plan so far: every year of the plan up to `through` (the latest reported)."""
        through = through or self.latest_year
        self.check_year(through)
        targets = self.targets(indicator, through)
        if not targets:
            results = [self._assessed(("i", indicator.pk), through, None, no_target=True)]
        else:
            results = [self.rate_so_far(target, indicator, through) for target in targets]
        return self._indicator_progress(indicator, through, results)

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
        elif terms.kind == Kind.FREQUENCY:
            result = self._frequency(target, terms, indicator, year)
        elif terms.kind == Kind.QUALITATIVE or terms.value is None:
            result = self._assessed(("t", target.pk), year, target, indicator=indicator)
        elif terms.kind == Kind.COUNT_PER_YEAR:
            result = self._per_year(target, terms, indicator, year)
        else:
            result = self._threshold(target, terms, indicator, year)
        result.terms = terms
        return result

    def rate_so_far(self, target, indicator, through):
        terms = target.terms(through)
        yearly_kinds = (Kind.COUNT_PER_YEAR, Kind.SHARE_THRESHOLD, Kind.FREQUENCY)
        if terms.kind not in yearly_kinds or (terms.value is None and terms.kind != Kind.FREQUENCY):
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
        return Result(status, sentence, through, target, unapproved=unapproved, terms=terms)

    # -- one rule per kind of target ---------------------------------------------------------

    def _compared(self, terms, indicator, year):
        """The year's figure that the target's terms compare (or None), as a Figure."""
        return self.measure(indicator, year, terms=terms).headline(self.combined(indicator, year))

    def _label(self, indicator, year, terms=None):
        return self.measure(indicator, year, terms=terms).label()

    def _not_reported(self, target, indicator, year):
        rows = self.rows(indicator, year)
        if rows and all(r.no_data for r in rows):
            sentence = _("No agency had data for %(year)s; their reasons are on the submissions.")
        elif self.combined(indicator, year) is not None:
            # Figures were given, but not the one the target needs (the women, a split).
            sentence = _(
                "The figures reported for %(year)s do not give what the target counts (%(what)s)."
            )
            return Result(
                Status.NOT_REPORTED,
                sentence
                % {"year": year, "what": self._label(indicator, year, target.terms(year)).lower()},
                year,
                target,
            )
        else:
            sentence = _("No figure has been reported for %(year)s.")
        return Result(Status.NOT_REPORTED, sentence % {"year": year}, year, target)

    def _per_year(self, target, terms, indicator, year):
        figure = self._compared(terms, indicator, year)
        if figure is None or figure.kind != FigureKind.COUNT:
            return self._not_reported(target, indicator, year)
        actual = figure.value
        values = {
            "label": self._label(indicator, year, terms),
            "actual": formatting.number(actual),
            "target": formatting.number(terms.value, 2),
            "year": year,
            "percent": formatting.percent(formatting.share_of(actual, terms.value), 0),
        }
        if actual >= terms.value:
            status = Status.ACHIEVED
            sentence = _("%(label)s: %(actual)s in %(year)s against %(target)s a year: target met.")
        else:
            status = Status.BEHIND
            sentence = _(
                "%(label)s: %(actual)s in %(year)s against %(target)s a year "
                "(%(percent)s of the target)."
            )
        return Result(
            status,
            sentence % values,
            year,
            target,
            actual=actual,
            figure=figure,
            unapproved=self._unapproved(indicator, [year]),
        )

    def _frequency(self, target, terms, indicator, year):
        """“Each year”, with no number: at least one in the year, unless the working group rated
        it otherwise."""
        assessment = self.assessments.get(("t", target.pk, year))
        if assessment is not None:
            return self._assessed(("t", target.pk), year, target, indicator=indicator)
        figure = self._compared(terms, indicator, year)
        if figure is None or figure.kind != FigureKind.COUNT:
            return self._not_reported(target, indicator, year)
        values = {
            "label": self._label(indicator, year, terms),
            "actual": formatting.number(figure.value),
            "year": year,
        }
        if figure.value >= 1:
            status = Status.ACHIEVED
            sentence = _(
                "%(label)s: %(actual)s in %(year)s; the target asks for at least one each year: "
                "met."
            )
        else:
            status = Status.BEHIND
            sentence = _(
                "%(label)s: %(actual)s in %(year)s; the target asks for at least one each year."
            )
        return Result(
            status,
            sentence % values,
            year,
            target,
            actual=figure.value,
            figure=figure,
            unapproved=self._unapproved(indicator, [year]),
        )

    def _over_plan(self, target, terms, indicator, year):
        period = self.versions.period(year)
        years = [y for y in period.years if y <= year]
        figures = [self._compared(target.terms(y), indicator, y) for y in years]
        reported = [f.value for f in figures if f is not None and f.kind == FigureKind.COUNT]
        this_year = figures[-1]
        if not reported:
            if terms.value is None:
                return self._assessed(("t", target.pk), year, target, indicator=indicator)
            return self._not_reported(target, indicator, year)
        cumulative = sum(reported)
        values = {
            "label": self._label(indicator, year, terms),
            "actual": formatting.number(cumulative),
            "target": formatting.number(terms.value, 2),
            "start": period.start_year,
            "end": period.end_year,
            "year": year,
        }
        # The year's own figure, or that it has none: the cumulative one is not the year's.
        if this_year is None:
            of_year = _("Nothing reported for %(year)s.") % {"year": year}
        else:
            of_year = _("%(year)s: %(figure)s.") % {"year": year, "figure": this_year.short()}
        if terms.value is None:
            sentence = _(
                "%(label)s, cumulative %(start)s-%(year)s: %(actual)s. The plan gives no "
                "number for this target, or it is unreadable; the working group rates it."
            )
            result = self._assessed(("t", target.pk), year, target, indicator=indicator)
            if result.assessment is None:
                result.sentence = f"{sentence % values} {of_year}"
            result.actual = cumulative
            return result
        expected = self._expected(terms, year)
        values["expected"] = formatting.number(expected, 1)
        if cumulative >= terms.value:
            status = Status.ACHIEVED
            sentence = _(
                "%(label)s: %(actual)s against %(target)s planned over %(start)s-%(end)s "
                "(cumulative): target met."
            )
        else:
            status = Status.ON_TRACK if cumulative >= expected else Status.BEHIND
            sentence = _(
                "%(label)s: %(actual)s against %(target)s planned over %(start)s-%(end)s "
                "(cumulative); %(expected)s expected by %(year)s."
            )
        return Result(
            status,
            f"{sentence % values} {of_year}",
            year,
            target,
            actual=cumulative,
            expected=expected,
            figure=this_year,
            unapproved=self._unapproved(indicator, years),
        )

    def _threshold(self, target, terms, indicator, year):
        figure = self._compared(terms, indicator, year)
        if figure is None or figure.kind != FigureKind.SHARE:
            if self.combined(indicator, year) is not None:
                return Result(
                    Status.NOT_REPORTED,
                    _("No share can be computed for %(year)s: nobody was counted.")
                    % {"year": year},
                    year,
                    target,
                )
            return self._not_reported(target, indicator, year)
        share = figure.value
        more_than = terms.comparison == Target.Comparison.MORE_THAN
        met = share > terms.value if more_than else share >= terms.value
        values = {"figure": figure.text(), "year": year, "target": formatting.percent(terms.value)}
        if more_than:
            sentence = _("%(figure)s in %(year)s against a target of more than %(target)s.")
        else:
            sentence = _("%(figure)s in %(year)s against a target of at least %(target)s.")
        return Result(
            Status.ACHIEVED if met else Status.BEHIND,
            sentence % values,
            year,
            target,
            actual=share,
            figure=figure,
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

    def _assessed(self, key, year, target, indicator=None, no_target=False):
        """The working group's rating, with the year's own figure where there is one."""
        assessment = self.assessments.get((*key, year))
        subject = indicator
        if subject is None and key[0] == "i":
            subject = self.indicators.get(key[1])
        figure = self.figure(subject, year) if subject is not None else None
        text = ""
        if figure is not None:
            text = _("%(year)s: %(figure)s. ") % {"year": year, "figure": figure.text()}
        if assessment is not None:
            return Result(
                Status(assessment.rating),
                text
                + _("Rated by the working group: %(justification)s")
                % {"justification": assessment.justification},
                year,
                target,
                actual=figure.value if figure else None,
                figure=figure,
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
        return Result(
            Status.NEEDS_ASSESSMENT,
            text + reason,
            year,
            target,
            actual=figure.value if figure else None,
            figure=figure,
        )
