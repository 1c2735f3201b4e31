"""What a submission held when it was submitted or approved (a snapshot kept with the step), and
the differences between two snapshots in words: the field's label, and related records by
their names, never by id."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from core import formatting
from indicators.models import Indicator, LineOfAction
from places.models import Region

from .models import Activity, ActivityCount, IndicatorValue, LineNarrative

VALUE_FIELDS = [
    "women",
    "men",
    "total",
    "numerator",
    "denominator",
    "yes_no",
    "text",
    "no_data",
    "no_data_reason",
]
# "also": the further indicators an activity counts towards (ActivityCount), by code.
ACTIVITY_FIELDS = [
    "title",
    "line_id",
    "indicator_id",
    "start_date",
    "end_date",
    "modality",
    "region_id",
    "municipality",
    "municipalities",
    "participants_institution",
    "quantity",
    "women",
    "men",
    "total",
    "title_en",
    "also",
]
NUMBERS = {"municipalities", "quantity", "women", "men", "total"}
# Further parts of a submission kept in its snapshots, added by other apps (budgets) in their
# AppConfig.ready so that this module never imports them: (key, take(submission) -> JSON-able
# data, compare(before, after) -> [Change]).
EXTRA_SNAPSHOTS = []
# The related records an activity's snapshot keeps by id.
RELATED = {"line_id": LineOfAction, "indicator_id": Indicator, "region_id": Region}


def snapshot(submission):
    """What is being submitted, kept with the step so later submissions can be compared."""
    values = IndicatorValue.objects.filter(submission=submission).select_related("indicator")
    narratives = LineNarrative.objects.filter(submission=submission).select_related("line__goal")
    stored = [name for name in ACTIVITY_FIELDS if name != "also"]
    activities = Activity.objects.filter(submission=submission).values("pk", *stored)
    further = {}
    for activity_id, code in ActivityCount.objects.filter(
        activity__submission=submission
    ).values_list("activity_id", "indicator__code"):
        further.setdefault(activity_id, []).append(code)
    activities = [{**a, "also": ", ".join(sorted(further.get(a["pk"], [])))} for a in activities]
    return {
        "values": {v.indicator.code: {f: getattr(v, f) for f in VALUE_FIELDS} for v in values},
        "narratives": {n.line.code: n.text_es for n in narratives},
        "activities": {
            str(a.pop("pk")): {k: (str(v) if v is not None else None) for k, v in a.items()}
            for a in activities
        },
        **{key: take(submission) for key, take, _compare in EXTRA_SNAPSHOTS},
    }


@dataclass(frozen=True)
class Change:
    what: str
    field: str
    before: object
    after: object


def _label(model, name):
    if name == "also":
        return _("Also counts towards")
    field = model._meta.get_field(name.removesuffix("_id"))
    return str(field.verbose_name).capitalize()


def _plain(value):
    """A figure's field in words."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return formatting.number(value)
    return value


class _Words:
    """Values in words: related records named (one query per kind of record), choices by their
    labels, yes and no, numbers and dates in the language's format."""

    def __init__(self, activities):
        self.names = {}
        for key, model in RELATED.items():
            ids = {a.get(key) for snap in activities for a in snap.values()} - {None}
            queryset = model.objects.filter(pk__in=ids)
            if model is LineOfAction:
                queryset = queryset.select_related("goal")
            for obj in queryset:
                self.names[(key, str(obj.pk))] = (
                    f"{obj.code} {obj.text}" if model is not Region else obj.name
                )
        self.modalities = dict(Activity.Modality.choices)

    def __call__(self, field, value):
        if value is None or value == "":
            return None
        if field in RELATED:
            return self.names.get((field, str(value)), _("(deleted)"))
        if field == "modality":
            return self.modalities.get(value, value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if field in ("start_date", "end_date"):
            return formatting.day(date.fromisoformat(value))
        if field in NUMBERS:
            return formatting.number(int(value))
        return value


def changes_between(old, new):
    """The differences between two snapshots, for the working group's review and the public
    history of approved versions. A field that one of them did not record (an older snapshot)
    is not compared."""
    changes = []
    for code in sorted(set(old["values"]) | set(new["values"])):
        before, after = old["values"].get(code, {}), new["values"].get(code, {})
        for field in VALUE_FIELDS:
            if before.get(field) != after.get(field):
                changes.append(
                    Change(
                        _("Indicator %(code)s") % {"code": code},
                        _label(IndicatorValue, field),
                        _plain(before.get(field)),
                        _plain(after.get(field)),
                    )
                )
    for code in sorted(set(old["narratives"]) | set(new["narratives"])):
        if old["narratives"].get(code) != new["narratives"].get(code):
            changes.append(
                Change(
                    _("Narrative %(code)s") % {"code": code},
                    _("Text"),
                    old["narratives"].get(code),
                    new["narratives"].get(code),
                )
            )
    old_acts, new_acts = old["activities"], new["activities"]
    words = _Words([old_acts, new_acts])
    title = _label(Activity, "title")
    for pk in sorted(set(old_acts) | set(new_acts), key=int):
        before, after = old_acts.get(pk), new_acts.get(pk)
        if before is None:
            changes.append(Change(_("Activity added"), title, None, after["title"]))
        elif after is None:
            changes.append(Change(_("Activity removed"), title, before["title"], None))
        else:
            for field in ACTIVITY_FIELDS:
                if field in before and field in after and before[field] != after[field]:
                    changes.append(
                        Change(
                            _("Activity “%(title)s”") % {"title": after["title"]},
                            _label(Activity, field),
                            words(field, before[field]),
                            words(field, after[field]),
                        )
                    )
    for key, _take, compare in EXTRA_SNAPSHOTS:
        if key in old and key in new:  # an older snapshot did not record it
            changes += compare(old[key], new[key])
    return changes
