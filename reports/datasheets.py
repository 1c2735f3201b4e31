"""The report's data as uniform tables, one per sheet of the data workbook: every activity,
every activity listed by region, every agency's contribution to every indicator. The sections
print the same rows, split by line of action and with only the columns each part needs."""

from django.utils.translation import gettext as _

from .content import Column, Table


def activities_table(rows, lines, indicators, title_of, region_label):
    columns = [
        _("Line of action"),
        _("Reference"),
        _("Activity"),
        _("Agency"),
        _("Participants' institution"),
        _("Counts towards indicator"),
        region_label,
        _("Municipality"),
        _("Municipalities"),
        _("From"),
        _("To"),
        _("Quantity"),
        _("Women"),
        _("Men"),
        _("Total"),
        _("Approved"),
    ]
    data = [
        [
            lines.get(r.line_id, ""),
            r.reference,
            title_of(r),
            r.agency,
            r.institution,
            indicators.get(r.indicator_id, ""),
            r.region,
            r.municipality,
            r.municipalities,
            r.start,
            r.end,
            r.quantity,
            r.women,
            r.men,
            r.total,
            _("Yes") if r.approved else _("No"),
        ]
        for r in rows
    ]
    return Table(_("Activities"), [Column(c) for c in columns], data, data_rows=data)


def regions_table(sections, region_label):
    """Every table by region of the sections, one after the other, tagged with its line and
    title."""
    columns = [
        _("Line of action"),
        _("Table"),
        region_label,
        _("Municipalities"),
        _("Quantity"),
        _("Women"),
        _("Men"),
        _("Total"),
    ]
    data = [[line, table.title, *row] for line, table in sections for row in table.data_rows]
    return Table(_("By region"), [Column(c) for c in columns], data, data_rows=data)


def contributions_table(goal_tables):
    """Every goal's contribution table, on the agencies of all of them."""
    agencies = []
    for _goal, table in goal_tables:
        for column in table.columns[1:-1]:
            if str(column.header) not in agencies:
                agencies.append(str(column.header))
    columns = [_("Goal"), _("Indicator"), *agencies, _("All agencies")]
    data = []
    for goal, table in goal_tables:
        headers = [str(c.header) for c in table.columns]
        for row in table.data_rows:
            cells = dict(zip(headers, row, strict=True))
            data.append([goal, row[0], *[cells.get(a) for a in agencies], row[-1]])
    return Table(_("Contributions"), [Column(c) for c in columns], data, data_rows=data)
