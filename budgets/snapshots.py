"""The budget in a submission's snapshots (`reporting.snapshots.EXTRA_SNAPSHOTS`): what was
submitted or approved, and what changed since, for the working group's review and the public
history of approved versions."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core import formatting
from reporting.snapshots import Change

from .models import BudgetLine

FIELDS = [
    "line",
    "source",
    "partner",
    "programme_key",
    "marker",
    "programmed",
    "approved",
    "spent",
    "overspend_note",
]
AMOUNTS = {"programmed", "approved", "spent"}


def take(submission):
    currency = submission.reporting_year.plan.country.currency
    lines = BudgetLine.objects.filter(submission=submission).select_related("line__goal")
    return {
        str(line.pk): {
            "line": line.line.code,
            "source": line.source,
            "partner": line.partner,
            "programme_key": line.programme_key,
            "marker": line.marker,
            "programmed": _text(line.programmed),
            "approved": _text(line.approved),
            "spent": _text(line.spent),
            "overspend_note": line.overspend_note,
            "currency": currency,
        }
        for line in lines
    }


def _text(amount):
    return None if amount is None else str(amount)


def _words(field, value, currency):
    if value is None or value == "":
        return None
    if field in AMOUNTS:
        return formatting.money(Decimal(value), currency)
    if field == "source":
        return BudgetLine.Source(value).label
    if field == "marker":
        return BudgetLine.Marker(value).label
    return value


def _label(field):
    return str(BudgetLine._meta.get_field(field).verbose_name).capitalize()


def compare(before, after):
    changes = []
    for pk in sorted(set(before) | set(after), key=int):
        old, new = before.get(pk), after.get(pk)
        if old is None:
            what = _("Budget line added")
            changes.append(Change(what, _label("line"), None, new["line"]))
            continue
        if new is None:
            changes.append(Change(_("Budget line removed"), _label("line"), old["line"], None))
            continue
        what = _("Budget of line of action %(code)s") % {"code": new["line"]}
        for field in FIELDS:
            if old.get(field) != new.get(field):
                changes.append(
                    Change(
                        what,
                        _label(field),
                        _words(field, old.get(field), old.get("currency", "MXN")),
                        _words(field, new.get(field), new.get("currency", "MXN")),
                    )
                )
    return changes
