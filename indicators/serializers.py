"""The plan as open data: plain dictionaries with every text in both languages."""

from .models import PlanRevision

LANGUAGES = ("es", "en")


def _bilingual(obj, field):
    return {lang: getattr(obj, f"{field}_{lang}") for lang in LANGUAGES}


def target_as_dict(target, indicator_code=None):
    return {
        "position": target.position,
        "indicator": indicator_code,
        "kind": target.kind,
        "value": None if target.value is None else float(target.value),
        "comparison": target.comparison,
        "counted": target.counted,
        "text": _bilingual(target, "text"),
        "source_note": _bilingual(target, "source_note"),
        "first_year": target.first_year,
        "last_year": target.last_year,
        "earlier_terms": [
            {
                "from_year": version.first_year,
                "kind": version.kind,
                "value": None if version.value is None else float(version.value),
                "comparison": version.comparison,
                "counted": version.counted,
            }
            for version in target.versions.all()
        ],
    }


def indicator_as_dict(indicator, line_numbers):
    return {
        "code": indicator.code,
        "line_of_action": line_numbers.get(indicator.line_id),
        "measure": indicator.measure,
        "text": _bilingual(indicator, "text"),
        "unit": _bilingual(indicator, "unit"),
        "institutions": [r.agency.code for r in indicator.responsibilities.all()],
        "source_note": _bilingual(indicator, "source_note"),
        "first_year": indicator.first_year,
        "last_year": indicator.last_year,
    }


def plan_as_dict(plan):
    """Expects a plan from `Plan.objects.with_structure()`, so no query runs per item."""
    areas = []
    for area in plan.areas.all():
        goals = []
        for goal in area.goals.all():
            lines = list(goal.lines.all())
            line_numbers = {line.pk: line.number for line in lines}
            codes = {ind.pk: ind.code for ind in goal.indicators.all()}
            goals.append(
                {
                    "number": goal.number,
                    "text": _bilingual(goal, "text"),
                    "source_note": _bilingual(goal, "source_note"),
                    "lines_of_action": [
                        {
                            "number": line.number,
                            "text": _bilingual(line, "text"),
                            "source_note": _bilingual(line, "source_note"),
                        }
                        for line in lines
                    ],
                    "activities": [
                        {
                            "numeral": activity.numeral,
                            "text": _bilingual(activity, "text"),
                            "source_note": _bilingual(activity, "source_note"),
                        }
                        for activity in goal.activities.all()
                    ],
                    "indicators": [
                        indicator_as_dict(indicator, line_numbers)
                        for indicator in goal.indicators.all()
                    ],
                    "targets": [
                        target_as_dict(target, codes.get(target.indicator_id))
                        for target in goal.targets.all()
                    ],
                }
            )
        areas.append(
            {
                "number": area.number,
                "name": _bilingual(area, "name"),
                "description": _bilingual(area, "description"),
                "goals": goals,
            }
        )
    return {
        "code": plan.code,
        "country": plan.country.code,
        "name": _bilingual(plan, "name"),
        "short_name": _bilingual(plan, "short_name"),
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "version": plan.version,
        "published_on": plan.published_on.isoformat() if plan.published_on else None,
        "source_note": _bilingual(plan, "source_note"),
        "areas": areas,
    }


def applied_revisions(plan):
    """The plan's applied revisions, newest first, with their changes (two queries)."""
    return list(
        PlanRevision.objects.for_plan(plan)
        .filter(status=PlanRevision.Status.APPLIED)
        .prefetch_related("changes__target__goal", "changes__indicator", "changes__goal")
        .order_by("-number")
    )


def change_as_dict(change):
    return {
        "kind": change.kind,
        "target": [change.target.goal.number, change.target.position] if change.target else None,
        "goal": change.goal.number if change.goal else None,
        "indicator": change.indicator.code if change.indicator else None,
        "before": change.before,
        "after": change.after,
    }


def revision_as_dict(revision):
    return {
        "number": revision.number,
        "from_year": revision.first_year,
        "reason": revision.reason,
        "applied_by": revision.applied_by,
        "applied_at": revision.applied_at.isoformat() if revision.applied_at else None,
        "changes": [change_as_dict(change) for change in revision.changes.all()],
    }
