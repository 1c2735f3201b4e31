"""How values are written for people, in one place: numbers, percentages, money, dates and
times, in the active language's formats.

Spanish is written as in Mexico (Django's es_MX formats, installed for "es" by
`nap1325/formats/es/formats.py`): 1,874 and 39.1 %, 22/11/2026. English: 1,874 and 39.1%.
Pages (through the `formatting` template filters), sentences, chart labels and the DOCX/PDF
report all call these functions; CSV and XLSX keep numbers as numbers and only their headers
are words.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone
from django.utils.translation import get_language

DASH = "—"
# Grouped the locale's way (1,874 or 1 874, with a plain or a no-break space) or not grouped at
# all; a decimal point as in Mexico and in English.
GROUPED = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?$")
PLAIN = re.compile(r"^\d+(?:\.\d+)?$")


def _rounded(value, digits):
    """A Decimal rounded half up (as people round, not as floats do), without a trailing .0."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    number = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    return number


def number(value, digits=0):
    """1,874 · 39.1 (at most `digits` decimals, none when the number is whole); a dash for
    nothing. Booleans are not numbers."""
    if value is None or value == "" or isinstance(value, bool):
        return DASH
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return formats.number_format(
        _rounded(value, digits), use_l10n=True, force_grouping=True, decimal_pos=None
    )


def percent(value, digits=1):
    """39.1 % in Spanish, 39.1% in English (as each language writes it)."""
    if value is None:
        return DASH
    text = number(value, digits)
    # A no-break space: "39.1" and "%" never part at the end of a line.
    return f"{text}%" if language() == "en" else f"{text}\u00a0%"


def language():
    return (get_language() or "es").split("-")[0]


def share_of(numerator, denominator):
    """A percentage of a part, or None when it cannot be computed (no data, nothing counted)."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) * 100 / Decimal(denominator)


def money(value, currency="MXN"):
    """$1,874.50 MXN: two decimals, the plan's currency code after the amount."""
    if value is None:
        return DASH
    amount = formats.number_format(
        Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        decimal_pos=2,
        use_l10n=True,
        force_grouping=True,
    )
    return f"${amount} {currency}"


def day(value):
    """A date as the language writes it short: 22/11/2026 in Spanish, 11/22/2026 in English."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def local_datetime(value):
    """A moment in the app's time zone (TIME_ZONE, America/Mexico_City by default), as the active
    language writes a date with its time: 22/11/2026 00:15 in Spanish."""
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def local_time(value):
    """Only the hour and minute, in the app's time zone."""
    if value is None:
        return ""
    return formats.time_format(timezone.localtime(value), "H:i")


def iso_day(value):
    """Where a column is data (exports), dates are ISO: 2022-05-31."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, date) else value


def parse_number(text):
    """A number typed the way people write it: 1874, 1,874 or 1 874; 39.1. Returns a Decimal, or
    raises ValueError. A comma is only ever a thousands separator (as in Mexico), so "39,1" is
    refused rather than read as 391."""
    text = str(text).strip()
    if GROUPED.match(text):
        text = re.sub(r"[,\u00a0\u202f ]", "", text)
    if not PLAIN.match(text):
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
