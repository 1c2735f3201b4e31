"""One definition per way of measuring an indicator (Annex 3's "how it is measured").

Each measure says, in one class:

- which fields an agency fills in and what makes them consistent (`answer_fields`, `clean`);
- when an indicator counts as answered, in Python and in SQL (`is_answered`, `answered_q`);
- how agencies' figures combine (`combine`);
- which number stands for the value (`headline`), given what the target counts: for an
  indicator of people whose target counts women, the women; for a share threshold on people
  by sex, the share of women;
- the full value in words (`details`), and how it compares with the activities behind it.

Forms, rules, progress, dashboards, exports, the API and the report ask `measure_of(indicator)`;
nothing else branches on the kind of measure.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formatting
from indicators.models import Indicator, Target

from .figures import Figure, Kind
from .values import Combined

Counted = Target.Counted


def _sum(numbers):
    numbers = [n for n in numbers if n is not None]
    return sum(numbers) if numbers else None


def _agency_code(row):
    """ValueRows carry the agency's code; IndicatorValues reach it through their submission."""
    code = getattr(row, "agency_code", None)
    return code if code is not None else row.submission.agency.code


def _agencies(rows):
    return tuple(sorted(_agency_code(row) for row in rows))


def people(count):
    return ngettext("%(count)s person", "%(count)s people", count or 0) % {
        "count": formatting.number(count)
    }


class Focus:
    """What the headline figure of a value is, given what the indicator's target counts."""

    ALL = "all"
    WOMEN = "women"
    MEN = "men"
    SHARE_WOMEN = "share_women"
    SHARE_MEN = "share_men"


class Measure:
    key = ""
    # What must be given for a figure (completeness), and every field the form offers.
    answer_fields = ()

    @property
    def entry_fields(self):
        return self.answer_fields

    def clean(self, cleaned, add_error):
        """Cross-field rules of a figure as entered (the form and the import). May complete
        `cleaned` with what follows from it."""

    def is_answered(self, value):
        """An answer that counts for completeness: "no data" with its reason, or the figure."""
        return bool(value.no_data) or self._has_figure(value)

    def _has_figure(self, value):
        return all(getattr(value, name) is not None for name in self.answer_fields)

    def answered_q(self, prefix=""):
        """The same rule as `is_answered`, as a filter on IndicatorValue (`prefix` from a
        related model, e.g. "values__")."""
        return Q(**{f"{prefix}no_data": True}) | Q(
            **{f"{prefix}{name}__isnull": False for name in self.answer_fields}
        )

    def combine(self, rows):
        """Combine agencies' rows (IndicatorValues or ValueRows with `agency_code`); rows marked
        "no data" are left out."""
        rows = [r for r in rows if not r.no_data]
        return Combined(_agencies(rows), total=_sum(r.total for r in rows))

    def focus(self, terms):
        return Focus.ALL

    def entry_labels(self, unit):
        """Labels of the form's fields that differ from the model's ("Networks" for a count)."""
        return {}

    def how_to_answer(self, unit=""):
        """What the agency enters for this measure, in a sentence for the form."""
        return _("Enter the figure.")

    def headline(self, combined, focus=Focus.ALL, unit=""):
        """The figure that stands for the value, or None when nothing was reported."""
        if combined is None or combined.total is None:
            return None
        return Figure(Kind.COUNT, combined.total, unit)

    def details(self, combined, unit=""):
        """The whole value in words: the headline, and for people, the split by sex."""
        figure = self.headline(combined, Focus.ALL, unit)
        return figure.text() if figure else formatting.DASH

    def split(self, combined):
        """What the whole value adds to its total ("women 256, men 99"), or nothing."""
        return ""

    def activities_mismatch(self, figure, totals):
        """A sentence saying how a figure differs from the activities counted towards it, or
        None when it agrees (or when this measure has no sum of activities to agree with)."""
        return None

    def activities_summary(self, totals):
        return ""


class CountMeasure(Measure):
    key = Indicator.Measure.COUNT
    answer_fields = ("total",)

    def entry_labels(self, unit):
        # The one number is named by what it counts.
        return {"total": unit.capitalize() or _("Number")}

    def how_to_answer(self, unit=""):
        if unit:
            return _("One whole number: the %(unit)s of the year.") % {"unit": unit}
        return _("One whole number for the year.")

    def activities_mismatch(self, figure, totals):
        if not _has_activities(totals) or figure.get("total") is None:
            return None
        if figure["total"] != totals.quantity:
            return _(
                "The figure (%(figure)s) does not match the %(records)s activities counted "
                "towards this indicator, which add up to %(sum)s."
            ) % {
                "figure": formatting.number(figure["total"]),
                "records": formatting.number(totals.records),
                "sum": formatting.number(totals.quantity),
            }
        return None

    def activities_summary(self, totals):
        return formatting.number(totals.quantity)


