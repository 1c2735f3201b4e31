"""Whether the app can send e-mail at all: password resets and notifications both ask."""

from django.conf import settings


def mail_configured():
    """An e-mail server (or the console, in development) is set with EMAIL_URL. Without it the
    backend is Django's dummy one, which "sends" everything and delivers nothing."""
    return bool(settings.EMAIL_URL)
