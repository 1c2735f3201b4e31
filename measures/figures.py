"""A figure: the one number that stands for an indicator's value, with what it counts, and the
ways it is written (a page, a sentence, a spreadsheet cell, a chart, the API)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import formatting


class Kind:
    COUNT = "count"
    SHARE = "share"
    YES_NO = "yes_no"
    TEXT = "text"


@dataclass(frozen=True)
class Figure:
    """ "46 women", "39.1 % (9 of 23)", "630 networks", "Yes".

    `unit` says what is counted, already in the active language; `note` says what the number
    leaves out (people counted without a split by sex)."""

    kind: str
    value: object
    unit: str = ""
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    # Whether `unit` agrees with the number (chosen with ngettext). A plan's own unit is a
    # plural ("courses"): with 1 it is written as a label, "Courses: 1", never "1 courses".
    agrees: bool = False

    @property
    def _unit_as_label(self):
        return self.unit and not self.agrees and self.value == 1

    def short(self):
        """The number alone, as a table cell shows it: 46 · 39.1 % · Yes."""
        if self.kind == Kind.COUNT:
            return formatting.number(self.value)
        if self.kind == Kind.SHARE:
            return formatting.percent(self.value)
        if self.kind == Kind.YES_NO:
            return _("Yes") if self.value else _("No")
        return str(self.value)

    def text(self):
        """The number with what it counts, as a sentence writes it: 46 women · 39.1 % (9 of 23)."""
        if self.kind == Kind.SHARE:
            text = _("%(share)s (%(part)s of %(whole)s)") % {
                "share": self.short(),
                "part": formatting.number(self.numerator),
                "whole": formatting.number(self.denominator),
            }
        elif self.kind == Kind.COUNT and self._unit_as_label:
            text = f"{self.unit.capitalize()}: {self.short()}"
        elif self.kind == Kind.COUNT and self.unit:
            text = f"{self.short()} {self.unit}"
        else:
            text = self.short()
        return f"{text} ({self.note})" if self.note else text

    def html(self):
        """The number strong, what it counts after it."""
        if self.kind == Kind.SHARE:
            detail = _("%(part)s of %(whole)s") % {
                "part": formatting.number(self.numerator),
                "whole": formatting.number(self.denominator),
            }
            html = format_html("<strong>{}</strong> ({})", self.short(), detail)
        elif self._unit_as_label:
            html = format_html("{}: <strong>{}</strong>", self.unit.capitalize(), self.short())
        elif self.unit:
            html = format_html("<strong>{}</strong> {}", self.short(), self.unit)
        else:
            html = format_html("<strong>{}</strong>", self.short())
        if self.note:
            html = format_html('{} <span class="small text-muted">({})</span>', html, self.note)
        return html

    def cell(self):
        """What a spreadsheet cell holds: a number stays a number (a share as a percentage with
        one decimal), words are words."""
        if self.kind == Kind.COUNT:
            return self.value
        if self.kind == Kind.SHARE:
            return formatting._rounded(self.value, 1)
        return self.short()

    def chart(self):
        """The number drawn in a chart, or None for a figure that is not a number."""
        if self.kind in (Kind.COUNT, Kind.SHARE) and self.value is not None:
            return float(self.value) if isinstance(self.value, Decimal) else self.value
        return None

    def __str__(self):
        return self.text()
