from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgets")

    def ready(self):
        # Budgets join the submission check, its history and snapshots, the template and its
        # import, and the annual report through registries those apps keep, so that neither
        # reporting nor reports import this app.
        from reporting.history import EXTRA_HISTORY
        from reporting.rules import SUBMIT_CHECKS
        from reporting.snapshots import EXTRA_SNAPSHOTS
        from reporting.spreadsheet_format import EXTRA_SHEETS
        from reports.content import EXTRA_SECTIONS

        from . import report, rules, snapshots, spreadsheet
        from .models import BudgetLine

        if rules.missing_explanations not in SUBMIT_CHECKS:
            SUBMIT_CHECKS.append(rules.missing_explanations)
        if report.budget_section not in EXTRA_SECTIONS:
            EXTRA_SECTIONS.append(report.budget_section)
        if not any(entry[0] is BudgetLine for entry in EXTRA_HISTORY):
            EXTRA_HISTORY.append((BudgetLine, _("Budget"), rules.history_label_maker))
        if not any(entry[0] == "budget" for entry in EXTRA_SNAPSHOTS):
            EXTRA_SNAPSHOTS.append(("budget", snapshots.take, snapshots.compare))
        if spreadsheet.BUDGET_SHEET not in EXTRA_SHEETS:
            EXTRA_SHEETS.append(spreadsheet.BUDGET_SHEET)
