"""Which plan a request is about.

The current plan keeps today's short addresses (/plan/, /reporting/2023/); every plan, past or
next, is also reachable under its code (/plans/MX-PNA1325-2021/reporting/2022/). For a prefixed
address, the prefix is taken off before the address is resolved and becomes the script prefix
for the rest of the request, so that every link the pages build with `reverse()` or `{% url %}`
stays within that plan, with no change to views or templates.
"""

import re

from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils.functional import SimpleLazyObject

from .models import Plan
from .models.base import URL_CODE

PREFIX = re.compile(rf"^/plans/(?P<code>{URL_CODE})(?=/)")


class PlanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = PREFIX.match(request.path_info)
        if match is None:
            request.plan = SimpleLazyObject(_current)
            request.plan_in_path = False
            return self.get_response(request)
        plan = Plan.objects.filter(code=match["code"]).first()
        if plan is None:
            from core.errors import page_not_found

            return page_not_found(request)
        request.plan = plan
        request.plan_in_path = True
        request.path_info = request.path_info[match.end() :]
        outer = get_script_prefix()
        set_script_prefix(f"{outer}plans/{plan.code}/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(outer)


def _current():
    return Plan.objects.current()


def plan_reverse(plan, viewname, args=None, kwargs=None):
    """The address of a page of `plan`, wherever the request is: the short address for the
    current plan, /plans/<code>/... for any other."""
    prefix = get_script_prefix()
    base = prefix[: prefix.find("plans/")] if "/plans/" in f"/{prefix}" else prefix
    if plan.pk == getattr(Plan.objects.current(), "pk", None):
        target = base
    else:
        target = f"{base}plans/{plan.code}/"
    set_script_prefix(target)
    try:
        return reverse(viewname, args=args, kwargs=kwargs)
    finally:
        set_script_prefix(prefix)
