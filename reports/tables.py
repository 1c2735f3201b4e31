"""The report's tables, built from the year's rows: activities with the columns their figures
need, activities by region (as the official report's tables of networks by state), each
agency's contribution to each indicator, and the annex's sources and missing figures.

Totals add only comparable numbers: women and men are totalled only where every row gives the
split by sex (otherwise the row and the total say "total only"), and quantities only where
every row counts the same thing (one indicator)."""

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formatting

from .content import Column, Table, Text

# Activities sharing a title, in this many regions or more, are shown as a table by region.
REGIONAL_GROUP = 3


def _number(value):
    return formatting.number(value) if value is not None else formatting.DASH


def people_cells(rows):
    """Women, men and total of rows, as printed and as numbers: the total of those with a
    split and the total of all, or "total only" where some rows have no split."""
    split = all(r.split_known for r in rows)
    total = sum(r.total or 0 for r in rows if r.total is not None)
    any_total = any(r.total is not None for r in rows)
    if not any_total:
        return [formatting.DASH] * 3, [None, None, None]
    if split:
        women, men = sum(r.women for r in rows), sum(r.men for r in rows)
        return [_number(women), _number(men), _number(total)], [women, men, total]
    only = _("total only")
    return [only, only, _number(total)], [None, None, total]


def _row_people(row):
    if row.total is None:
        # No total, but perhaps the women counted (220 women members at a forum): print what is
        # known, never a sum of it.
        return [_number(row.women), _number(row.men), formatting.DASH], [row.women, row.men, None]
    if not row.split_known:
        return [_("total only")] * 2 + [_number(row.total)], [None, None, row.total]
    return [_number(row.women), _number(row.men), _number(row.total)], [
        row.women,
        row.men,
        row.total,
    ]


def regional_groups(rows):
    """Activities shown by region: those sharing a title (and what they count) in several
    regions. Returns ({(title, indicator): [rows]}, the other rows)."""
    groups = defaultdict(list)
    for row in rows:
        if row.region:
            groups[(row.title, row.indicator_id)].append(row)
    grouped = {key: group for key, group in groups.items() if len(group) >= REGIONAL_GROUP}
    taken = {row.pk for group in grouped.values() for row in group}
    return grouped, [row for row in rows if row.pk not in taken]


def _place(row):
    """Where an activity took place, in one cell: the region, with the municipality or the
    number of municipalities it covered."""
    parts = [row.region] if row.region else []
    if row.municipality:
        parts.append(row.municipality)
    if row.municipalities:
        parts.append(
            ngettext("%(count)s municipality", "%(count)s municipalities", row.municipalities)
            % {"count": formatting.number(row.municipalities)}
        )
    return ", ".join(parts)


def _who(row):
    """The reporting agency, with the participants' institution where it is another."""
    if row.institution and row.institution != row.agency:
        return _("%(agency)s (participants: %(institution)s)") % {
            "agency": row.agency,
            "institution": row.institution,
        }
    return row.agency


def activity_table(rows, title_of, units, context, region_label):
    """A line of action's activities, with only the columns their figures need (a portrait page
    holds seven): the activity, who, where, how many, women, men, total."""
    place = any(_place(r) for r in rows)
    quantity = any(r.quantity != 1 for r in rows)
    columns = [Column(_("Activity"), weight=3), Column(_("Agency"), weight=1.2)]
    if place:
        columns.append(Column(region_label, weight=1.2))
    if quantity:
        columns.append(Column(_("Quantity"), numeric=True))
    columns += [
        Column(_("Women"), numeric=True),
        Column(_("Men"), numeric=True),
        Column(_("Total"), numeric=True),
    ]
    printed = []
    for row in rows:
        cells = [title_of(row), _who(row)]
        if place:
            cells.append(_place(row))
        if quantity:
            cells.append(_number(row.quantity))
        printed.append(cells + _row_people(row)[0])
    label = ngettext("Total (%(count)s activity)", "Total (%(count)s activities)", len(rows)) % {
        "count": formatting.number(len(rows))
    }
    total = [label] + [""] * (len(columns) - 4)
    if quantity:
        # Quantities add up only when every row counts the same thing.
        same = {r.indicator_id for r in rows}
        if len(same) == 1 and None not in same:
            quantity_total = sum(r.quantity for r in rows)
            total[-1] = f"{_number(quantity_total)} {units.get(next(iter(same)), '')}".strip()
    people = people_cells(rows)[0]
    note = ""
    if people[0] == _("total only"):
        known = [r for r in rows if r.split_known]
        if known:
            note = _(
                "Not every activity gives the split by sex; those that do add up to %(women)s "
                "women and %(men)s men."
            ) % {
                "women": formatting.number(sum(r.women for r in known)),
                "men": formatting.number(sum(r.men for r in known)),
            }
    return Table(
        title="",
        columns=columns,
        rows=printed,
        total=total + people,
        note=note,
        sheet="activities",
        context=context,
    )


