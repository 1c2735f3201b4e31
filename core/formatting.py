"""How values are written for people: one place for dates and times (and, later, numbers)."""

from django.utils import formats, timezone


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
