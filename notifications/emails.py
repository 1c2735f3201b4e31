"""The e-mails themselves: each notice written in its recipient's language (a plain-text and an
HTML body, templates/notifications/<kind>_email.*), sent, and marked sent or failed.

Sending happens after the workflow step's transaction has committed (see signals.py) or from
`send_reminders`. A failure never reaches the step that caused it: it is logged, recorded on the
notice, and the command tries again on its next run.
"""

import logging
import smtplib
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.people import display_name
from core.formatting import local_datetime
from indicators.middleware import plan_reverse, site_reverse

from .models import Notice
from .notices import still_wanted

logger = logging.getLogger(__name__)


def absolute(path):
    """A link that works from a mail reader: SITE_URL (scheme and host) and the page's path."""
    return settings.SITE_URL + path


def _subject(notice, context):
    names = {"agency": context["agency"].code, "year": context["year"]}
    if notice.kind == Notice.Kind.SUBMITTED:
        return _("%(agency)s submitted its report for %(year)s") % names
    if notice.kind == Notice.Kind.RETURNED:
        return _("The report of %(agency)s for %(year)s was returned for changes") % names
    if notice.kind == Notice.Kind.APPROVED:
        return _("The report of %(agency)s for %(year)s was approved") % names
    if notice.kind == Notice.Kind.REOPENED:
        return _("The report of %(agency)s for %(year)s was reopened for corrections") % names
    days = context["days_late"]
    if days > 0:
        return ngettext(
            "The report of %(agency)s for %(year)s is %(days)s day late",
            "The report of %(agency)s for %(year)s is %(days)s days late",
            days,
        ) % {**names, "days": days}
    return _("Reminder: the report of %(agency)s for %(year)s is due on %(deadline)s") % {
        **names,
        "deadline": context["deadline_text"],
    }


def context_for(notice, today):
    """What the templates need, in the active language: the plan, the year, the agency, what
    happened, who did it and when (or the deadline), and the links."""
    submission = notice.submission
    reporting_year = submission.reporting_year
    plan = reporting_year.plan
    person = notice.recipient
    context = {
        "kind": notice.kind,
        "recipient_name": person.get_full_name() or person.get_username(),
        "plan": plan,
        "year": reporting_year.year,
        "agency": submission.agency,
        "link": absolute(
            plan_reverse(
                plan, "reporting:submission", args=[reporting_year.year, submission.agency.code]
            )
        ),
        "preferences_link": absolute(site_reverse("notifications:preferences")),
    }
    event = notice.event
    if event is not None:
        context.update(
            by=display_name(event.by) or _("the system"),
            at=local_datetime(event.at),
            comment=event.comment.strip(),
        )
    else:
        days_left = (reporting_year.deadline - today).days
        context.update(
            status=submission.get_status_display(),
            deadline_text=formats.date_format(reporting_year.deadline, "DATE_FORMAT"),
            days_left=days_left,
            days_late=-days_left,
        )
    return context


def message_for(notice, today=None):
    """The e-mail of a notice, in the language recorded for its recipient."""
    today = today or timezone.localdate()
    with translation.override(notice.language):
        context = context_for(notice, today)
        context["language"] = notice.language
        subject = _subject(notice, context)
        text = str(render_to_string(f"notifications/{notice.kind}_email.txt", context))
        html = str(render_to_string(f"notifications/{notice.kind}_email.html", context))
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[notice.email],
        # Out-of-office replies should not answer an automatic message (RFC 3834).
        headers={"Auto-Submitted": "auto-generated", "Content-Language": notice.language},
    )
    message.attach_alternative(html, "text/html")
    return message


def deliver(notices, today=None):
    """Send each notice of `notices` that nobody else has taken, and say how it went:
    a Counter of sent, failed and cancelled (no longer wanted).

    When the server itself fails (down, refusing the connection), the rest are left for the
    next run of `send_reminders` instead of waiting for the same failure once per person."""
    outcome = Counter()
    for notice in notices.select_related(
        "recipient", "event", "submission__agency", "submission__reporting_year__plan"
    ):
        if not notice.claim():
            continue
        if not still_wanted(notice):
            notice.mark_cancelled()
            outcome["cancelled"] += 1
            continue
        notice.email = notice.recipient.email
        try:
            message = message_for(notice, today)
            message.send()
        except Exception as error:  # the server, the network, a template: never the step's
            logger.warning("Notice %s to %s not sent.", notice.pk, notice.email, exc_info=True)
            notice.mark_failed(error)
            outcome["failed"] += 1
            # SMTPException is an OSError too; a refused address is that person's only.
            if isinstance(error, OSError) and not isinstance(error, smtplib.SMTPRecipientsRefused):
                break
        else:
            notice.mark_sent(message.subject)
            outcome["sent"] += 1
    return outcome