class PeopleBySexMeasure(Measure):
    """People counted as women and men. The total is what must be given (some sources give
    only a total); women and men, where given, must add up to it."""

    key = Indicator.Measure.PEOPLE_BY_SEX
    answer_fields = ("total",)
    entry_fields = ("women", "men", "total")

    def how_to_answer(self, unit=""):
        return _(
            "People counted: women and men (the total is computed when you leave it empty). If "
            "the source gives only a total, enter the total alone."
        )

    def clean(self, cleaned, add_error):
        women, men, total = cleaned.get("women"), cleaned.get("men"), cleaned.get("total")
        if women is not None and men is not None:
            if total is None:
                cleaned["total"] = women + men
            elif women + men != total:
                add_error(
                    "total",
                    _("Women (%(women)s) plus men (%(men)s) make %(sum)s, not %(total)s.")
                    % {
                        "women": formatting.number(women),
                        "men": formatting.number(men),
                        "sum": formatting.number(women + men),
                        "total": formatting.number(total),
                    },
                )
        elif total is not None and (women is None) != (men is None):
            # One of the two and the total: the other follows.
            known = women if women is not None else men
            if known > total:
                add_error(
                    "total",
                    _("The total (%(total)s) cannot be smaller than %(part)s.")
                    % {"total": formatting.number(total), "part": formatting.number(known)},
                )
            else:
                cleaned["men" if men is None else "women"] = total - known
        elif total is None and (women is not None or men is not None):
            add_error(
                "total",
                _("Give the women and the men, or the total."),
            )

    def combine(self, rows):
        rows = [r for r in rows if not r.no_data and r.total is not None]
        split = [r for r in rows if r.women is not None and r.men is not None]
        return Combined(
            _agencies(rows),
            women=_sum(r.women for r in split),
            men=_sum(r.men for r in split),
            total=_sum(r.total for r in rows),
            unsplit=sum(r.total for r in rows if r.women is None or r.men is None),
        )

    def focus(self, terms):
        if terms is None:
            return Focus.ALL
        threshold = terms.kind == Target.Kind.SHARE_THRESHOLD
        if terms.counted == Counted.WOMEN:
            return Focus.SHARE_WOMEN if threshold else Focus.WOMEN
        if terms.counted == Counted.MEN:
            return Focus.SHARE_MEN if threshold else Focus.MEN
        return Focus.ALL

    def _unsplit_note(self, combined):
        if not combined.unsplit:
            return ""
        return _("%(people)s without a split by sex") % {"people": people(combined.unsplit)}

    def headline(self, combined, focus=Focus.ALL, unit=""):
        if combined is None or combined.total is None:
            return None
        if focus == Focus.ALL:
            return Figure(Kind.COUNT, combined.total, unit or _("people"))
        if combined.women is None:
            return None  # nobody gave the split by sex: no figure of women or men
        note = self._unsplit_note(combined)
        if focus in (Focus.WOMEN, Focus.MEN):
            count = combined.women if focus == Focus.WOMEN else combined.men
            if focus == Focus.WOMEN:
                unit = ngettext("woman", "women", count)
            else:
                unit = ngettext("man", "men", count)
            return Figure(Kind.COUNT, count, unit, note=note, agrees=True)
        part = combined.women if focus == Focus.SHARE_WOMEN else combined.men
        whole = combined.women + combined.men
        if not whole:
            return None
        return Figure(
            Kind.SHARE,
            formatting.share_of(part, whole),
            numerator=part,
            denominator=whole,
            note=note,
        )

    def split(self, combined):
        if combined is None or combined.total is None:
            return ""
        if combined.women is None:
            return _("without a split by sex")
        split = _("women %(women)s, men %(men)s") % {
            "women": formatting.number(combined.women),
            "men": formatting.number(combined.men),
        }
        if combined.unsplit:
            split += "; " + self._unsplit_note(combined)
        return split

    def details(self, combined, unit=""):
        if combined is None or combined.total is None:
            return formatting.DASH
        total = f"{formatting.number(combined.total)} {unit or _('people')}".strip()
        return f"{total} ({self.split(combined)})"

    def activities_mismatch(self, figure, totals):
        if not _has_activities(totals) or figure.get("total") is None:
            return None
        stated = (figure.get("women"), figure.get("men"), figure["total"])
        summed = (totals.women, totals.men, totals.total)
        # A figure without a split (only a total) is compared on its total alone.
        if any(a is not None and a != b for a, b in zip(stated, summed, strict=True)):
            return _(
                "The figures (women %(w)s, men %(m)s, total %(t)s) do not match the "
                "%(records)s activities counted towards this indicator (women %(aw)s, "
                "men %(am)s, total %(at)s)."
            ) % {
                "w": formatting.number(stated[0]),
                "m": formatting.number(stated[1]),
                "t": formatting.number(stated[2]),
                "records": formatting.number(totals.records),
                "aw": formatting.number(totals.women),
                "am": formatting.number(totals.men),
                "at": formatting.number(totals.total),
            }
        return None

    def activities_summary(self, totals):
        return _("women %(women)s, men %(men)s, total %(total)s") % {
            "women": formatting.number(totals.women),
            "men": formatting.number(totals.men),
            "total": formatting.number(totals.total),
        }


