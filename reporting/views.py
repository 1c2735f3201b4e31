from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.access import can_enter_data_for, can_read_drafts_of, can_review
from core.confirm import ask, is_confirmed
from indicators.views import plan_or_404

from . import rules
from .forms import CommentForm, EvidenceForm, OpenYearForm
from .history import approved_versions, recent_changes
from .models import ReportingYear, Submission, SubmissionEvent, WorkflowError
from .snapshots import changes_between


class Denied(Exception):
    pass


def get_submission_for_user(request, year, agency_code, write=False):
    """The one access helper for a submission and everything in it.

    Returns (submission, can_write). Approved submissions are public; drafts only for the
    agency's focal points and the working group. Outsiders get a 404 (they do not learn that a
    draft exists); anonymous visitors are sent to sign in. Writing needs the agency's own focal
    point and a submission that is still editable.
    """
    submission = get_object_or_404(
        Submission.objects.for_plan(plan_or_404(request)).select_related(
            "reporting_year__plan__country", "agency"
        ),
        reporting_year__year=year,
        agency__code=agency_code,
    )
    readable = submission.status == Submission.Status.APPROVED or can_read_drafts_of(
        request.user, submission.agency
    )
    if not readable:
        if not request.user.is_authenticated:
            raise Denied
        raise Http404
    can_write = can_enter_data_for(request.user, submission.agency)
    if write and not can_write:
        if not request.user.is_authenticated:
            raise Denied
        raise PermissionDenied
    return submission, can_write


