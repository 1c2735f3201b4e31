"""What the report says of its data in words and highlighted figures: the national totals, each
line of action's summary and key figures, the summary table of every indicator, and a note
wherever the report's figure differs from what an agency stated."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from core import formatting
from dashboards.statuses import Status
from reporting import rules

from .content import Column, KeyFigure, Table
from .tables import people_cells


def _agencies(rows):
    codes = sorted({r.agency for r in rows})
    return ", ".join(codes)


def _people_phrase(rows):
    cells, numbers = people_cells(rows)
    women, men, total = numbers
    if total is None or total == 0:
        return ""
    if women is None:
        return _("%(total)s participants (not all with the split by sex)") % {"total": cells[2]}
    return _("%(total)s participants (%(women)s women and %(men)s men)") % {
        "total": cells[2],
        "women": cells[0],
        "men": cells[1],
    }


def line_summary(rows, results):
    """A line of action in a sentence or two, from its data: who reported how many activities
    with how many people, and where its indicators stand."""
    parts = []
    if rows:
        activities = ngettext(
            "%(count)s activity was reported under this line of action (%(agencies)s)",
            "%(count)s activities were reported under this line of action (%(agencies)s)",
            len(rows),
        ) % {"agencies": _agencies(rows), "count": formatting.number(len(rows))}
        people = _people_phrase(rows)
        parts.append(
            _("%(activities)s, with %(people)s.") % {"activities": activities, "people": people}
            if people
            else f"{activities}."
        )
    for result in results:
        if result.figure is None:
            continue
        parts.append(
            _("Indicator %(code)s: %(value)s (%(status)s).")
            % {
                "code": result.code,
                "value": result.value,
                "status": result.status_label.lower(),
            }
        )
    return " ".join(parts)


def line_key_figures(rows, indicators, progress, year):
    """The line's highlighted figures: each indicator's figure, with the women among the people
    of the activities counted towards it; the line's activities and participants otherwise."""
    figures = []
    for indicator in indicators:
        figure = progress.figure(indicator, year)
        if figure is None or figure.kind not in ("count", "share"):
            continue
        counted = [c for r in rows if (c := r.counted(indicator.pk)) is not None]
        women = sum(c[1] or 0 for c in counted)
        detail = ""
        # A figure of women needs no "women took part" beside it.
        if women and not figure.agrees:
            detail = ngettext("%(count)s woman took part", "%(count)s women took part", women) % {
                "count": formatting.number(women)
            }
        label = figure.unit or progress.measure(indicator, year).label().lower()
        if figure.kind == "share":
            label = progress.measure(indicator, year).label().lower()
            detail = _("%(part)s of %(whole)s") % {
                "part": formatting.number(figure.numerator),
                "whole": formatting.number(figure.denominator),
            }
        figures.append(KeyFigure(figure.short(), label, detail))
    line_women = sum(r.women or 0 for r in rows)
    counted_women = sum(
        r.women or 0 for r in rows if any(r.counted(i.pk) is not None for i in indicators)
    )
    if figures and line_women and line_women != counted_women:
        # Women in all the line's activities, those no indicator counts included (the networks
        # strengthened beside those formed).
        figures.append(
            KeyFigure(
                formatting.number(line_women),
                ngettext("woman took part", "women took part", line_women),
                ngettext(
                    "in %(count)s activity of this line",
                    "in the %(count)s activities of this line",
                    len(rows),
                )
                % {"count": formatting.number(len(rows))},
            )
        )
    if not figures and rows:
        _cells, (women, _men, total) = people_cells(rows)
        detail = ""
        if total:
            detail = ngettext("%(count)s participant", "%(count)s participants", total) % {
                "count": formatting.number(total)
            }
        label = npgettext("key figure", "activity", "activities", len(rows))
        figures.append(KeyFigure(formatting.number(len(rows)), label, detail))
    return figures


def highlights(data, progress, year):
    """The year in a few national figures."""
    rows = data.activities
    cells, (women, men, total) = people_cells(rows) if rows else ([], (None, None, None))
    reporting = {r.agency for r in rows} | {
        s.agency.code for s in data.submissions if s.pk in data.included
    }
    statuses = Counter(
        progress.indicator(indicator, year).status
        for indicator in progress.indicators.values()
        if indicator.in_force(year)
    )
    figures = [
        KeyFigure(
            formatting.number(len(rows)),
            ngettext("activity reported", "activities reported", len(rows)),
            ngettext("by %(count)s agency", "by %(count)s agencies", len(reporting))
            % {"count": formatting.number(len(reporting))},
        )
    ]
    if total:
        women_known = women if women is not None else sum(r.women or 0 for r in rows)
        figures.append(
            KeyFigure(
                formatting.number(women_known),
                ngettext("woman took part", "women took part", women_known),
                _("of %(total)s participants") % {"total": formatting.number(total)},
            )
        )
    achieved = statuses.get(Status.ACHIEVED, 0)
    rated = sum(statuses.values())
    figures.append(
        KeyFigure(
            formatting.number(achieved),
            ngettext("indicator achieved", "indicators achieved", achieved),
            _("of %(count)s in the plan in %(year)s")
            % {"count": formatting.number(rated), "year": year},
        )
    )
    return figures


def summary_table(results, year):
    columns = [
        Column(_("Indicator"), weight=0.8),
        Column(_("Target"), weight=2.2),
        Column(str(year), weight=2.4),
        Column(str(year - 1), weight=1.6),
        Column(_("Status"), weight=1.2),
    ]
    rows = [[r.code, r.targets, r.value, r.previous, r.status_label] for r in results]
    return Table(
        _("Summary of the indicators"),
        columns,
        rows,
        sheet="summary",
        data_rows=[
            [r.code, r.targets, r.figure.cell() if r.figure else None, r.value, r.status_label]
            for r in results
        ],
    )


def recomputed_notes(data, indicators, rows):
    """Where an agency's figure differs from the activities it counted towards the indicator:
    the report shows the agency's figure, and says what the activities add up to and why."""
    notes = []
    by_agency = {}
    for row in rows:
        for indicator in indicators:
            counted = row.counted(indicator.pk)
            if counted is not None:
                by_agency.setdefault((row.agency, indicator.pk), []).append(counted)
    for submission in data.submissions:
        if submission.pk not in data.included:
            continue
        for indicator in indicators:
            value = data.values.get((submission.pk, indicator.pk))
            counted = by_agency.get((submission.agency.code, indicator.pk))
            if value is None or value.no_data or not counted:
                continue
            totals = rules.ActivityTotals(
                records=len(counted),
                quantity=sum(c[0] for c in counted),
                women=sum(c[1] or 0 for c in counted),
                men=sum(c[2] or 0 for c in counted),
                total=sum(c[3] or 0 for c in counted),
            )
            mismatch = rules.activities_mismatch(
                indicator, value.women, value.men, value.total, totals
            )
            if mismatch:
                note = _("%(agency)s, indicator %(code)s: %(problem)s") % {
                    "agency": submission.agency.code,
                    "code": indicator.code,
                    "problem": mismatch,
                }
                if value.activities_note.strip():
                    note += " " + _("Its explanation: %(note)s") % {"note": value.activities_note}
                notes.append(note)
    return notes
