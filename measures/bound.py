"""An indicator's measure together with what its target counts: what pages, exports, the API
and the report use to show an indicator's value."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from .registry import REGISTRY, Focus


def primary_terms(indicator, year=None):
    """The terms of the indicator's first target (in the plan's order) in force in `year`, or
    None for an indicator without target. Reads `indicator.targets.all()`, which the plan's
    structure prefetches."""
    targets = sorted(
        (t for t in indicator.targets.all() if year is None or t.in_force(year)),
        key=lambda t: t.position,
    )
    if not targets:
        return None
    return targets[0].terms(year) if year is not None else targets[0]


class IndicatorMeasure:
    def __init__(self, indicator, terms=None):
        self.indicator = indicator
        self.measure = REGISTRY[indicator.measure]
        self.focus = self.measure.focus(terms)

    @property
    def fields(self):
        """Every field an agency fills in for it."""
        return self.measure.entry_fields

    def combine(self, rows):
        return self.measure.combine(rows)

    def headline(self, combined):
        return self.measure.headline(combined, self.focus, self.indicator.unit)

    def compared(self, combined):
        """The number a target is compared with (the headline's), or None."""
        figure = self.headline(combined)
        return None if figure is None else figure.value

    def details(self, combined):
        return self.measure.details(combined, self.indicator.unit)

    def describe(self, combined):
        """The headline with what the whole value adds to it, as text: "355 people (women 256,
        men 99)", "39.1 % (9 of 23) · 23 people (women 9, men 14)"."""
        figure = self.headline(combined)
        if figure is None:
            return ""
        split = self.measure.split(combined)
        if figure.kind == "count" and figure.value == combined.total:
            return f"{figure.text()} ({split})" if split else figure.text()
        details = self.details(combined)
        return figure.text() if details == figure.text() else f"{figure.text()} · {details}"

    def describe_html(self, combined):
        """The same, with the headline's number strong."""
        figure = self.headline(combined)
        if figure is None:
            return ""
        split = self.measure.split(combined)
        if figure.kind == "count" and figure.value == combined.total:
            if not split:
                return figure.html()
            return format_html("{} ({})", figure.html(), split)
        details = self.details(combined)
        if details == figure.text():
            return figure.html()
        return format_html('{} <span class="small text-muted">· {}</span>', figure.html(), details)

    def is_answered(self, value):
        return self.measure.is_answered(value)

    def label(self):
        """What the headline counts, capitalised for a sentence or a column: "Women"."""
        labels = {
            Focus.WOMEN: _("Women"),
            Focus.MEN: _("Men"),
            Focus.SHARE_WOMEN: _("Share of women"),
            Focus.SHARE_MEN: _("Share of men"),
        }
        return labels.get(self.focus) or (self.indicator.unit or _("Figure")).capitalize()


def measure_of(indicator, year=None, terms=None):
    """The indicator's measure, with the focus its target (in force in `year`) gives it."""
    if terms is None:
        terms = primary_terms(indicator, year)
    return IndicatorMeasure(indicator, terms)
