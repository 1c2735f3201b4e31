"""The annual report's budget section: per goal, line of action and agency, what was
programmed, approved and spent, its source and its gender-equality marker; the totals; the
share of lines of action with a budget; a note for each line that spent more than approved,
with its explanation. Registered in `reports.content.EXTRA_SECTIONS` (apps.py), called inside
the report's language."""

from django.utils.translation import gettext as _

from core import formatting
from reports.content import Column, KeyFigure, Section, Table

from .figures import year_budget


def _amount(value):
    return None if value is None else float(value)


def budget_section(plan, year, statuses, language):
    budget = year_budget(plan, year, statuses)
    money = lambda value: formatting.money(value, budget.currency)  # noqa: E731
    share = _("%(budgeted)s of %(total)s lines of action have a budget (%(share)s).") % {
        "budgeted": formatting.number(budget.budgeted_lines),
        "total": formatting.number(budget.plan_lines),
        "share": formatting.percent(budget.budgeted_share),
    }
    section = Section(
        title=_("Budget"),
        key_figures=[
            KeyFigure(
                value=f"{formatting.number(budget.budgeted_lines)} / "
                f"{formatting.number(budget.plan_lines)}",
                label=_("lines of action with a budget"),
                detail=formatting.percent(budget.budgeted_share),
            )
        ],
        paragraphs=[
            _(
                "The plan asks each institution to programme the financial resources its "
                "actions need. What the agencies reported for %(year)s, in %(currency)s."
            )
            % {"year": year, "currency": budget.currency},
            share,
        ],
    )
    if not budget.lines:
        section.notes.append(_("No agency reported a budget for %(year)s.") % {"year": year})
        return section
    columns = [
        Column(_("Goal"), weight=0.6),
        Column(_("Line of action"), weight=0.7),
        Column(_("Agency"), weight=1),
        Column(_("Source"), weight=1.8),
        Column(_("Programme"), weight=0.8),
        Column(_("Marker"), numeric=True, weight=0.6),
        Column(_("Programmed"), numeric=True),
        Column(_("Approved"), numeric=True),
        Column(_("Spent"), numeric=True),
    ]
    rows, data = [], []
    for line in budget.lines:
        common = [
            str(line.line.goal.number),
            line.line.code,
            line.submission.agency.code,
            line.source_label,
            line.programme_key,
        ]
        rows.append(
            [
                *common,
                str(line.marker),
                money(line.programmed),
                money(line.approved),
                money(line.spent),
            ]
        )
        data.append(
            [
                *common,
                line.marker,
                _amount(line.programmed),
                _amount(line.approved),
                _amount(line.spent),
            ]
        )
    total = budget.total
    section.tables.append(
        Table(
            title=_("Budget by goal, line of action and agency, %(year)s") % {"year": year},
            columns=columns,
            rows=rows,
            total=[_("Total"), "", "", "", "", "", *map(money, _totals(total))],
            note=_(
                "Gender equality marker (OECD DAC): 0 not targeted, 1 significant, 2 principal. "
                "A dash: amount unknown. Totals add the known amounts."
            ),
            sheet="budget",
            data_rows=data,
            data_total=[_("Total"), "", "", "", "", None, *map(_amount, _totals(total))],
        )
    )
    for line in budget.overspent:
        note = _(
            "Line of action %(code)s, %(agency)s: %(spent)s spent against %(approved)s approved."
        ) % {
            "code": line.line.code,
            "agency": line.submission.agency.code,
            "spent": money(line.spent),
            "approved": money(line.approved),
        }
        if line.overspend_note:
            note += " " + _("Explanation: %(text)s") % {"text": line.overspend_note}
        section.notes.append(note)
    return section


def _totals(total):
    return [total.programmed, total.approved, total.spent]