class ShareMeasure(Measure):
    """A share from a numerator and a denominator. Agencies' shares are never averaged: the
    numerators and the denominators are summed and the share recomputed."""

    key = Indicator.Measure.SHARE
    answer_fields = ("numerator", "denominator")

    def how_to_answer(self, unit=""):
        part = unit or _("those the indicator counts")
        return _(
            "Numerator: %(part)s. Denominator: the whole they are part of. The share is "
            "computed from both; it is never typed."
        ) % {"part": part}

    def clean(self, cleaned, add_error):
        numerator, denominator = cleaned.get("numerator"), cleaned.get("denominator")
        if numerator is not None and denominator is not None and numerator > denominator:
            add_error(
                "numerator",
                _("The numerator (%(n)s) cannot be larger than the denominator (%(d)s).")
                % {"n": formatting.number(numerator), "d": formatting.number(denominator)},
            )
        if (numerator is None) != (denominator is None):
            add_error(
                "denominator" if denominator is None else "numerator",
                _("A share needs both the numerator and the denominator."),
            )

    def combine(self, rows):
        rows = [r for r in rows if not r.no_data and r.denominator is not None]
        return Combined(
            _agencies(rows),
            numerator=_sum(r.numerator for r in rows),
            denominator=_sum(r.denominator for r in rows),
        )

    def headline(self, combined, focus=Focus.ALL, unit=""):
        if combined is None or combined.share is None:
            return None
        return Figure(
            Kind.SHARE,
            combined.share,
            numerator=combined.numerator,
            denominator=combined.denominator,
        )


class YesNoMeasure(Measure):
    key = Indicator.Measure.YES_NO
    answer_fields = ("yes_no",)

    def how_to_answer(self, unit=""):
        return _("Yes or no: whether it was done this year.")

    def combine(self, rows):
        rows = [r for r in rows if not r.no_data and r.yes_no is not None]
        answers = [r.yes_no for r in rows]
        return Combined(_agencies(rows), yes=any(answers) if answers else None)

    def headline(self, combined, focus=Focus.ALL, unit=""):
        if combined is None or combined.yes is None:
            return None
        return Figure(Kind.YES_NO, combined.yes)


class TextMeasure(Measure):
    key = Indicator.Measure.QUALITATIVE
    answer_fields = ("text",)

    def how_to_answer(self, unit=""):
        return _("A few lines on what was done this year.")

    def _has_figure(self, value):
        return bool((value.text or "").strip())

    def answered_q(self, prefix=""):
        return Q(**{f"{prefix}no_data": True}) | (
            Q(**{f"{prefix}text__isnull": False}) & ~Q(**{f"{prefix}text": ""})
        )

    def combine(self, rows):
        rows = [r for r in rows if not r.no_data and (r.text or "").strip()]
        return Combined(_agencies(rows), texts=tuple(r.text for r in rows))

    def headline(self, combined, focus=Focus.ALL, unit=""):
        if combined is None or not combined.texts:
            return None
        return Figure(Kind.TEXT, " / ".join(combined.texts))


def _has_activities(totals):
    return totals is not None and totals.records > 0


REGISTRY = {
    measure.key: measure
    for measure in (
        CountMeasure(),
        PeopleBySexMeasure(),
        ShareMeasure(),
        YesNoMeasure(),
        TextMeasure(),
    )
}


def answered_q(prefix=""):
    """Answered, whatever the indicator's measure: for a query over several indicators."""
    conditions = [
        Q(**{f"{prefix}indicator__measure": key}) & measure.answered_q(prefix)
        for key, measure in REGISTRY.items()
    ]
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined
