"""The spreadsheet's "Also counts towards" column: the further indicators an activity counts
towards, by code ("3.1, 4b"), each with the activity's own quantity and people. A count given a
quantity or people of its own in the form keeps them while its code stays listed."""

import re

from django.utils.translation import gettext as _

from core.uploads import normalized

from .models import Activity, ActivityCount

SEPARATORS = re.compile(r"[,;]\s*|\s+")


def parse_codes(value, indicators):
    """The indicators a cell lists, or ValueError with the codes it does not know."""
    codes = [c for c in SEPARATORS.split(str(value or "").strip()) if c]
    unknown = [c for c in codes if normalized(c) not in indicators]
    if unknown:
        raise ValueError(
            _("“%(codes)s” is not an indicator your agency is in charge of.")
            % {"codes": ", ".join(unknown)}
        )
    found = []
    for code in codes:
        indicator = indicators[normalized(code)]
        if indicator not in found:
            found.append(indicator)
    return found


def codes_of(activity):
    """The cell an export writes: the further indicators' codes (prefetched `counts`)."""
    return ", ".join(c.indicator.code for c in activity.counts.all())


def sync_counts(submission, wanted):
    """Make each activity's further indicators those its row listed ({reference: [indicators]}):
    a new one counts the activity's quantity and people, a listed one is kept as it is, one no
    longer listed is removed. Returns how many activities changed."""
    if not wanted:
        return 0
    activities = {
        a.reference: a
        for a in Activity.objects.filter(
            submission=submission, reference__in=wanted
        ).prefetch_related("counts")
    }
    changed = 0
    for reference, indicators in wanted.items():
        activity = activities.get(reference)
        if activity is None:
            continue
        existing = {c.indicator_id: c for c in activity.counts.all()}
        keep = {i.pk for i in indicators}
        removed = [c for pk, c in existing.items() if pk not in keep]
        added = [i for i in indicators if i.pk not in existing]
        for count in removed:
            count.delete()
        for indicator in added:
            ActivityCount.objects.create(
                activity=activity, indicator=indicator, quantity=activity.quantity
            )
        changed += bool(removed or added)
    return changed
