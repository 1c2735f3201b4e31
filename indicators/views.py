from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Indicator, Plan, Responsibility, Target
from .serializers import plan_as_dict


def current_plan_or_404(queryset=None):
    """The plan in force, for views: a 404 until a plan has been loaded."""
    if queryset is None:
        queryset = Plan.objects.all()
    plan = queryset.current()
    if plan is None:
        raise Http404("No plan has been loaded.")
    return plan


@require_GET
def plan_browser(request):
    """Public: the plan is a published document."""
    plan = current_plan_or_404(Plan.objects.with_structure())
    return render(request, "indicators/plan_browser.html", {"plan": plan})


@require_GET
def indicator_detail(request, code):
    plan = current_plan_or_404()
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal__area", "line").prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("agency").order_by("position"),
            ),
            Prefetch("targets", queryset=Target.objects.order_by("position")),
            "goal__activities",
        ),
        goal__area__plan=plan,
        code=code,
    )
    goal_wide_targets = Target.objects.filter(goal=indicator.goal, indicator__isnull=True)
    return render(
        request,
        "indicators/indicator_detail.html",
        {"plan": plan, "indicator": indicator, "goal_wide_targets": goal_wide_targets},
    )


@require_GET
def api_plan(request):
    """Open data: the whole plan, nested, in Spanish and English."""
    plan = current_plan_or_404(Plan.objects.with_structure())
    response = JsonResponse(plan_as_dict(plan), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
