from django import template

from ..middleware import plan_reverse, site_reverse

register = template.Library()


@register.simple_tag
def plan_url(plan, viewname, *args):
    """{% plan_url plan 'plan-browser' %}: a page of that plan, from any page."""
    return plan_reverse(plan, viewname, args=args)


@register.simple_tag
def site_url(viewname, *args):
    """{% site_url 'plan-list' %}: a page that belongs to no plan, from any plan's page."""
    return site_reverse(viewname, args=args)
