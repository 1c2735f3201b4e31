"""The rules of a budget line, in one place: the form, the spreadsheet import, the submit check,
the review page and the report all ask these functions.

- Amounts are 0 or more, at most MAX_AMOUNT; an empty amount is unknown (not 0).
- International cooperation names its partner; an own budget has none.
- Spending more than was approved is allowed (a budget may be extended during the year) but is
  flagged: the form and the review page show a warning asking why, and the submission cannot be
  submitted while a line that spent more than approved has no explanation. Saving a draft
  without the explanation is allowed, so that nothing typed is lost.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from core import formatting
from core.formatting import parse_number
from indicators.models import LineOfAction

from .models import MAX_AMOUNT, BudgetLine

AMOUNTS = ("programmed", "approved", "spent")


def parse_amount(text):
    """An amount typed or read from a spreadsheet: None when empty (unknown), else a Decimal of
    0 or more, with at most two decimals; ValueError with the message to show otherwise."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        raise ValueError(_("Enter an amount as a number, e.g. 1,250,000.50."))
    if isinstance(text, int | float | Decimal):
        if isinstance(text, float) and text != text:  # NaN
            raise ValueError(_("Enter an amount as a number, e.g. 1,250,000.50."))
        amount = Decimal(str(text))
    else:
        cleaned = str(text).strip().lstrip("$").strip()
        for code in ("MXN", "mxn"):
            cleaned = cleaned.removesuffix(code).strip()
        if cleaned.startswith("-"):
            raise ValueError(_("An amount cannot be negative: enter 0 or more."))
        try:
            amount = parse_number(cleaned)
        except ValueError:
            raise ValueError(_("Enter an amount as a number, e.g. 1,250,000.50.")) from None
    if not amount.is_finite():
        raise ValueError(_("Enter an amount as a number, e.g. 1,250,000.50."))
    if amount < 0:
        raise ValueError(_("An amount cannot be negative: enter 0 or more."))
    if amount > MAX_AMOUNT:
        raise ValueError(_("This amount is too large: check the figure."))
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(_("An amount has at most two decimals (cents)."))
    return amount


def check_line(cleaned, add_error):
    """Cross-field rules of one line, shared by the form and the import; reports problems
    through `add_error(field, message)`."""
    source = cleaned.get("source")
    partner = (cleaned.get("partner") or "").strip()
    if source == BudgetLine.Source.COOPERATION and not partner:
        add_error("partner", _("Name the partner that provides international cooperation."))
    if source == BudgetLine.Source.OWN and partner:
        add_error("partner", _("An own budget has no cooperation partner: leave it empty."))


def is_overspent(approved, spent):
    return spent is not None and approved is not None and spent > approved


def overspend_warning(line, currency="MXN"):
    """The warning of a line that spent more than was approved, or None."""
    if not is_overspent(line.approved, line.spent):
        return None
    return _(
        "More was spent (%(spent)s) than approved (%(approved)s): explain why before submitting."
    ) % {
        "spent": formatting.money(line.spent, currency),
        "approved": formatting.money(line.approved, currency),
    }


def unexplained(lines):
    """The lines that spent more than approved and say nothing about it."""
    return [line for line in lines if line.overspent and not line.overspend_note.strip()]


def missing_explanations(submission):
    """What prevents submitting, for the submission check (`reporting.rules.SUBMIT_CHECKS`)."""
    lines = BudgetLine.objects.filter(submission=submission).select_related("line")
    return [
        _(
            "Budget of line of action %(code)s: more was spent than approved. Explain why, or "
            "correct the amounts."
        )
        % {"code": line.line.code}
        for line in unexplained(lines)
    ]


def has_budget(line):
    """A line of action has a budget for the year when an amount was programmed or approved
    for it (more than 0). What the dashboards and the report count."""
    return bool(line.programmed) or bool(line.approved)


def history_label_maker(plan):
    """How the submission's history names a budget line: "Budget of line of action 4.1 (Own
    budget)"; the plan's lines read once."""

    codes = {
        line.pk: line.code for line in LineOfAction.objects.for_plan(plan).select_related("goal")
    }
    return lambda record: (
        _("Budget of line of action %(code)s (%(source)s)")
        % {
            "code": codes.get(record.line_id, "?"),
            "source": BudgetLine.Source(record.source).label,
        }
    )
