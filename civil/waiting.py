"""What civil society's voice adds to the home page's "what waits for you": the working group's
assessments to moderate (one query), and an organisation's assessments hidden with a reason."""

from django.urls import reverse
from django.utils.translation import gettext as _

from reporting.waiting import Item, Waiting

from .access import can_moderate, organisation_of
from .models import ShadowAssessment


def _item(assessment, detail):
    return Item(
        _("Indicator %(code)s, %(year)s · %(organisation)s")
        % {
            "code": assessment.indicator.code,
            "year": assessment.year,
            "organisation": assessment.organisation,
        },
        reverse("civil:indicator", args=[assessment.indicator.code, assessment.year])
        + f"#assessment-{assessment.pk}",
        detail=detail[:140],
    )


def add_waiting(waiting, user, plan):
    """`waiting` (reporting.waiting.Waiting or None) with civil society's items added."""
    if plan is None or not user.is_authenticated:
        return waiting
    scoped = ShadowAssessment.objects.for_plan(plan).select_related("organisation", "indicator")
    if can_moderate(user):
        waiting = waiting if waiting is not None else Waiting()
        pending = scoped.pending().order_by("at", "pk")
        waiting.add(
            _("Civil society assessments to moderate"),
            [_item(a, a.justification or a.comment) for a in pending],
        )
        return waiting
    organisation = organisation_of(user)
    if organisation is not None:
        waiting = waiting if waiting is not None else Waiting()
        hidden = scoped.filter(
            organisation=organisation, state=ShadowAssessment.State.HIDDEN
        ).order_by("at", "pk")
        waiting.add(
            _("Your assessments hidden by the working group"),
            [_item(a, a.hidden_reason) for a in hidden],
        )
    return waiting
