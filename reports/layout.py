"""The report's one layout: the order of its parts, their headings and their labels, as a list of
blocks. The DOCX, the PDF (Typst), the data workbook (XLSX) and the HTML preview all render this
list, so sections, labels and order cannot drift between formats."""

import re
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils import translation
from django.utils.translation import gettext as _

from core import formatting

from .content import Column, Table, Text


@dataclass
class Cover:
    kind: ClassVar[str] = "cover"
    kicker: str  # the plan's short name
    title: str
    subtitle: str  # the plan's name
    lines: list  # plan version, country
    agencies: list  # "Name (CODE)"
    generated: str
    notice: str  # the draft mark, or nothing


@dataclass
class Heading:
    kind: ClassVar[str] = "heading"
    level: int  # 1 area / part, 2 goal, 3 line of action
    text: str
    number: str = ""


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: object  # str or content.Text
    style: str = "body"  # body, lead, note, status
    label: str = ""  # a bold lead-in ("SEDENA:")


@dataclass
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: list


@dataclass
class KeyFigures:
    kind: ClassVar[str] = "figures"
    figures: list


@dataclass
class TableBlock:
    kind: ClassVar[str] = "table"
    table: Table
    level: int = 4  # the heading level of its title

    @property
    def numeric_columns(self):
        return {i for i, column in enumerate(self.table.columns) if column.numeric}


@dataclass
class ChartBlock:
    kind: ClassVar[str] = "chart"
    chart: object


@dataclass
class PageBreak:
    kind: ClassVar[str] = "pagebreak"


@dataclass
class Layout:
    language: str
    title: str
    running_header: str  # on every page but the cover
    notice: str  # the draft mark, on every page
    blocks: list = field(default_factory=list)

    def add(self, *blocks):
        self.blocks.extend(blocks)


def layout(report):
    """The blocks of `report`, in its language."""
    with translation.override(report.language):
        return _layout(report)


def _layout(report):
    labels = report.labels
    page = Layout(
        language=report.language,
        title=report.title,
        running_header=f"{report.plan_short_name} · {report.title}",
        notice=labels["draft"],
    )
    page.add(
        Cover(
            kicker=report.plan_short_name,
            title=report.title,
            subtitle=report.plan_name,
            lines=list(filter(None, [labels["version"], report.plan_version, report.country])),
            agencies=[f"{name} ({code})" for name, code in report.agencies],
            generated=" ".join(filter(None, [labels["generated"], labels["cutoff"]])),
            notice=labels["draft"],
        ),
        PageBreak(),
    )
    page.add(Heading(1, _("Introduction")))
    if report.introduction:
        page.add(*[Paragraph(p) for p in report.introduction])
    else:
        page.add(
            Paragraph(_("The working group has not written the introduction yet."), style="note")
        )
    if labels["untranslated"]:
        page.add(Paragraph(labels["untranslated"], style="note"))

    page.add(Heading(1, _("The year in figures")), KeyFigures(report.highlights))
    page.add(TableBlock(report.summary, level=2))

    for area in report.areas:
        page.add(Heading(1, f"{area.roman}. {area.name}"))
        for goal in area.goals:
            _goal(page, goal, report.year)

    if report.charts:
        page.add(Heading(1, _("Charts")))
        page.add(*[ChartBlock(chart) for chart in report.charts])

    for section in report.sections:
        page.add(Heading(1, section.title))
        if section.key_figures:
            page.add(KeyFigures(section.key_figures))
        page.add(*[Paragraph(text) for text in section.paragraphs])
        page.add(*[TableBlock(table, level=2) for table in section.tables])
        page.add(*[Paragraph(note, style="note") for note in section.notes])

    page.add(Heading(1, _("Conclusions")))
    if report.conclusions:
        page.add(*[Paragraph(p) for p in report.conclusions])
    else:
        page.add(
            Paragraph(_("The working group has not written the conclusions yet."), style="note")
        )
    _annex(page, report)
    if report.references is not None:
        references_annex(page, report.references)
    return page


def _goal(page, goal, year):
    page.add(Heading(2, _("Goal %(number)s") % {"number": goal.number}))
    page.add(Paragraph(goal.text, style="lead"))
    if goal.tally:
        tally = ", ".join(f"{count} {label.lower()}" for _status, label, count in goal.tally)
        page.add(Paragraph(tally, style="status", label=_("Status:")))
    for text, _status, status_label, explanation in goal.goal_wide:
        page.add(
            Paragraph(
                f"{text} — {status_label}. {explanation}",
                style="body",
                label=_("Goal-wide target:"),
            )
        )
    for line in goal.lines:
        page.add(Heading(3, _("Line of action %(code)s") % {"code": line.code}))
        page.add(Paragraph(line.text, style="lead"))
        if not line.has_content:
            page.add(
                Paragraph(
                    _("No information was reported under this line of action for %(year)s.")
                    % {"year": year},
                    style="note",
                )
            )
            continue
        if line.summary:
            page.add(Paragraph(line.summary, label=_("In summary:")))
        if line.key_figures:
            page.add(KeyFigures(line.key_figures))
        for agency, text in line.narratives:
            page.add(Paragraph(text, label=f"{agency}:"))
        for result in line.indicators:
            figure = f"{result.value} — " if result.value != formatting.DASH else ""
            page.add(
                Paragraph(
                    f"{figure}{result.status_label}. {result.explanation}",
                    label=_("Indicator %(code)s:") % {"code": result.code},
                )
            )
        page.add(*[TableBlock(table) for table in line.tables])
        page.add(*[Paragraph(note, style="note") for note in line.notes])
    if goal.contributions is not None:
        page.add(TableBlock(goal.contributions, level=3))


