"""The change history of a submission: who changed which figure, narrative, activity or piece of
evidence, when, and from what to what. Read from django-simple-history's tables in a fixed number
of queries (one or two per kind of record), however long the history."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from core import formatting
from indicators.models import Indicator, LineOfAction

from .models import Activity, Evidence, FigureComment, IndicatorValue, LineNarrative

IGNORED = {
    "id",
    "submission",
    "version",
    "history_id",
    "history_date",
    "history_type",
    "history_user",
    "history_user_id",
    "history_change_reason",
}


# Further records of a submission whose changes the history lists, added by other apps (budgets)
# in their AppConfig.ready so that this module never imports them: (model with simple_history
# and a `submission` field, its kind as a lazy text, label_maker(plan) -> function(record)).
EXTRA_HISTORY = []


@dataclass
class ChangeRow:
    when: datetime
    who: str  # the user name kept with the change
    kind: str
    label: str
    action: str
    fields: list  # (field label, before, after)


def _label_maker(model, plan):
    for extra, _kind, maker in EXTRA_HISTORY:
        if model is extra:
            return maker(plan)
    if model is IndicatorValue:
        codes = dict(Indicator.objects.for_plan(plan).values_list("pk", "code"))
        return lambda record: _("Indicator %(code)s") % {"code": codes.get(record.indicator_id)}
    if model is LineNarrative:
        lines = {
            line.pk: line.code
            for line in LineOfAction.objects.for_plan(plan).select_related("goal")
        }
        return lambda record: _("Narrative %(code)s") % {"code": lines.get(record.line_id)}
    if model is Activity:
        return lambda record: _("Activity “%(title)s”") % {"title": record.title}
    return lambda record: _("Evidence “%(title)s”") % {"title": record.description}


def _tracked_fields(model):
    return [f for f in model._meta.fields if f.name not in IGNORED]


def _name(obj):
    """How a related record is named in the history: an indicator by its code and text, a line
    of action by its code, a region or a sub-unit by its name."""
    if isinstance(obj, Indicator):
        return f"{obj.code} {obj.text}"
    if isinstance(obj, LineOfAction):
        return _("line of action %(code)s") % {"code": obj.code}
    return str(obj)


def _related_names(fields, records):
    """(related model, pk) -> name, for every related record the history mentions: one query
    per related model, however long the history."""
    names = {}
    for field in fields:
        if not field.is_relation:
            continue
        ids = {getattr(r, field.attname) for r in records} - {None}
        model = field.related_model
        queryset = model.objects.filter(pk__in=ids)
        if model is LineOfAction:
            queryset = queryset.select_related("goal")
        names.update({(model, obj.pk): _name(obj) for obj in queryset})
    return names


def _display(field, value, names):
    if value is None or value == "":
        return "—"
    if field.is_relation:
        return names.get((field.related_model, value), _("(deleted)"))
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return formatting.number(value)
    if isinstance(value, Decimal):
        return formatting.number(value, 2)
    if isinstance(value, date):
        return formatting.day(value)
    return value


def recent_changes(submission, limit=200):
    rows = []
    for model, kind in (
        (IndicatorValue, _("Figure")),
        (LineNarrative, _("Narrative")),
        (Activity, _("Activity")),
        (Evidence, _("Evidence")),
        *[(model, str(kind)) for model, kind, _maker in EXTRA_HISTORY],
    ):
        history = model.history.model
        latest = list(
            history.objects.filter(submission_id=submission.pk).order_by(
                "-history_date", "-history_id"
            )[:limit]
        )
        if not latest:
            continue
        # Each change is compared with the record's previous version: one query for all of them.
        ids = {record.id for record in latest}
        oldest = min(record.history_date for record in latest)
        earlier = {}
        for record in history.objects.filter(id__in=ids, history_date__lt=oldest).order_by(
            "id", "-history_date", "-history_id"
        ):
            earlier.setdefault(record.id, record)
        label = _label_maker(model, submission.reporting_year.plan_id)
        fields = _tracked_fields(model)
        names = _related_names(fields, [*latest, *earlier.values()])
        chain = sorted(latest, key=lambda r: (r.history_date, r.history_id))
        previous = dict(earlier)
        for record in chain:
            before = previous.get(record.id)
            if record.history_type == "+":
                action = _("created")
                changed = [
                    (f.verbose_name, "—", _display(f, getattr(record, f.attname), names))
                    for f in fields
                    if getattr(record, f.attname) not in (None, "", False)
                ]
            elif record.history_type == "-":
                action = _("deleted")
                changed = []
            else:
                action = _("changed")
                changed = [
                    (
                        f.verbose_name,
                        _display(f, getattr(before, f.attname), names) if before else "?",
                        _display(f, getattr(record, f.attname), names),
                    )
                    for f in fields
                    if before is None or getattr(before, f.attname) != getattr(record, f.attname)
                ]
                if not changed:
                    previous[record.id] = record
                    continue
            rows.append(
                ChangeRow(
                    record.history_date,
                    record.history_user_id,
                    kind,
                    label(record),
                    action,
                    changed,
                )
            )
            previous[record.id] = record
    rows += _comment_rows(submission, limit)
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]


def _comment_rows(submission, limit):
    """The comments on figures, and their resolution, as steps of the history (one query)."""
    rows = []
    comments = (
        FigureComment.objects.filter(submission=submission)
        .select_related("indicator")
        .order_by("-at", "-pk")[:limit]
    )
    kind = _("Comment on a figure")
    for comment in comments:
        label = _("Indicator %(code)s") % {"code": comment.indicator.code}
        rows.append(
            ChangeRow(
                comment.at,
                comment.by,
                kind,
                label,
                _("commented"),
                [(_("Comment"), formatting.DASH, comment.text)],
            )
        )
        if comment.resolved_at is not None:
            rows.append(
                ChangeRow(
                    comment.resolved_at,
                    comment.resolved_by,
                    kind,
                    label,
                    _("resolved"),
                    [(_("Comment"), comment.text[:120], _("resolved"))],
                )
            )
    return rows


@dataclass
class ApprovedVersion:
    number: int
    approved_at: datetime
    approved_by: str
    changes: list | None  # Change rows against the previous approved version; None for the first
    reopened_at: datetime | None  # when it was reopened for a correction, if it was


def approved_versions(submission):
    """The approved versions of a submission, newest first, each with what changed since the
    previous approval: the history the public may read (one query)."""
    from .snapshots import changes_between

    events = list(
        submission.events.filter(action__in=["approved", "reopened"]).order_by("at", "pk")
    )
    versions, previous = [], None
    for event in events:
        if event.action == "reopened":
            if versions:
                versions[-1].reopened_at = event.at
            continue
        changes = None
        if previous is not None and event.snapshot is not None:
            changes = changes_between(previous, event.snapshot)
        versions.append(ApprovedVersion(len(versions) + 1, event.at, event.by, changes, None))
        previous = event.snapshot
    return list(reversed(versions))
