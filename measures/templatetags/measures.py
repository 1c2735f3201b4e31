"""Indicator values in templates, as their measure shows them: {{ figure|figure }} and
{% value_html value indicator %} (what an agency entered)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core import formatting
from measures.bound import measure_of
from measures.values import ValueRow

register = template.Library()


@register.filter
def figure(value):
    """A headline Figure as HTML ("<strong>46</strong> women"), or a dash for none."""
    if value is None:
        return formatting.DASH
    return value.html()


@register.simple_tag
def value_html(value, indicator):
    """One agency's entered value for an indicator: the headline, with what the whole value adds
    (the split by sex); an incomplete entry as entered."""
    measure = measure_of(indicator)
    combined = measure.combine([ValueRow.of(value)])
    headline = measure.headline(combined)
    if headline is None:
        entered = [
            (value._meta.get_field(name).verbose_name, getattr(value, name))
            for name in measure.fields
            if getattr(value, name) not in (None, "")
        ]
        if not entered:
            return formatting.DASH
        return format_html(
            '{} <span class="badge text-bg-warning">{}</span>',
            format_html_join(" · ", "{} {}", ((str(k).capitalize(), v) for k, v in entered)),
            _("incomplete"),
        )
    details = measure.details(combined)
    if details and details != headline.text():
        return format_html(
            '{} <span class="small text-muted">· {}</span>', headline.html(), details
        )
    return headline.html()
