from django import template

from ..middleware import plan_reverse

register = template.Library()


@register.simple_tag
def plan_url(plan, viewname, *args):
    """{% plan_url plan 'plan-browser' %}: a page of that plan, from any page."""
    return plan_reverse(plan, viewname, args=args)
