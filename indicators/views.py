from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agencies.access import can_manage_plans

from .models import Indicator, Plan, PlanRevision, Responsibility, Target
from .serializers import applied_revisions, plan_as_dict, revision_as_dict


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


def open_data(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def api_plan(request, code=None):
    """Open data: the whole plan, nested, in Spanish and English, with its revisions. Without a
    code, the plan of the request (the current one at /api/plan/)."""
    plan = get_object_or_404(Plan, code=code) if code else plan_or_404(request)
    plan = Plan.objects.with_structure().get(pk=plan.pk)
    data = plan_as_dict(plan)
    data["revisions"] = [revision_as_dict(revision) for revision in applied_revisions(plan)]
    return open_data(data)


@require_GET
def api_plans(request):
    """Open data: every plan, with its code, names, period, version and whether it is current."""
    current = Plan.objects.current()
    return open_data(
        {
            "plans": [
                {
                    "code": plan.code,
                    "name": {lang: getattr(plan, f"name_{lang}") for lang in ("es", "en")},
                    "short_name": {
                        lang: getattr(plan, f"short_name_{lang}") for lang in ("es", "en")
                    },
                    "country": plan.country.code,
                    "start_year": plan.start_year,
                    "end_year": plan.end_year,
                    "version": plan.version,
                    "revisions": plan.applied_revisions,
                    "current": current is not None and plan.pk == current.pk,
                    "url": request.build_absolute_uri(f"/api/plans/{plan.code}/"),
                }
                for plan in Plan.objects.select_related("country").annotate(
                    applied_revisions=Count(
                        "revisions", filter=Q(revisions__status=PlanRevision.Status.APPLIED)
                    )
                )
            ]
        }
    )
