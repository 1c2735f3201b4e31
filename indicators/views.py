from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agencies.access import can_manage_plans

from .models import Indicator, Plan, Responsibility, Target
from .serializers import applied_revisions


def plan_or_404(request):
    """The plan the request is about (indicators.middleware): the one in the address, else the
    current plan; a 404 until a plan has been loaded."""
    plan = getattr(request, "plan", None)
    if plan is None or not plan:
        raise Http404("No plan has been loaded.")
    return plan


@require_GET
def plan_browser(request):
    """Public: the plan is a published document, with the history of its revisions."""
    plan = Plan.objects.with_structure().get(pk=plan_or_404(request).pk)
    return render(
        request,
        "indicators/plan_browser.html",
        {"plan": plan, "revisions": applied_revisions(plan)},
    )


@require_GET
def plan_list(request):
    """Every plan in the database, the current one first: past plans stay readable."""
    return render(
        request,
        "indicators/plan_list.html",
        {
            "plans": Plan.objects.select_related("country"),
            "can_manage": can_manage_plans(request.user),
        },
    )


@require_GET
def indicator_detail(request, code):
    plan = plan_or_404(request)
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal__area", "line").prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("agency").order_by("position"),
            ),
            Prefetch(
                "targets", queryset=Target.objects.order_by("position").prefetch_related("versions")
            ),
            "goal__activities",
        ),
        plan=plan,
        code=code,
    )
    goal_wide_targets = Target.objects.filter(goal=indicator.goal, indicator__isnull=True)
    return render(
        request,
        "indicators/indicator_detail.html",
        {"plan": plan, "indicator": indicator, "goal_wide_targets": goal_wide_targets},
    )
