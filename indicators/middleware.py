"""Which plan a request is about.

The current plan keeps today's short addresses (/plan/, /reporting/2023/); every plan, past or
next, is also reachable under its code (/plans/MX-PNA1325-2021/reporting/2022/). For a prefixed
address, the prefix is taken off before the address is resolved and becomes the script prefix
for the rest of the request, so that every link the pages build with `reverse()` or `{% url %}`
stays within that plan, with no change to views or templates.
"""

import re
from contextvars import ContextVar

from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils.functional import SimpleLazyObject

from .models import Plan
from .models.base import URL_CODE

PREFIX = re.compile(rf"^/plans/(?P<code>{URL_CODE})(?=/)")
# The site's own script prefix while a request is within a plan's prefix.
_site_prefix = ContextVar("site_prefix", default=None)


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
        token = _site_prefix.set(outer)
        set_script_prefix(f"{outer}plans/{plan.code}/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(outer)
            _site_prefix.reset(token)


def _current():
    return Plan.objects.current()


def site_prefix():
    """The script prefix of the site itself, outside any plan's prefix."""
    return _site_prefix.get() or get_script_prefix()


def _reverse_under(prefix, viewname, args=None, kwargs=None):
    current = get_script_prefix()
    set_script_prefix(prefix)
    try:
        return reverse(viewname, args=args, kwargs=kwargs)
    finally:
        set_script_prefix(current)


def site_reverse(viewname, args=None, kwargs=None):
    """The address of a page that belongs to no plan (the plans, sign-in), from any page."""
    return _reverse_under(site_prefix(), viewname, args, kwargs)


def plan_reverse(plan, viewname, args=None, kwargs=None):
    """The address of a page of `plan`, wherever the request is: the short address for the
    current plan, /plans/<code>/... for any other."""
    base = site_prefix()
    if not plan.is_current:
        base = f"{base}plans/{plan.code}/"
    return _reverse_under(base, viewname, args, kwargs)
