"""The annual report as named data: what the generator gathers from a year's results and every
layout (DOCX, PDF, XLSX, the HTML preview) reads. Every text here is already in the report's
language and every number already written as that language writes it; the layouts only place
them."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Text:
    """A text given by an agency, in the report's language when it was given in it; `original`
    marks a text shown in Spanish in an English report (marked discreetly by the layouts)."""

    text: str
    untranslated: bool = False


@dataclass
class KeyFigure:
    """A highlighted figure, as the official report's boxes: "630" "redes formadas"."""

    value: str
    label: str
    detail: str = ""  # "18,432 mujeres participantes"


@dataclass
class Column:
    header: str
    numeric: bool = False
    weight: float = 1.0  # relative width, fitted to the content by the generator


@dataclass
class Table:
    """A table as the report prints it. Rows are lists of Text or str (numbers already
    formatted); `total` is the last row, bold. `sheet` names where the data workbook keeps its
    rows (several tables may share a sheet, each row tagged with its `context`)."""

    title: str
    columns: list
    rows: list
    total: list | None = None
    note: str = ""
    sheet: str = ""
    context: str = ""
    # The same rows as numbers for the data workbook (None where the layout prints words).
    data_rows: list = field(default_factory=list)
    data_total: list | None = None


@dataclass
class Chart:
    title: str
    svg: str
    png: bytes
    description: str  # the chart in words, its text alternative
    headers: list
    rows: list


@dataclass
class IndicatorResult:
    code: str
    text: str
    targets: str
    value: str  # the year's figure, as its measure shows it, with the split by sex
    cumulative: str
    previous: str
    status: str
    status_label: str
    explanation: str
    unapproved: bool = False
    # As numbers for the data workbook.
    figure: object = None


@dataclass
class LineSection:
    code: str
    text: str
    summary: str  # what the line's data says, in a sentence or two
    narratives: list  # (agency code, Text)
    key_figures: list  # KeyFigure
    indicators: list  # IndicatorResult
    tables: list  # Table: activities, then tables by region
    notes: list  # str: recomputed figures, explained differences

    @property
    def has_content(self):
        return bool(self.narratives or self.indicators or self.tables)


@dataclass
class GoalSection:
    number: int
    text: str
    tally: list  # (status, label, count)
    lines: list  # LineSection
    goal_wide: list  # (target text, status, status label, explanation)
    contributions: Table | None = None


@dataclass
class AreaSection:
    roman: str
    name: str
    goals: list


@dataclass
class Annex:
    sources: Table
    missing: Table
    rules: list  # str
    recomputed: list  # str: where the report's figure differs from what an agency stated
    untranslated: int = 0  # items shown in Spanish in an English report


@dataclass
class Section:
    """A part of the report another app adds (the budget): its heading, key figures,
    paragraphs, tables and notes, already in the report's language."""

    title: str
    paragraphs: list = field(default_factory=list)  # str
    tables: list = field(default_factory=list)  # Table (with `sheet`: also in the workbook)
    notes: list = field(default_factory=list)  # str
    key_figures: list = field(default_factory=list)  # KeyFigure


# Sections other apps add to the report, registered in their AppConfig.ready so that the report
# never imports them: functions (plan, year, statuses, language) -> Section or None, called by
# the generator with the submissions' statuses it includes.
EXTRA_SECTIONS = []


@dataclass
class Report:
    plan_code: str
    plan_name: str
    plan_short_name: str
    country: str
    year: int
    language: str
    final: bool  # approved data only
    preview: bool  # not (yet) a published version: marked "draft" on every page
    generated_at: datetime
    cutoff: datetime | None  # the data cut-off: the last approval of the year's data
    plan_version: str
    agencies: list  # (name, code)
    introduction: list  # paragraphs
    conclusions: list  # paragraphs
    highlights: list  # KeyFigure: national totals
    summary: Table  # every indicator against its targets
    results: list  # IndicatorResult, every indicator
    areas: list  # AreaSection
    charts: list  # Chart
    annex: Annex
    # The data workbook's own sheets, beyond the tables of the sections.
    data_tables: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # Section, after the charts
    includes_unapproved: bool = False
    data: dict = field(default_factory=dict)  # what a published report keeps of its figures
    version: int | None = None  # the published version's number, when it is one
    labels: dict = field(default_factory=dict)  # the report's own words (title, notices...)
    # Civil society's published assessments of the year (civil.report), a table of the annex.
    civil_society: Table | None = None
    # The indicators' reference sheets and global framework links (references.report).
    references: object = None

    @property
    def title(self):
        return self.labels["title"]
