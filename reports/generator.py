"""The annual report's content for a plan's year (`content.Report`), built from the year's results
in a fixed number of queries, in one language. The layouts (`layout.py` and its renderers) only
place what is built here.

A report of approved data is final; a draft for the working group also includes submitted data,
and marks it. Until a version is published, a report is a preview, marked on every page.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import Agency
from civil.report import published_entries
from core import formatting
from dashboards import charts
from dashboards.progress import RULES, Progress, Source
from references.report import gather as reference_annex
from reporting import rules
from reporting.models import ReportingYear, Submission

from . import datasheets, tables
from .content import (
    EXTRA_SECTIONS,
    Annex,
    AreaSection,
    Chart,
    Column,
    GoalSection,
    IndicatorResult,
    LineSection,
    Report,
    Table,
    Text,
)
from .gather import gather
from .labels import data_used, relabel
from .models import paragraphs
from .summaries import highlights, line_key_figures, line_summary, recomputed_notes, summary_table


class ReportError(ValueError):
    """A report that cannot be built: the message is for the user."""


def build(plan, year, language="es", final=True, all_activities=True, preview=True):
    """Gather a plan's report of a year, in `language`. Every activity is listed
    (`all_activities` is kept for callers of the earlier signature). Raises ReportError for a
    year the plan does not cover or that was never opened."""
    with translation.override(language):
        return _Builder(plan, year, language, final, preview).build()


class _Builder:
    def __init__(self, plan, year, language, final, preview):
        if plan is None:
            raise ReportError(_("No plan has been loaded."))
        if year not in plan.years:
            raise ReportError(
                _("The plan covers %(start)s to %(end)s.")
                % {"start": plan.start_year, "end": plan.end_year}
            )
        if not ReportingYear.objects.for_plan(plan).filter(year=year).exists():
            raise ReportError(
                _("The year %(year)s has not been opened for reporting.") % {"year": year}
            )
        self.year, self.language, self.final, self.preview = year, language, final, preview
        statuses = [Submission.Status.APPROVED]
        if not final:
            statuses.append(Submission.Status.SUBMITTED)
        self.progress = Progress(plan, source=Source.APPROVED if final else Source.SUBMITTED)
        self.plan = self.progress.plan
        self.statuses = statuses
        self.data = gather(self.plan, year, statuses)
        self.region_label = self.plan.country.region_label
        self.units = {pk: i.unit for pk, i in self.progress.indicators.items()}
        self.untranslated = 0

    def text(self, spanish, english=""):
        """An agency's text in the report's language; in English, the Spanish one (marked)
        when no English one was given."""
        if self.language == "es" or not spanish:
            return Text(spanish)
        if english:
            return Text(english)
        self.untranslated += 1
        return Text(spanish, untranslated=True)

    def activity_title(self, row):
        return self.text(row.title, row.title_en)

    def build(self):
        results = {}
        areas = []
        for area in self.plan.areas.all():
            goals = [self.goal(goal, results) for goal in area.goals.all()]
            areas.append(AreaSection(area.roman, area.name, goals))
        ordered = [results[i.pk] for i in self.progress.indicators.values() if i.pk in results]
        texts = self.data.texts
        summary = summary_table(ordered, self.year)
        annex = self.annex()
        sections = [
            section
            for source in EXTRA_SECTIONS
            if (section := source(self.plan, self.year, self.statuses, self.language))
        ]
        civil_society = tables.civil_society_table(published_entries(self.plan, self.year))
        references = reference_annex(self.plan)
        report = Report(
            plan_code=self.plan.code,
            plan_name=self.plan.name,
            plan_short_name=self.plan.short_name,
            country=self.plan.country.name,
            year=self.year,
            language=self.language,
            final=self.final,
            preview=self.preview,
            generated_at=timezone.localtime(),
            cutoff=self.cutoff(),
            plan_version=self.progress.versions.label(self.year),
            agencies=[
                (a.name, a.code)
                for a in Agency.objects.in_charge_of(self.plan).order_by("kind", "code")
            ],
            introduction=self.paragraphs(texts),
            conclusions=self.paragraphs(self.data.conclusions),
            highlights=highlights(self.data, self.progress, self.year),
            summary=summary,
            results=ordered,
            areas=areas,
            charts=self.charts(),
            annex=annex,
            data_tables={
                **self.data_tables(areas, summary, annex),
                **{t.sheet: t for s in sections for t in s.tables if t.sheet},
                "civil_society": civil_society,
            },
            sections=sections,
            civil_society=civil_society,
            references=references,
            includes_unapproved=any(
                s.status != Submission.Status.APPROVED
                for s in self.data.submissions
                if s.pk in self.data.included
            ),
        )
        report.data_tables.update(
            reference_sheets=references.sheet_table, frameworks=references.links
        )
        report.annex.untranslated = self.untranslated
        relabel(report)
        report.data = data_used(report)
        return report

    def paragraphs(self, texts):
        """The working group's text in the report's language, as its page previews it."""
        return [] if texts is None else paragraphs(texts.text(self.language))

    def cutoff(self):
        included = [s for s in self.data.submissions if s.pk in self.data.included]
        moments = [s.approved_at or s.submitted_at for s in included]
        moments = [m for m in moments if m is not None]
        return timezone.localtime(max(moments)) if moments else None

    # -- goals and lines of action ----------------------------------------------------------

    def goal(self, goal, results):
        progress = self.progress.goal(goal, self.year)
        by_indicator = {ip.indicator.pk: ip for ip in progress.indicators}
        for indicator_progress in progress.indicators:
            results[indicator_progress.indicator.pk] = self.result(indicator_progress)
        lines = [self.line(goal, line, by_indicator, results) for line in goal.lines.all()]
        indicators = [i for i in goal.indicators.all() if i.pk in by_indicator]
        in_charge = {i.pk: [r.agency.code for r in i.responsibilities.all()] for i in indicators}
        return GoalSection(
            number=goal.number,
            text=goal.text,
            tally=[(item.status, item.status.label, item.count) for item in progress.tally],
            lines=lines,
            goal_wide=[
                (r.target.text, r.status, r.status_label, r.sentence) for r in progress.goal_wide
            ],
            contributions=tables.contributions_table(
                goal.number, indicators, self.progress, self.year, in_charge
            )
            if indicators
            else None,
        )

    def result(self, indicator_progress):
        indicator, year = indicator_progress.indicator, self.year
        previous = formatting.DASH
        if year - 1 in self.plan.years:
            measure = self.progress.measure(indicator, year - 1)
            previous = measure.describe(self.progress.combined(indicator, year - 1)) or previous
        counts = [
            f.value
            for y in self.plan.years
            if y <= year
            and (f := self.progress.figure(indicator, y)) is not None
            and f.kind == "count"
        ]
        return IndicatorResult(
            code=indicator.code,
            text=indicator.text,
            targets="; ".join(
                t.terms(year).describe() for t in self.progress.targets(indicator, year)
            )
            or _("No target in the plan"),
            value=indicator_progress.description or formatting.DASH,
            cumulative=formatting.number(sum(counts)) if counts else formatting.DASH,
            previous=previous,
            status=indicator_progress.status,
            status_label=indicator_progress.status_label,
            explanation=" ".join(r.sentence for r in indicator_progress.results),
            unapproved=indicator_progress.unapproved,
            figure=indicator_progress.figure,
        )

    def line(self, goal, line, by_indicator, results):
        rows = self.data.by_line.get(line.pk, [])
        indicators = [
            i for i in goal.indicators.all() if i.line_id == line.pk and i.pk in by_indicator
        ]
        grouped, listed = tables.regional_groups(rows)
        context = line.code
        section_tables = []
        if listed:
            table = tables.activity_table(
                listed, self.activity_title, self.units, context, self.region_label
            )
            table.title = _("Activities")
            if grouped:
                table.note = " ".join(
                    filter(
                        None,
                        [
                            table.note,
                            _("Activities in several regions are listed by region below."),
                        ],
                    )
                )
            section_tables.append(table)
        for (_title, indicator_id), group in grouped.items():
            unit = self.units.get(indicator_id, "")
            heading = _("%(title)s, by %(region)s") % {
                "title": self.activity_title(group[0]).text,
                "region": self.region_label.lower(),
            }
            section_tables.append(
                tables.region_table(heading, group, unit.capitalize(), context, self.region_label)
            )
        narratives = [
            (n.submission.agency.code, self.text(n.text_es, n.text_en))
            for n in self.data.narratives.get(line.pk, [])
            if n.text_es.strip()
        ]
        line_results = [results[i.pk] for i in indicators]
        return LineSection(
            code=line.code,
            text=line.text,
            summary=line_summary(rows, line_results),
            narratives=narratives,
            key_figures=line_key_figures(rows, indicators, self.progress, self.year),
            indicators=line_results,
            tables=section_tables,
            # All the year's activities: one of another line may count towards this line's
            # indicators too.
            notes=recomputed_notes(self.data, indicators, self.data.activities),
        )

    # -- charts, annex, data -------------------------------------------------------------

    def charts(self):
        found = []
        for indicator in self.progress.indicators.values():
            target = next(iter(self.progress.targets(indicator, self.year)), None)
            if target is None or not target.terms(self.year).is_measurable:
                continue
            trend = self.progress.trend(indicator, self.year)
            if trend.is_empty:
                continue
            chart = charts.trend_chart(trend, png=True)
            found.append(
                Chart(
                    chart.title, chart.svg, chart.png, chart.description, chart.headers, chart.rows
                )
            )
        return found

    def annex(self):
        missing = []
        indicators = self.progress.indicators
        for submission in self.data.submissions:
            for indicator_id in self.data.in_charge.get(submission.agency_id, []):
                indicator = indicators.get(indicator_id)
                if indicator is None or not indicator.in_force(self.year):
                    continue
                value = self.data.values.get((submission.pk, indicator_id))
                if submission.pk not in self.data.included:
                    reason = Text(_("Not approved"))
                elif value is None or not rules.is_answered(indicator, value):
                    reason = Text(_("No figure"))
                elif value.no_data:
                    reason = self.text(value.no_data_reason, value.no_data_reason_en)
                else:
                    continue
                missing.append([submission.agency.code, indicator.code, reason])
        recomputed = [
            note
            for area in self.plan.areas.all()
            for goal in area.goals.all()
            for note in recomputed_notes(
                self.data,
                [i for i in goal.indicators.all() if i.pk in indicators],
                [
                    a
                    for a in self.data.activities
                    if a.line_id in {ln.pk for ln in goal.lines.all()}
                ],
            )
        ]
        return Annex(
            sources=tables.sources_table(self.data.submissions, self.data.included),
            missing=tables.missing_table(missing),
            rules=[str(rule) for rule in RULES],
            recomputed=recomputed,
        )

    def data_tables(self, areas, summary, annex):
        """The data workbook's sheets: every row of each kind of table, uniform."""
        lines = {line.pk: line.code for goal in self.progress.goals for line in goal.lines.all()}
        codes = {pk: indicator.code for pk, indicator in self.progress.indicators.items()}
        regional = [
            (line.code, table)
            for area in areas
            for goal in area.goals
            for line in goal.lines
            for table in line.tables
            if table.sheet == "regions"
        ]
        contributions = [
            (goal.number, goal.contributions)
            for area in areas
            for goal in area.goals
            if goal.contributions is not None
        ]
        return {
            "summary": summary,
            "activities": datasheets.activities_table(
                self.data.activities,
                lines,
                codes,
                # Data, not print: the English title where given, else the Spanish one, uncounted.
                lambda row: row.title_en if self.language == "en" and row.title_en else row.title,
                self.region_label,
            ),
            "regions": datasheets.regions_table(regional, self.region_label),
            "contributions": datasheets.contributions_table(contributions),
            "sources": annex.sources,
            "missing": annex.missing,
            "indicator_years": self.indicator_years(),
        }

    def indicator_years(self):
        """Every indicator year by year, for the data workbook."""
        rows = []
        for indicator in self.progress.indicators.values():
            for y in [y for y in self.plan.years if y <= self.year]:
                ip = self.progress.indicator(indicator, y)
                for result in ip.results:
                    rows.append(
                        [
                            indicator.code,
                            y,
                            result.terms.describe() if result.terms is not None else "",
                            ip.figure.cell() if ip.figure else None,
                            ip.description or formatting.DASH,
                            result.status_label,
                            result.sentence,
                        ]
                    )
        columns = [
            _("Indicator"),
            _("Year"),
            _("Target"),
            _("Figure compared"),
            _("Value"),
            _("Status"),
            _("Explanation"),
        ]
        return Table(
            _("Indicators by year"),
            [Column(c) for c in columns],
            rows,
            sheet="indicator_years",
            data_rows=rows,
        )
