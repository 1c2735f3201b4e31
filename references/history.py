"""The history of a reference sheet and of an indicator's links to global frameworks, in words:
who, when, the field's label, old → new; a link made or removed by the item's name."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from audit.people import display_name
from nap1325.i18n import active_language

from .models import FrameworkLink, ReferenceSheet

SHOWN_EMPTY = "—"


@dataclass
class Entry:
    when: datetime
    who: str
    what: str
    before: str = ""
    after: str = ""


def _shown(value):
    return SHOWN_EMPTY if value in (None, "") else str(value)


def sheet_history(sheet):
    """Every change to the sheet's fields, newest first (one query)."""
    if sheet is None:
        return []
    records = list(sheet.history.order_by("history_date", "history_id"))
    entries = []
    for previous, record in zip(records, records[1:], strict=False):
        delta = record.diff_against(previous, excluded_fields=["updated_by"])
        for change in delta.changes:
            label = ReferenceSheet._meta.get_field(change.field).verbose_name
            entries.append(
                Entry(
                    record.history_date,
                    display_name(record.history_user_id),
                    str(label).capitalize(),
                    _shown(change.old),
                    _shown(change.new),
                )
            )
    return entries


def _note(record):
    """A historical link's note in the active language (historical records have no
    TranslatedField)."""
    return getattr(record, f"note_{active_language()}", "") or record.note_es


def link_history(indicator):
    """Links made, changed and removed, by the item's name (one query)."""
    records = FrameworkLink.history.filter(indicator_id=indicator.pk).select_related(
        "item__framework"
    )
    entries, proposed = [], {}
    for record in records.order_by("history_date", "history_id"):
        item, who = str(record.item), display_name(record.history_user_id)
        if record.history_type == "+":
            what = _("Linked to %(item)s") % {"item": item}
            if record.proposed:
                what += " " + _("(proposal)")
            entries.append(Entry(record.history_date, who, what, after=_shown(_note(record))))
        elif record.history_type == "-":
            what = _("Link to %(item)s removed") % {"item": item}
            entries.append(Entry(record.history_date, who, what))
        elif proposed.get(record.id) and not record.proposed:
            what = _("Link to %(item)s confirmed") % {"item": item}
            entries.append(Entry(record.history_date, who, what))
        else:
            what = _("Link to %(item)s changed") % {"item": item}
            entries.append(Entry(record.history_date, who, what, after=_shown(_note(record))))
        proposed[record.id] = record.proposed
    return entries


def combined(sheet, indicator):
    return sorted(
        sheet_history(sheet) + link_history(indicator), key=lambda e: e.when, reverse=True
    )