def with_submission(write=False):
    def decorator(view):
        def wrapped(request, year, agency, *args, **kwargs):
            try:
                submission, can_write = get_submission_for_user(request, year, agency, write)
            except Denied:
                return redirect_to_login(request.get_full_path())
            return view(request, submission, can_write, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


@require_GET
def year_list(request):
    plan = plan_or_404(request)
    years = ReportingYear.objects.for_plan(plan)
    form = OpenYearForm(plan=plan) if can_review(request.user) else None
    return render(
        request,
        "reporting/year_list.html",
        {"plan": plan, "years": years, "form": form, "can_review": can_review(request.user)},
    )


@require_POST
@login_required
def year_open(request):
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    form = OpenYearForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            reporting_year = form.save()
        except WorkflowError as error:  # opened by someone else a moment ago
            messages.error(request, " ".join(error.messages))
            return redirect("reporting:years")
        messages.success(
            request,
            _("The year %(year)s is open for entry until %(deadline)s.")
            % {"year": reporting_year.year, "deadline": reporting_year.deadline},
        )
        return redirect("reporting:year", year=reporting_year.year)
    years = ReportingYear.objects.for_plan(plan)
    return render(
        request,
        "reporting/year_list.html",
        {"plan": plan, "years": years, "form": form, "can_review": True},
        status=400,
    )


@require_GET
def year_detail(request, year):
    """Per agency: what is due, drafted, submitted, returned, approved, and late."""
    plan = plan_or_404(request)
    reporting_year = get_object_or_404(
        ReportingYear.objects.for_plan(plan).select_related("plan"), year=year
    )
    visible = Q(rules.visible_submissions_q(request.user))
    submissions = list(
        reporting_year.submissions.filter(visible)
        .select_related("agency")
        .with_completeness()
        .order_by("agency__code")
    )
    due = rules.due_counts(reporting_year)
    for submission in submissions:
        submission.reporting_year = reporting_year
        submission.due = due.get(submission.agency_id, 0)
    hidden = reporting_year.submissions.count() - len(submissions)
    reviewer = can_review(request.user)
    return render(
        request,
        "reporting/year_detail.html",
        {
            "reporting_year": reporting_year,
            "year_steps": _year_steps(reporting_year),
            "submissions": submissions,
            "hidden": hidden,
            "can_review": reviewer,
            "missing_agencies": list(
                reporting_year.agencies_due().exclude(submissions__reporting_year=reporting_year)
            )
            if reviewer
            else [],
        },
    )


@require_POST
@login_required
def year_add_agencies(request, year):
    """The working group adds the drafts of agencies given indicators after the year opened."""
    if not can_review(request.user):
        raise PermissionDenied
    reporting_year = get_object_or_404(
        ReportingYear.objects.for_plan(plan_or_404(request)), year=year
    )
    added = reporting_year.ensure_submissions()
    if added:
        messages.success(
            request,
            _("Drafts added for: %(agencies)s.") % {"agencies": ", ".join(a.code for a in added)},
        )
    else:
        messages.info(request, _("Every agency in charge already has its submission."))
    return redirect("reporting:year", year=year)


def _year_steps(reporting_year):
    """Opened, closed, reopened: when and by whom, from the year's history (one query)."""
    steps, previous = [], None
    for record in reporting_year.history.order_by("history_date", "history_id"):
        if previous is None:
            steps.append((_("Opened"), record.history_date, record.history_user_id))
        elif record.status != previous.status:
            label = _("Closed") if record.status == ReportingYear.Status.CLOSED else _("Reopened")
            steps.append((label, record.history_date, record.history_user_id))
        previous = record
    return steps


@require_POST
@login_required
def year_status(request, year, action):
    if not can_review(request.user):
        raise PermissionDenied
    reporting_year = get_object_or_404(
        ReportingYear.objects.for_plan(plan_or_404(request)), year=year
    )
    if not is_confirmed(request):
        closing = action == "close"
        return ask(
            request,
            _("Close and lock the year %(year)s?") % {"year": year}
            if closing
            else _("Reopen the year %(year)s?") % {"year": year},
            _("Yes, close the year") if closing else _("Yes, reopen the year"),
            reverse("reporting:year", args=[year]),
            explanation=_("No agency can change its data once the year is closed.")
            if closing
            else _("Agencies whose data is not approved can change it again."),
            danger=closing,
        )
    try:
        if action == "close":
            reporting_year.close()
            messages.success(request, _("The year %(year)s is closed and locked.") % {"year": year})
        else:
            reporting_year.reopen()
            messages.success(request, _("The year %(year)s is open again.") % {"year": year})
    except WorkflowError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reporting:year", year=year)


def _previous_submitted_snapshot(events):
    submitted = [e for e in events if e.action == SubmissionEvent.Action.SUBMITTED and e.snapshot]
    if len(submitted) < 2:
        return None, None
    return submitted[-2].snapshot, submitted[-1].snapshot


# What the public may read of a submission's workflow: that it was approved (or reopened for a
# correction), when, by whom. Return comments and reasons are the review's internal exchange.
PUBLIC_STEPS = (SubmissionEvent.Action.APPROVED, SubmissionEvent.Action.REOPENED)


def _detail_context(request, submission, can_write, evidence_form=None):
    indicators = list(rules.indicators_for(submission))
    values = {v.indicator_id: v for v in submission.values.select_related("indicator")}
    totals = rules.activity_totals(submission)
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        mismatch = None
        if value is not None and not value.no_data:
            mismatch = rules.activities_mismatch(
                indicator, value.women, value.men, value.total, totals.get(indicator.pk)
            )
        rows.append(
            {
                "indicator": indicator,
                "value": value,
                "totals": totals.get(indicator.pk),
                "mismatch": mismatch,
            }
        )
    internal = can_read_drafts_of(request.user, submission.agency)
    events = list(submission.events.all())
    if not internal:
        events = [event for event in events if event.action in PUBLIC_STEPS]
    previous, current = _previous_submitted_snapshot(events)
    editable = can_write and submission.is_editable
    if editable and evidence_form is None:
        evidence_form = EvidenceForm(submission=submission)
    # A form sent back (refused) is shown with the person's entries even if the submission can
    # no longer change: what they typed stays on screen.
    return {
        "submission": submission,
        "can_write": editable,
        "is_owner": can_write,
        "internal": internal,
        "reviewer": can_review(request.user),
        "rows": rows,
        "narratives": submission.narratives.select_related("line__goal"),
        "evidence": submission.evidence.select_related("line__goal"),
        "evidence_form": evidence_form,
        "events": events,
        "changes": changes_between(previous, current) if previous else None,
        "problems": rules.missing_items(submission, indicators, values, totals) if editable else [],
        "activity_count": submission.activities.count(),
        "comment_form": CommentForm(),
        **_review_context(submission, internal, events),
    }


def _review_context(submission, internal, events):
    """What is still to be addressed in the review, for those who may read the draft: the
    return comment (until the agency submits again) and the comments on figures."""
    if not internal:
        return {"returned": None, "threads": {}, "open_thread_codes": [], "can_comment": False}
    from .figure_comments import threads

    found = threads(submission)
    return {
        "returned": submission.return_to_address(events),
        "threads": found,
        "open_thread_codes": [code for code, thread in found.items() if thread.is_open],
        "can_comment": submission.reporting_year.is_open
        and submission.status != Submission.Status.APPROVED,
    }


@require_GET
@with_submission()
def submission_detail(request, submission, can_write):
    return render(
        request,
        "reporting/submission_detail.html",
        _detail_context(request, submission, can_write),
    )


# The steps that ask first: (question, the yes button, what it means), in the user's language.
CONFIRMED_STEPS = {
    "submit": lambda: (
        _("Submit the figures of %(agency)s for %(year)s to the working group?"),
        _("Yes, submit"),
        _("Once submitted, the data can no longer be changed unless the working group returns it."),
    ),
    "approve": lambda: (
        _("Approve the figures of %(agency)s for %(year)s?"),
        _("Yes, approve"),
        _("Approved data is locked and published."),
    ),
    "reopen": lambda: (
        _("Reopen the approved figures of %(agency)s for %(year)s?"),
        _("Yes, reopen"),
        _("The data is unpublished until it is approved again; the agency can correct it."),
    ),
}


@require_POST
@login_required
def submission_action(request, year, agency, action):
    write = action == "submit"
    try:
        submission, can_write = get_submission_for_user(request, year, agency, write=write)
    except Denied:
        return redirect_to_login(request.get_full_path())
    if action != "submit" and not can_review(request.user):
        raise PermissionDenied
    comment = request.POST.get("comment", "")
    steps = {
        "submit": (
            lambda: submission.submit(by=request.user),
            _("Submitted to the working group."),
        ),
        "return": (
            lambda: submission.return_for_changes(by=request.user, comment=comment),
            _("Returned to the agency with your comment."),
        ),
        "approve": (
            lambda: submission.approve(by=request.user, comment=comment),
            _("Approved. The data is now locked and published."),
        ),
        "reopen": (
            lambda: submission.reopen(by=request.user, reason=comment),
            _("Reopened: the agency can correct its data again."),
        ),
    }
    if action not in steps:
        raise Http404
    if action in CONFIRMED_STEPS and not is_confirmed(request):
        question, button, explanation = CONFIRMED_STEPS[action]()
        return ask(
            request,
            question % {"agency": agency, "year": year},
            button,
            reverse("reporting:submission", args=[year, agency]),
            explanation=explanation,
            danger=action == "reopen",
        )
    step, done = steps[action]
    try:
        step()
    except WorkflowError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("reporting:submission", year=year, agency=agency)


@require_GET
@with_submission()
def submission_history(request, submission, can_write):
    """The agency and the working group read every change. Everyone else reads the approved
    versions only: what changed from one approval to the next, never a draft figure."""
    if can_read_drafts_of(request.user, submission.agency):
        return render(
            request,
            "reporting/history.html",
            {"submission": submission, "changes": recent_changes(submission, limit=200)},
        )
    return render(
        request,
        "reporting/history_public.html",
        {"submission": submission, "versions": approved_versions(submission)},
    )
