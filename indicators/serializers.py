"""The plan as open data: plain dictionaries with every text in both languages."""

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
        "name": _bilingual(plan, "name"),
        "short_name": _bilingual(plan, "short_name"),
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "version": plan.version,
        "published_on": plan.published_on.isoformat() if plan.published_on else None,
        "source_note": _bilingual(plan, "source_note"),
        "areas": areas,
    }
