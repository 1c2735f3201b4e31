"""Two people changed the same thing: what each one has, side by side, with who saved the
other version and when (in the app's time zone)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from audit.people import display_name
from core.formatting import local_datetime


@dataclass
class Conflict:
    label: str  # what: "Indicator 4a", "Narrative 4.1", an activity's title
    who: str  # the person who saved the other version
    when: datetime | None
    rows: list = field(default_factory=list)  # (field label, theirs, yours)

    @property
    def when_local(self):
        return local_datetime(self.when)


def shown(value):
    """A stored value as a person reads it in the comparison."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def last_saved(model, pks):
    """pk -> (user name, when) of the latest recorded change of each record (one query)."""
    found = {}
    records = (
        model.history.filter(id__in=list(pks))
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "history_user_id", "history_date")
    )
    for pk, username, when in records:
        found.setdefault(pk, (username, when))
    return found


def conflict(label, saved_by, theirs, yours, labels):
    """The fields where the other version and yours differ, as rows of a Conflict."""
    username, when = saved_by or ("", None)
    rows = [
        (labels.get(key, key), shown(theirs.get(key)), shown(yours.get(key)))
        for key in yours
        if theirs.get(key) != yours.get(key)
    ]
    return Conflict(label, display_name(username) or _("someone"), when, rows)
