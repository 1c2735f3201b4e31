from django.shortcuts import render
from django.views.decorators.http import require_GET

from civil.waiting import add_waiting
from reporting.waiting import waiting_for

from .access import capabilities
from .models import Agency


@require_GET
def home(request):
    plan = getattr(request, "plan", None) or None
    agencies = []
    if plan:
        agencies = list(
            Agency.objects.in_charge_of(plan)
            .order_by("kind", "code")
            .values_list("code", flat=True)
        )
    return render(
        request,
        "home.html",
        {
            "capabilities": capabilities(request.user),
            "plan": plan,
            "agencies": agencies,
            "waiting": add_waiting(waiting_for(request.user, plan), request.user, plan),
        },
    )