def _annex(page, report):
    annex = report.annex
    page.add(Heading(1, _("Annex: sources, completeness and rules")))
    page.add(
        Paragraph(
            _("Plan version used: %(version)s.") % {"version": report.plan_version},
            style="note",
        )
    )
    if report.labels["cutoff"]:
        page.add(Paragraph(report.labels["cutoff"], style="note"))
    page.add(TableBlock(annex.sources, level=2))
    page.add(TableBlock(annex.missing, level=2))
    page.add(Heading(2, _("How progress is rated")), Bullets(annex.rules))
    page.add(Heading(2, _("Figures that differ from what an agency stated")))
    if annex.recomputed:
        page.add(Bullets(annex.recomputed))
    else:
        page.add(Paragraph(_("None: every figure agrees with its activities."), style="note"))
    _civil_society(page, report)


def _civil_society(page, report):
    """The organisations' published assessments, beside the official statuses above."""
    if report.civil_society is None:
        return
    page.add(Heading(1, _("Annex: civil society's assessments")))
    page.add(
        Paragraph(
            _(
                "Organisations of civil society and academia registered by the working group "
                "comment on the indicators' results and may rate them on the same scale; the "
                "working group publishes them, and may answer. They are their authors' views."
            ),
            style="note",
        )
    )
    if report.civil_society.rows:
        page.add(TableBlock(report.civil_society, level=2))
    else:
        page.add(
            Paragraph(
                _("No assessment by civil society was published for %(year)s.")
                % {"year": report.year},
                style="note",
            )
        )


def references_annex(page, annex):
    """The indicators' reference sheets (references.report), then their global frameworks."""
    page.add(PageBreak(), Heading(1, _("Annex: indicator reference sheets")))
    for sheet in annex.sheets:
        page.add(Heading(2, _("Indicator %(code)s") % {"code": sheet.code}))
        page.add(Paragraph(sheet.text, style="lead"))
        rows = [[label, value] for label, value in sheet.rows]
        columns = [Column(_("Field")), Column(_("Content"), weight=4)]
        page.add(TableBlock(Table(title="", columns=columns, rows=rows), level=3))
        if sheet.links:
            page.add(Paragraph("; ".join(sheet.links), label=_("Global frameworks:")))
    page.add(Heading(1, _("Annex: indicators and global frameworks")))
    if annex.has_links:
        page.add(TableBlock(annex.links, level=2))
    else:
        page.add(
            Paragraph(_("No indicator has been linked to a global framework yet."), style="note")
        )
    page.add(Heading(2, _("Sources of the global frameworks")), Bullets(annex.sources))


def plain(text):
    """A block's text as a string, with the mark of a text given in Spanish only."""
    if isinstance(text, Text):
        return f"{text.text} †" if text.untranslated else text.text
    return str(text)


# A figure is never broken across two lines: a number stays with its unit or percent sign, and
# "(9 of 23)" stays whole.
_GLUE = [
    (re.compile(r"(\d)\s(?=[%\w(])"), "\\1\u00a0"),
    (re.compile(r"\((\d[\d,.]*)\s(\w+)\s(\d)"), "(\\1\u00a0\\2\u00a0\\3"),
]


def printed(text):
    """A block's text for print: figures kept on one line, texts in Spanish only marked."""
    text = plain(text)
    for pattern, replacement in _GLUE:
        text = pattern.sub(replacement, text)
    return text


# About how many characters of table text fit across the page (8 pt on A4 less margins).
LINE_CHARACTERS = 114


def _width(text):
    """A text's width in average characters: capitals and digits are wider (INMUJERES, 20,140)."""
    return sum(1.3 if c.isupper() else 1.15 if c.isdigit() else 1.0 for c in text)


def fitted_widths(table, sample=300):
    """Relative column widths fitted to what the columns hold. Every column first gets what it
    cannot do without: its longest number, or its longest word, and its header's longest word
    (bold headers are wider). The text columns then share the rest of the line in proportion
    to their longer cells (weighted: an activity's title gets more than an agency's code)."""
    rows = table.rows[:sample] + ([table.total] if table.total else [])
    minimum, wish = [], []
    for index, column in enumerate(table.columns):
        cells = [printed(row[index]) for row in rows if index < len(row)]
        header = max((_width(w) for w in str(column.header).split()), default=3) * 1.15
        if column.numeric:
            minimum.append(max(max((_width(c) for c in cells), default=1), header) + 2)
            wish.append(0)
            continue
        words = max((_width(w) for c in cells for w in c.split()), default=3)
        minimum.append(max(words, header, 4) + 1.5)
        lengths = sorted(len(c) for c in cells) or [0]
        wish.append(min(lengths[int(len(lengths) * 0.8)], 60) * column.weight)
    room = max(LINE_CHARACTERS - sum(minimum), 0)
    wished = sum(wish) or 1
    widths = [m + room * w / wished for m, w in zip(minimum, wish, strict=True)]
    total = sum(widths) or 1
    return [round(w / total, 4) for w in widths]
