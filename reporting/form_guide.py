"""What the yearly form shows around its fields, so that a focal point needs no other document:
the indicators grouped by strategic goal with the progress of each group (the one completeness
rule, `rules.is_answered`), how each indicator is measured and what to enter, the plan's notes,
and the agency's last approved value."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from measures.bound import measure_of
from measures.registry import REGISTRY

from .models import IndicatorValue, Submission


@dataclass
class IndicatorGuide:
    measured: str  # the plan's "how it is measured": A count of people by sex (women, men)
    how: str  # what to enter, numerator and denominator included
    notes: list  # the plan's notes on the indicator and on its targets
    last_year: int | None = None
    last_value: str = ""


@dataclass
class GoalGroup:
    goal: object
    value_forms: list = field(default_factory=list)
    narrative_forms: list = field(default_factory=list)  # (line, form)
    commented: bool = False  # an indicator of the goal has an open comment on its figure

    @property
    def total(self):
        return len(self.value_forms)

    @property
    def answered(self):
        return sum(1 for form in self.value_forms if form.answered)

    @property
    def complete(self):
        return self.answered == self.total

    @property
    def blank_forms(self):
        """The indicators with nothing entered: what "nothing to report" marks."""
        return [form for form in self.value_forms if form.blank]

    @property
    def needs_attention(self):
        forms = [*self.value_forms, *(form for _line, form in self.narrative_forms)]
        return any(form.errors or getattr(form, "conflict", None) for form in forms)

    @property
    def open(self):
        """Folded once every indicator is answered, unless something in it needs a look."""
        return not self.complete or self.needs_attention or self.commented

    @property
    def prefixes(self):
        forms = [*self.value_forms, *(form for _line, form in self.narrative_forms)]
        return [form.prefix for form in forms]


def last_approved(submission, indicators):
    """indicator id -> (year, the value in words) of the agency's latest approved figure before
    this year, in one query, described by each indicator's measure."""
    by_pk = {indicator.pk: indicator for indicator in indicators}
    earlier = IndicatorValue.objects.filter(
        submission__agency=submission.agency_id,
        submission__status=Submission.Status.APPROVED,
        submission__reporting_year__plan=submission.reporting_year.plan_id,
        submission__reporting_year__year__lt=submission.reporting_year.year,
        indicator__in=list(by_pk),
    ).values_list("indicator", "submission__reporting_year__year", *ValueFields)
    latest = {}
    for indicator_id, year, *fields in earlier:
        if indicator_id not in latest or latest[indicator_id][0] < year:
            latest[indicator_id] = (year, dict(zip(ValueFields, fields, strict=True)))
    found = {}
    for indicator_id, (year, fields) in latest.items():
        indicator = by_pk[indicator_id]
        value = IndicatorValue(indicator=indicator, **fields)
        if value.no_data:
            text = _("No data: %(reason)s") % {"reason": value.no_data_reason}
        else:
            measure = measure_of(indicator, year)
            text = measure.describe(measure.combine([_Row(value)])) or ""
        found[indicator_id] = (year, text)
    return found


ValueFields = (
    "no_data",
    "no_data_reason",
    "women",
    "men",
    "total",
    "numerator",
    "denominator",
    "yes_no",
    "text",
)


class _Row:
    """An IndicatorValue as the measures combine it (they read `agency_code`)."""

    agency_code = ""

    def __init__(self, value):
        self._value = value

    def __getattr__(self, name):
        return getattr(self._value, name)


def guide_for(indicator, year, last=None):
    measure = REGISTRY[indicator.measure]
    notes = [indicator.source_note] if indicator.source_note else []
    for target in indicator.targets.all():
        if target.in_force(year) and target.source_note:
            notes.append(target.source_note)
    year_text = last or (None, "")
    return IndicatorGuide(
        measured=indicator.get_measure_display(),
        how=measure.how_to_answer(indicator.unit),
        notes=notes,
        last_year=year_text[0],
        last_value=year_text[1],
    )


def guided(form):
    """Attach each indicator's guide to its part of the form and group the parts by goal, in
    the plan's order; narratives go with the goal of their line of action."""
    submission = form.submission
    year = submission.reporting_year.year
    last = last_approved(submission, form.indicators)
    groups = {}
    for value_form in form.value_forms:
        indicator = value_form.indicator
        value_form.guide = guide_for(indicator, year, last.get(indicator.pk))
        groups.setdefault(indicator.goal_id, GoalGroup(indicator.goal)).value_forms.append(
            value_form
        )
    for line, narrative_form in form.narrative_forms:
        group = groups.get(line.goal_id)
        if group is not None:
            group.narrative_forms.append((line, narrative_form))
    return sorted(groups.values(), key=lambda group: group.goal.number)
