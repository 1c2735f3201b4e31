"""Error pages in the app's layout and language, each with a way back.

Django's own pages are bare and in English. These render the site's base template, so the person
keeps the navigation. The 500 page must work when the database is down: if the full layout
cannot be rendered, a plain page in the same language is returned instead.
"""

import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _page(request, status, title, explanation, back=None):
    context = {"status": status, "title": title, "explanation": explanation, "back": back}
    try:
        return render(request, "errors/error.html", context, status=status)
    except Exception:  # the layout needs the database (the user's role); the error may be that
        logger.exception("The error page could not be rendered with the site's layout.")
        return HttpResponse(render_to_string("errors/bare.html", context), status=status)


def bad_request(request, exception=None):
    return _page(
        request,
        400,
        _("The request could not be understood"),
        _("Something in the address or in what was sent is not valid. Go back and try again."),
    )


def permission_denied(request, exception=None):
    return _page(
        request,
        403,
        _("You cannot do this"),
        _(
            "Your account does not allow this page or action. If you think it should, ask the "
            "working group or the administrator."
        ),
    )


def page_not_found(request, exception=None):
    return _page(
        request,
        404,
        _("Page not found"),
        _("There is no page at this address, or it is not available to you."),
    )


def server_error(request):
    return _page(
        request,
        500,
        _("Something went wrong on our side"),
        _(
            "The error has been recorded. Nothing you entered before this page was lost; try "
            "again in a few minutes."
        ),
    )


def _page_sent_from(request):
    """The page of this site the refused form was on (from the Referer), else the address it
    was sent to; never another site."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.path


def csrf_failure(request, reason=""):
    """A form refused because its security token had expired (a sign-in in another tab, a
    session that ended). The way back leads to the form, through the sign-in page if needed;
    the yearly form then offers the entries kept in the browser."""
    back = _page_sent_from(request)
    if not request.user.is_authenticated:
        back = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(
            {"status": "expired", "message": _("The page had expired: reload it."), "back": back},
            status=403,
        )
    return _page(
        request,
        403,
        _("The form had expired"),
        _(
            "For your security, a form can only be sent from the page that showed it while you "
            "are signed in. This happens after signing in again in another tab or after a long "
            "pause. On the yearly form, what you typed is kept in this browser and offered back "
            "when you open the form again."
        ),
        back=back,
    )
