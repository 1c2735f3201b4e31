"""Settings that e-mail needs, checked at start-up: a link in an e-mail must lead somewhere."""

import re

from django.conf import settings
from django.core.checks import Error, register

from core.mail import mail_configured

SITE_URL_SHAPE = re.compile(r"^https?://[^/\s]+$")


@register()
def check_notification_settings(app_configs, **kwargs):
    errors = []
    if mail_configured() and not settings.SITE_URL:
        errors.append(
            Error(
                "SITE_URL is not set: the links in notices and reminders would lead nowhere.",
                hint="Set SITE_URL to the site's address, such as https://nap1325.example.org.",
                id="notifications.E001",
            )
        )
    elif settings.SITE_URL and not SITE_URL_SHAPE.match(settings.SITE_URL):
        errors.append(
            Error(
                f"SITE_URL is {settings.SITE_URL!r}: give the scheme and host only.",
                hint="Such as https://nap1325.example.org (no path).",
                id="notifications.E002",
            )
        )
    days = [*settings.REMINDER_DAYS_BEFORE, *settings.REMINDER_DAYS_AFTER]
    if any(day < 0 for day in days):
        errors.append(
            Error(
                "REMINDER_DAYS_BEFORE and REMINDER_DAYS_AFTER count days away from the deadline: "
                "use numbers of 0 or more.",
                id="notifications.E003",
            )
        )
    return errors
