"""Numbers, percentages, money and dates in templates, through the one formatting layer
(`core.formatting`): {{ value|number }}, {{ share|percent }}, {{ amount|money:"MXN" }}."""

from django import template

from core import formatting

register = template.Library()


@register.filter
def number(value, digits=0):
    return formatting.number(value, int(digits))


@register.filter
def percent(value, digits=1):
    return formatting.percent(value, int(digits))


@register.filter
def money(value, currency="MXN"):
    return formatting.money(value, currency)


@register.filter
def day(value):
    return formatting.day(value)


@register.filter
def moment(value):
    return formatting.local_datetime(value) or formatting.DASH
