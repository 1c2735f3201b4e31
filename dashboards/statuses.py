"""What progress is told with: the statuses, the rules in words, and the results that carry a
status with the sentence that explains it."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy

from indicators.models import Indicator, Target

from .models import Assessment


class Status(models.TextChoices):
    ACHIEVED = "achieved", gettext_lazy("Achieved")
    ON_TRACK = "on_track", gettext_lazy("On track")
    BEHIND = "behind", gettext_lazy("Behind")
    NOT_REPORTED = "not_reported", gettext_lazy("Not reported")
    NEEDS_ASSESSMENT = "needs_assessment", gettext_lazy("Needs assessment")


# Worst first. An indicator with several targets shows its least favourable one; a goal shows
# the tally of all its statuses, none hidden.
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
        "A target “each year” with no number: achieved when at least one is reported for the "
        "year; the working group may rate it otherwise, with a justification."
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
    gettext_lazy(
        "Where a target counts women (or men), the figure compared is the women (or men) "
        "counted, not everyone."
    ),
    gettext_lazy("A milestone: done or not, with the evidence."),
    gettext_lazy(
        "Qualitative targets, targets without a legible number and indicators without a target: "
        "the working group's rating with its written justification; until then, “needs "
        "assessment”."
    ),
    gettext_lazy(
        "“Not reported”: no agency reported a figure for the year; a year without data is never "
        "counted or drawn as zero. Only approved data is public."
    ),
]


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
    figure: object = None  # the Figure compared, as shown (measures.figures)
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
    figure: object = None  # the year's headline figure (measures.figures.Figure) or None
    description: str = ""  # the headline with what the whole value adds (the split by sex)
    description_html: str = ""

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
class TallyItem:
    status: Status
    count: int
    percent: float  # of the goal's results: the width of its part of the bar
    offset: float  # where its part of the bar starts


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
        """Every status with how many indicators and goal-wide targets have it, the most
        favourable first: what a goal shows, as a bar and in words."""
        counts = Counter(self.results)
        total = sum(counts.values()) or 1
        items, offset = [], 0.0
        for status in reversed(SEVERITY):
            if counts[status]:
                width = 100 * counts[status] / total
                items.append(TallyItem(Status(status), counts[status], width, offset))
                offset += width
        return items

    @property
    def unapproved(self):
        return any(i.unapproved for i in self.indicators)


@dataclass
class Trend:
    """An indicator's series across years, as the dashboards and the report chart it. A year
    without data is None: no bar, never a zero."""

    title: str
    years: list
    values: list
    line: object  # the yearly target or threshold, the expected path (a list), or None
    label: str  # the target line's legend
    unit: str  # what the bars count: the legend of the bars and the data table's header
    share: bool = False  # the values are percentages

    @property
    def is_empty(self):
        return all(v is None for v in self.values)


def only_indicators(areas, indicator_ids):
    """The overview ([(area, [GoalProgress])]) reduced to some indicators (those linked to a
    global framework item): goals and areas with none are left out, and goal-wide targets too
    (no indicator stands for them)."""
    kept = []
    for area, goals in areas:
        reduced = [
            GoalProgress(
                gp.goal, gp.year, [i for i in gp.indicators if i.indicator.pk in indicator_ids], []
            )
            for gp in goals
        ]
        reduced = [gp for gp in reduced if gp.indicators]
        if reduced:
            kept.append((area, reduced))
    return kept
