"""The budget dashboard's data as CSV, XLSX and JSON: every budget line it counts."""

from django.utils.translation import gettext_lazy

from core.exports import Column, Export


class BudgetExport(Export):
    columns = [
        Column("year", gettext_lazy("Year"), "int"),
        Column("goal", gettext_lazy("Goal"), "int"),
        Column("line_of_action", gettext_lazy("Line of action")),
        Column("agency", gettext_lazy("Agency")),
        Column("source", gettext_lazy("Source")),
        Column("partner", gettext_lazy("cooperation partner"), width=30),
        Column("programme_key", gettext_lazy("Programme")),
        Column("marker", gettext_lazy("Marker"), "int"),
        Column("programmed", gettext_lazy("Programmed"), "money"),
        Column("approved", gettext_lazy("Approved"), "money"),
        Column("spent", gettext_lazy("Spent"), "money"),
        Column("currency", gettext_lazy("currency")),
        Column("overspent", gettext_lazy("Spent more than approved")),
        Column("explanation", gettext_lazy("Explanation"), width=60),
    ]
    sheet = gettext_lazy("Budget")

    def __init__(self, budget, filename):
        self.budget = budget
        self.filename = filename

    def rows(self):
        for line in self.budget.lines:
            yield [
                self.budget.year,
                line.line.goal.number,
                line.line.code,
                line.submission.agency.code,
                line.get_source_display(),
                line.partner,
                line.programme_key,
                line.marker,
                line.programmed,
                line.approved,
                line.spent,
                self.budget.currency,
                line.overspent,
                line.overspend_note,
            ]