def region_table(title, rows, unit, context, region_label):
    """Activities of one kind by region: region, municipalities, how many, women (and men and
    total, where any man took part)."""
    rows = sorted(rows, key=lambda r: r.region)
    municipalities = any(r.municipalities for r in rows)
    with_men = any(r.men for r in rows) or not all(r.split_known for r in rows)
    columns = [Column(region_label, weight=2)]
    if municipalities:
        columns.append(Column(_("Municipalities"), numeric=True))
    columns.append(Column(unit or _("Quantity"), numeric=True))
    columns.append(Column(_("Women"), numeric=True))
    if with_men:
        columns += [Column(_("Men"), numeric=True), Column(_("Total"), numeric=True)]
    printed, data = [], []
    for row in rows:
        cells = [row.region]
        if municipalities:
            cells.append(_number(row.municipalities))
        cells.append(_number(row.quantity))
        people, people_numbers = _row_people(row)
        cells += people if with_men else people[:1]
        printed.append(cells)
        # The data workbook's rows have every column, whatever the printed table shows.
        data.append([row.region, row.municipalities, row.quantity, *people_numbers])
    total = [_("Total")]
    if municipalities:
        total.append(_number(sum(r.municipalities or 0 for r in rows)))
    quantity = sum(r.quantity for r in rows)
    total.append(_number(quantity))
    people, people_numbers = people_cells(rows)
    total += people if with_men else people[:1]
    data_total = [
        _("Total"),
        sum(r.municipalities or 0 for r in rows) if municipalities else None,
        quantity,
        *people_numbers,
    ]
    return Table(
        title=title,
        columns=columns,
        rows=printed,
        total=total,
        sheet="regions",
        context=context,
        data_rows=data,
        data_total=data_total,
    )


def contributions_table(goal_number, indicators, progress, year, in_charge):
    """Each agency's own figure for each indicator of a goal, beside the combined one."""
    agencies = sorted({code for codes in in_charge.values() for code in codes})
    columns = [Column(_("Indicator"), weight=1)]
    columns += [Column(code, numeric=True, weight=1.3) for code in agencies]
    columns.append(Column(_("All agencies"), numeric=True, weight=1.5))
    printed, data = [], []
    for indicator in indicators:
        own = progress.by_agency(indicator, year)
        cells, numbers = [indicator.code], [indicator.code]
        for code in agencies:
            if code not in in_charge.get(indicator.pk, ()):
                cells.append("")
                numbers.append(None)
            elif code in own and own[code][1] is not None:
                cells.append(own[code][1].text())
                numbers.append(own[code][1].cell())
            else:
                cells.append(_("no data"))
                numbers.append(None)
        combined = progress.figure(indicator, year)
        cells.append(combined.text() if combined else _("no data"))
        numbers.append(combined.cell() if combined else None)
        printed.append(cells)
        data.append(numbers)
    return Table(
        title=_("Each agency's contribution, goal %(number)s") % {"number": goal_number},
        columns=columns,
        rows=printed,
        note=_("A blank cell: the agency is not in charge of the indicator."),
        sheet="contributions",
        context=str(goal_number),
        data_rows=data,
    )


def sources_table(submissions, included):
    columns = [
        Column(_("Agency"), weight=2.5),
        Column(_("Status"), weight=1.3),
        Column(_("Deadline"), weight=1.1),
        Column(_("Submitted"), weight=1.1),
        Column(_("Approved"), weight=1.1),
        Column(_("Timeliness"), weight=1),
    ]
    rows = []
    for submission in submissions:
        timeliness = (
            _("late")
            if submission.is_late
            else (_("on time") if submission.submitted_at else _("not submitted"))
        )
        status = submission.get_status_display()
        if submission.pk not in included:
            status = _("%(status)s (not included)") % {"status": status}
        rows.append(
            [
                f"{submission.agency.name} ({submission.agency.code})",
                status,
                formatting.day(submission.reporting_year.deadline),
                formatting.day(submission.submitted_at),
                formatting.day(submission.approved_at),
                timeliness,
            ]
        )
    return Table(_("Data sources"), columns, rows, sheet="sources", data_rows=rows)


def missing_table(rows):
    columns = [Column(_("Agency")), Column(_("Indicator")), Column(_("Reason"), weight=5)]
    return Table(
        _("What is missing"),
        columns,
        rows,
        sheet="missing",
        data_rows=[[a, i, r.text if isinstance(r, Text) else r] for a, i, r in rows],
    )


def civil_society_table(entries):
    """The published assessments of civil society organisations (civil.report), one per row."""
    columns = [
        Column(_("Indicator"), weight=0.6),
        Column(_("Organisation"), weight=1.6),
        Column(_("Civil society assessment"), weight=1.1),
        Column(_("Justification and comment"), weight=3),
        Column(_("The working group's answer"), weight=2),
    ]
    rows = [
        [
            entry.indicator,
            entry.organisation,
            entry.rating_label or formatting.DASH,
            "\n".join(filter(None, [entry.justification, entry.comment])),
            entry.answer or formatting.DASH,
        ]
        for entry in entries
    ]
    return Table(
        _("Civil society's assessments"), columns, rows, sheet="civil_society", data_rows=rows
    )
