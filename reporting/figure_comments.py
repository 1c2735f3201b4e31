"""Comments on one figure: reading the threads of a submission, and the two views that write
them (add a comment, resolve a thread). Only those who may read the draft (the agency's focal
points and the working group) read or write them; the public never sees them."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import can_read_drafts_of
from audit.fields import actor
from core.fields import NOTE_LENGTH

from . import rules
from .models import FigureComment, SubmissionLocked
from .views import Denied, get_submission_for_user


@dataclass
class Thread:
    """The comments on one figure, oldest first."""

    comments: list = field(default_factory=list)

    @property
    def is_open(self):
        return any(comment.is_open for comment in self.comments)


def threads(submission, open_only=False):
    """indicator code -> its Thread (one query)."""
    comments = FigureComment.objects.filter(submission=submission).select_related("indicator")
    if open_only:
        comments = comments.open()
    found = {}
    for comment in comments:
        found.setdefault(comment.indicator.code, Thread()).comments.append(comment)
    return found


def open_threads(submission):
    return threads(submission, open_only=True)


def _submission_for_comments(request, year, agency):
    """The submission, if the person may read its draft (and so its comments); else 404, or the
    sign-in page for an anonymous visitor."""
    submission, _can_write = get_submission_for_user(request, year, agency)
    if not can_read_drafts_of(request.user, submission.agency):
        raise Http404
    return submission


def _back(request, submission, code):
    """Where the person came from (the submission or the form), at the indicator."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    if not target:
        return redirect("reporting:submission", year=submission.year, agency=submission.agency.code)
    return redirect(f"{target.split('#')[0]}#comments-{code}")


def _indicator(submission, code):
    for indicator in rules.indicators_for(submission):
        if indicator.code == code:
            return indicator
    raise Http404


@require_POST
def comment_add(request, year, agency, code):
    try:
        submission = _submission_for_comments(request, year, agency)
    except Denied:
        return redirect_to_login(request.get_full_path())
    indicator = _indicator(submission, code)
    text = (request.POST.get("text") or "").strip()
    if not text or len(text) > NOTE_LENGTH:
        messages.error(
            request,
            _("Write the comment (at most %(limit)s characters).") % {"limit": NOTE_LENGTH},
        )
        return _back(request, submission, code)
    comment = FigureComment(
        submission=submission, indicator=indicator, text=text, by=actor(request.user)
    )
    try:
        comment.clean_fields(exclude=["submission", "indicator"])  # the model's own limits
    except ValidationError as invalid:
        for message in invalid.messages:
            messages.error(request, message)
        return _back(request, submission, code)
    try:
        with transaction.atomic():
            comment.submission = submission.lock_for_comments()
            comment.save()
    except SubmissionLocked as locked_out:
        messages.error(request, " ".join(locked_out.messages))
        return _back(request, submission, code)
    messages.success(
        request, _("Comment on indicator %(code)s recorded.") % {"code": indicator.code}
    )
    return _back(request, submission, code)


@require_POST
def comment_resolve(request, year, agency, code):
    try:
        submission = _submission_for_comments(request, year, agency)
    except Denied:
        return redirect_to_login(request.get_full_path())
    indicator = _indicator(submission, code)
    try:
        with transaction.atomic():
            locked = submission.lock_for_comments()
            resolved = (
                FigureComment.objects.filter(submission=locked, indicator=indicator)
                .open()
                .update(resolved_at=timezone.now(), resolved_by=actor(request.user))
            )
    except SubmissionLocked as locked_out:
        messages.error(request, " ".join(locked_out.messages))
        return _back(request, submission, code)
    if resolved:
        messages.success(
            request,
            _("The comments on indicator %(code)s are marked resolved.") % {"code": code},
        )
    else:
        messages.info(request, _("These comments were already resolved."))
    return _back(request, submission, code)
