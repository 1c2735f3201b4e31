"""Session rules and response headers that apply to every page."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

SIGNED_IN_AT = "nap_signed_in_at"
LAST_SEEN_AT = "nap_last_seen_at"
# The last-seen time is written at most this often, so that reading pages does not write the
# session on every request.
TOUCH_EVERY = 60


def note_sign_in(sender, request, user, **kwargs):
    """Connected to user_logged_in: the session's clocks start at sign-in."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Signs out after SESSION_IDLE_TIMEOUT without a request, and SESSION_COOKIE_AGE after
    signing in whatever the activity (the cookie's own age backs the second rule up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.get(SIGNED_IN_AT, now)
            seen = session.get(LAST_SEEN_AT, now)
            if now - seen > settings.SESSION_IDLE_TIMEOUT:
                self._end(request, _("Your session ended after a long time without activity."))
            elif now - signed_in > settings.SESSION_COOKIE_AGE:
                self._end(request, _("Your session ended: sign in again (at least once a day)."))
            elif now - seen >= TOUCH_EVERY or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
                session.setdefault(SIGNED_IN_AT, signed_in)
        return self.get_response(request)

    @staticmethod
    def _end(request, message):
        logout(request)
        messages.info(request, message)


class PrivateResponseMiddleware:
    """Pages for a signed-in person (drafts, exports of drafts) are never kept by a browser or a
    proxy cache: someone using the same computer afterwards must not find them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True, max_age=0)
        return response
