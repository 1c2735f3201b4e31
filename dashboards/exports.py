"""The dashboards' tables as downloads (CSV, XLSX, JSON): each table a page shows, with the same
figures, in the user's language (`core.exports`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Column, Export


def _unit(figure):
    """What a figure counts, for a column beside its number."""
    if figure is None:
        return ""
    return figure.unit or (_("percent") if figure.kind == "share" else "")


def _figure_cells(figure):
    """The headline as a number (a percentage for a share) and what it counts."""
    if figure is None:
        return [None, ""]
    return [figure.cell(), _unit(figure)]


class ResultsExport(Export):
    """Each target's rating: the overview and the goal page."""

    columns = [
        Column("goal", gettext_lazy("Goal"), "int"),
        Column("indicator", gettext_lazy("Indicator")),
        Column("target", gettext_lazy("Target"), width=50),
        Column("target_kind", gettext_lazy("Kind of target")),
        Column("target_value", gettext_lazy("Target value"), "decimal"),
        Column("figure", gettext_lazy("Figure compared"), "decimal"),
        Column("unit", gettext_lazy("What the figure counts")),
        Column("status", gettext_lazy("Status")),
        Column("explanation", gettext_lazy("Explanation"), width=70),
        Column("unapproved", gettext_lazy("Includes data not yet approved")),
    ]
    sheet = gettext_lazy("Progress")

    def __init__(self, goal_progresses, filename):
        self.goal_progresses = goal_progresses
        self.filename = filename

    def rows(self):
        for goal_progress in self.goal_progresses:
            goal = goal_progress.goal
            for indicator_progress in goal_progress.indicators:
                for result in indicator_progress.results:
                    yield self.row(goal, indicator_progress.indicator.code, result)
            for result in goal_progress.goal_wide:
                yield self.row(goal, "", result)

    @staticmethod
    def row(goal, code, result):
        target, terms = result.target, result.terms or result.target
        return [
            goal.number,
            code,
            target.text if target else "",
            terms.get_kind_display() if terms is not None and target else "",
            terms.value if terms is not None and target else None,
            *_figure_cells(result.figure),
            result.status_label,
            result.sentence,
            _("Yes") if result.unapproved else "",
        ]


class GoalYearsExport(Export):
    """The goal page's "year by year": each indicator's headline figure and status."""

    sheet = gettext_lazy("Year by year")

    def __init__(self, matrix, years, filename):
        self.matrix, self.years, self.filename = matrix, years, filename
        self.columns = [
            Column("indicator", gettext_lazy("Indicator")),
            Column("unit", gettext_lazy("What the figure counts")),
            *[Column(f"y{y}", str(y), "decimal") for y in years],
            *[Column(f"status{y}", _("Status %(year)s") % {"year": y}) for y in years],
        ]

    def rows(self):
        for indicator, cells in self.matrix:
            units = [_unit(c.figure) for c in cells if c.figure is not None]
            yield [
                indicator.code,
                units[-1] if units else "",
                *[c.figure.cell() if c.figure is not None else None for c in cells],
                *[c.status_label for c in cells],
            ]


class ContributionsExport(Export):
    """Each agency's own figure for each indicator of a goal."""

    sheet = gettext_lazy("Agencies")

    def __init__(self, contributions, agencies, filename):
        self.contributions, self.filename = contributions, filename
        self.columns = [
            Column("indicator", gettext_lazy("Indicator")),
            *[Column(code, code, "decimal") for code in agencies],
        ]

    def rows(self):
        for indicator, cells in self.contributions:
            yield [
                indicator.code,
                *[
                    (figure.cell() if figure is not None else None) if in_charge else ""
                    for _code, figure, in_charge in cells
                ],
            ]


