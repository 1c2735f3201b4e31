"""Applying a revision of a plan: every change at once, under the plan's lock, or none.

Each change records what it replaced (`before`), so that earlier years keep reading the plan as
it was (`indicators.versions`). Nothing of an earlier year is rewritten: a revised target keeps
its earlier terms in a `TargetVersion`, an added indicator or target starts in the revision's
year, a retired one ends the year before.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from audit.fields import actor
from indicators.models import (
    Indicator,
    Plan,
    PlanRevision,
    Responsibility,
    RevisionChange,
    StrategicGoal,
    Target,
    TargetVersion,
)
from reporting.models import ReportingYear

Kind = RevisionChange.Kind
TERMS = ("kind", "value", "comparison", "counted")


def _terms(item):
    value = item.value
    return {
        "kind": item.kind,
        "value": None if value is None else str(value),
        "comparison": item.comparison,
        "counted": item.counted,
    }


def _decimal(text):
    return None if text in (None, "") else Decimal(str(text))


@transaction.atomic
def apply_revision(revision, by):
    """Apply a draft revision; raises ValidationError (in the user's language) and applies
    nothing if any change no longer makes sense."""
    plan = Plan.objects.select_for_update().get(pk=revision.plan_id)
    revision = PlanRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != PlanRevision.Status.DRAFT:
        raise ValidationError(_("This revision has already been applied."))
    changes = list(revision.changes.select_related("target", "indicator", "goal"))
    if not changes:
        raise ValidationError(_("Add at least one change before applying the revision."))
    year = revision.first_year
    for change in changes:
        APPLY[change.kind](plan, year, change)
        change.save(update_fields=["before", "after", "target", "indicator", "goal"])
    plan.refresh_from_db(fields=["start_year", "end_year"])
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            _("A revision applies from a year of the plan (%(start)s-%(end)s).")
            % {"start": plan.start_year, "end": plan.end_year}
        )
    last = PlanRevision.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0
    revision.number = last + 1
    revision.status = PlanRevision.Status.APPLIED
    revision.applied_by = actor(by)
    revision.applied_at = timezone.now()
    revision.save(update_fields=["number", "status", "applied_by", "applied_at"])
    return revision


def _target_terms(plan, year, change):
    target = Target.objects.select_for_update().get(pk=change.target_id)
    if not target.in_force(year):
        raise ValidationError(
            _("The target %(target)s is not in force in %(year)s.")
            % {"target": target, "year": year}
        )
    change.before = _terms(target.terms(year))
    versions = list(target.versions.all())
    if not versions:
        # The target's original terms, from its first year, before anything changes.
        TargetVersion.objects.create(
            target=target,
            first_year=target.first_year or plan.start_year,
            **{name: getattr(target, name) for name in TERMS},
        )
    after = change.after
    terms = {
        "kind": after["kind"],
        "value": _decimal(after.get("value")),
        "comparison": after.get("comparison") or Target.Comparison.AT_LEAST,
        "counted": after.get("counted") or Target.Counted.ALL,
    }
    TargetVersion.objects.update_or_create(target=target, first_year=year, defaults=terms)
    latest = target.versions.order_by("-first_year").first()
    for name in TERMS:
        setattr(target, name, getattr(latest, name))
    target.full_clean(validate_unique=False)
    target.save()


def _target_added(plan, year, change):
    after = change.after
    goal = plan.goals.get(pk=after["goal"])
    indicator = goal.indicators.get(pk=after["indicator"]) if after.get("indicator") else None
    position = (goal.targets.aggregate(n=Max("position"))["n"] or 0) + 1
    target = Target(
        goal=goal,
        indicator=indicator,
        position=position,
        kind=after["kind"],
        value=_decimal(after.get("value")),
        comparison=after.get("comparison") or Target.Comparison.AT_LEAST,
        counted=after.get("counted") or Target.Counted.ALL,
        text_es=after["text_es"],
        text_en=after.get("text_en", ""),
        first_year=year,
    )
    target.full_clean()
    target.save()
    change.target = target


def _target_retired(plan, year, change):
    target = Target.objects.select_for_update().get(pk=change.target_id)
    change.before = {"last_year": target.last_year}
    target.last_year = year - 1
    target.save(update_fields=["last_year"])
    change.after = {"last_year": target.last_year}


def _reword(model, field):
    def apply(plan, year, change):
        item = model.objects.select_for_update().get(pk=getattr(change, field))
        change.before = {"text_es": item.text_es, "text_en": item.text_en}
        item.text_es = change.after["text_es"]
        item.text_en = change.after.get("text_en") or item.text_en
        item.save(update_fields=["text_es", "text_en"])

    return apply


def _indicator_added(plan, year, change):
    after = change.after
    goal = plan.goals.get(pk=after["goal"])
    if plan.indicators.filter(code=after["code"]).exists():
        raise ValidationError(
            _("The plan already has an indicator %(code)s.") % {"code": after["code"]}
        )
    position = (goal.indicators.aggregate(n=Max("position"))["n"] or 0) + 1
    indicator = Indicator(
        goal=goal,
        line=goal.lines.filter(pk=after.get("line")).first() if after.get("line") else None,
        code=after["code"],
        position=position,
        text_es=after["text_es"],
        text_en=after.get("text_en", ""),
        measure=after["measure"],
        unit_es=after.get("unit_es", ""),
        unit_en=after.get("unit_en", ""),
        first_year=year,
    )
    indicator.plan = plan
    indicator.full_clean(exclude=["plan"])
    indicator.save()
    for position, code in enumerate(after.get("agencies", [])):
        Responsibility.objects.create(
            indicator=indicator, agency=Agency.objects.get(code=code), position=position
        )
    # An agency new to the plan gets its drafts of the open years (reporting.signals).
    change.indicator = indicator


def _indicator_retired(plan, year, change):
    indicator = Indicator.objects.select_for_update().get(pk=change.indicator_id)
    change.before = {"last_year": indicator.last_year}
    indicator.last_year = year - 1
    indicator.save(update_fields=["last_year"])
    change.after = {"last_year": indicator.last_year}


def _period(plan, year, change):
    change.before = {"start_year": plan.start_year, "end_year": plan.end_year}
    start, end = int(change.after["start_year"]), int(change.after["end_year"])
    opened = ReportingYear.objects.for_plan(plan).values_list("year", flat=True)
    outside = sorted(y for y in opened if not start <= y <= end)
    if end < start or outside:
        raise ValidationError(
            _("The period %(start)s-%(end)s would leave out years already opened: %(years)s.")
            % {"start": start, "end": end, "years": ", ".join(map(str, outside)) or "—"}
        )
    plan.start_year, plan.end_year = start, end
    plan.save(update_fields=["start_year", "end_year"])


APPLY = {
    Kind.TARGET_TERMS: _target_terms,
    Kind.TARGET_ADDED: _target_added,
    Kind.TARGET_RETIRED: _target_retired,
    Kind.INDICATOR_TEXT: _reword(Indicator, "indicator_id"),
    Kind.INDICATOR_ADDED: _indicator_added,
    Kind.INDICATOR_RETIRED: _indicator_retired,
    Kind.GOAL_TEXT: _reword(StrategicGoal, "goal_id"),
    Kind.PERIOD: _period,
}
