"""How a plan read in each year, given its applied revisions.

The database holds the plan as it reads today: current texts, the current period, targets with
their latest terms (earlier terms in `TargetVersion`), indicators and targets with the years they
are in force. What a revision changed from a year on is in its `RevisionChange`s, with the value
before; `PlanVersions` reads them once (one query) and answers for any year, so that ratings,
pages and reports of an earlier year read the plan as it was then.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nap1325.i18n import active_language

from .models import PlanRevision, RevisionChange

Kind = RevisionChange.Kind


@dataclass(frozen=True)
class Period:
    start_year: int
    end_year: int

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)

    def __len__(self):
        return self.end_year - self.start_year + 1


class PlanVersions:
    def __init__(self, plan):
        self.plan = plan
        self.changes = list(
            RevisionChange.objects.filter(
                revision__plan=plan, revision__status=PlanRevision.Status.APPLIED
            )
            .select_related("revision")
            .order_by("revision__first_year", "revision__number", "pk")
        )

    # -- the period -------------------------------------------------------------------------

    def period(self, year):
        """The plan's period as it stood for `year`: an extension or a shortening applies
        from its first year; earlier years keep the period they were planned with."""
        periods = [c for c in self.changes if c.kind == Kind.PERIOD]
        if not periods:
            return Period(self.plan.start_year, self.plan.end_year)
        state = periods[0].before
        for change in periods:
            if change.revision.first_year <= year:
                state = change.after
        return Period(state["start_year"], state["end_year"])

    # -- texts ------------------------------------------------------------------------------

    def text(self, item, year):
        """An indicator's or a goal's wording as it read in `year`, in the active language."""
        kind = Kind.INDICATOR_TEXT if hasattr(item, "measure") else Kind.GOAL_TEXT
        field = "indicator_id" if kind == Kind.INDICATOR_TEXT else "goal_id"
        later = [
            c
            for c in self.changes
            if c.kind == kind and getattr(c, field) == item.pk and c.revision.first_year > year
        ]
        if not later:
            return item.text
        before = later[0].before
        return before.get(f"text_{active_language()}") or before.get("text_es") or item.text

    # -- which version --------------------------------------------------------------------------

    def revisions_in_force(self, year):
        return sorted({c.revision.number for c in self.changes if c.revision.first_year <= year})

    def label(self, year):
        """Which version of the plan a year was read with, in words, for reports and pages."""
        numbers = self.revisions_in_force(year)
        if not numbers:
            return _("Plan version %(version)s, as adopted.") % {"version": self.plan.version}
        return ngettext(
            "Plan version %(version)s, with revision %(revisions)s.",
            "Plan version %(version)s, with revisions %(revisions)s.",
            len(numbers),
        ) % {"version": self.plan.version, "revisions": ", ".join(str(n) for n in numbers)}