class IndicatorYearsExport(Export):
    """An indicator year by year: the figure compared, the whole value, the status."""

    columns = [
        Column("year", gettext_lazy("Year"), "int"),
        Column("figure", gettext_lazy("Figure compared"), "decimal"),
        Column("unit", gettext_lazy("What the figure counts")),
        Column("women", gettext_lazy("Women"), "int"),
        Column("men", gettext_lazy("Men"), "int"),
        Column("unsplit", gettext_lazy("People without a split by sex"), "int"),
        Column("total", gettext_lazy("Total"), "int"),
        Column("numerator", gettext_lazy("Numerator"), "int"),
        Column("denominator", gettext_lazy("Denominator"), "int"),
        Column("agencies", gettext_lazy("Agencies that reported")),
        Column("status", gettext_lazy("Status")),
        Column("explanation", gettext_lazy("Explanation"), width=70),
    ]
    sheet = gettext_lazy("By year")

    def __init__(self, yearly, filename):
        self.yearly, self.filename = yearly, filename

    def rows(self):
        for progress in self.yearly:
            c = progress.combined
            for result in progress.results:
                yield [
                    progress.year,
                    *_figure_cells(progress.figure),
                    c.women if c else None,
                    c.men if c else None,
                    (c.unsplit or None) if c and c.total is not None else None,
                    c.total if c else None,
                    c.numerator if c else None,
                    c.denominator if c else None,
                    ", ".join(c.agencies) if c else "",
                    result.status_label,
                    result.sentence,
                ]


class ActivitiesExport(Export):
    """The activities behind an indicator's figure."""

    sheet = gettext_lazy("Activities")

    def __init__(self, activities, region_label, filename):
        self.activities, self.filename = activities, filename
        self.columns = [
            Column("agency", gettext_lazy("Agency")),
            Column("title", gettext_lazy("Activity"), width=50),
            Column("start_date", gettext_lazy("From"), "date"),
            Column("end_date", gettext_lazy("To"), "date"),
            Column("region", region_label),
            Column("quantity", gettext_lazy("Quantity"), "int"),
            Column("women", gettext_lazy("Women"), "int"),
            Column("men", gettext_lazy("Men"), "int"),
            Column("total", gettext_lazy("Total"), "int"),
        ]

    def rows(self):
        for a in self.activities:
            yield [
                a.submission.agency.code,
                a.title,
                a.start_date,
                a.end_date,
                a.region.name if a.region else "",
                a.quantity,
                a.women,
                a.men,
                a.total,
            ]


class RegionsExport(Export):
    """An indicator's activities by region (federal entity)."""

    def __init__(self, rows, region_label, filename):
        self.data, self.filename, self.sheet = rows, filename, region_label
        self.columns = [
            Column("region", region_label),
            Column("activities", gettext_lazy("Activities"), "int"),
            Column("quantity", gettext_lazy("Quantity"), "int"),
            Column("women", gettext_lazy("Women"), "int"),
            Column("total", gettext_lazy("Total"), "int"),
        ]

    def rows(self):
        for r in self.data:
            yield [r["name"], r["records"], r["quantity"], r["women"], r["total"]]


class TimelinessExport(Export):
    """An agency's reporting year by year (the agency dashboard)."""

    columns = [
        Column("year", gettext_lazy("Year"), "int"),
        Column("status", gettext_lazy("Status")),
        Column("answered", gettext_lazy("Indicators answered"), "int"),
        Column("due", gettext_lazy("Indicators due"), "int"),
        Column("no_data", gettext_lazy("Of which no data"), "int"),
        Column("activities", gettext_lazy("Activities"), "int"),
        Column("deadline", gettext_lazy("Deadline"), "date"),
        Column("submitted", gettext_lazy("Submitted"), "datetime"),
        Column("timeliness", gettext_lazy("Timeliness")),
        Column("approved", gettext_lazy("Approved"), "datetime"),
    ]

    def __init__(self, rows, agency):
        self.data, self.filename, self.sheet = (
            rows,
            _("agency-%(code)s") % {"code": agency.code},
            agency.code,
        )

    def rows(self):
        for row in self.data:
            yield [
                row["year"],
                row["status"],
                row["answered"],
                row["due"],
                row["no_data"],
                row["activities"],
                row["deadline"],
                row["submitted"],
                row["timeliness"],
                row["approved"],
            ]
