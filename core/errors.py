"""Error pages in the app's layout and language, each with a way back.

Django's own pages are bare and in English. These render the site's base template, so the person
keeps the navigation. The 500 page must work when the database is down: if the full layout
cannot be rendered, a plain page in the same language is returned instead.
"""

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _page(request, status, title, explanation):
    context = {"status": status, "title": title, "explanation": explanation}
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


def csrf_failure(request, reason=""):
    return _page(
        request,
        403,
        _("The form had expired"),
        _(
            "For your security, a form can only be sent from the page that showed it while you "
            "are signed in. This happens after signing in again in another tab or after a long "
            "pause. Go back, reload the page and send it again."
        ),
    )
