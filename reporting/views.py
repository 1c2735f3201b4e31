from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from agencies.access import can_enter_data_for, can_read_drafts_of, can_review
from indicators.models import Responsibility
from indicators.views import current_plan_or_404

from . import rules
from .filters import ActivityFilter
from .forms import (
    ActivityForm,
    CommentForm,
    ConcurrentEditError,
    EvidenceForm,
    OpenYearForm,
    YearlyForm,
)
from .history import recent_changes
from .models import Activity, Evidence, ReportingYear, Submission, SubmissionEvent, WorkflowError
from .tables import ActivityTable


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
        Submission.objects.select_related("reporting_year__plan", "agency"),
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
    plan = current_plan_or_404()
    years = ReportingYear.objects.filter(plan=plan)
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
    plan = current_plan_or_404()
    form = OpenYearForm(request.POST, plan=plan)
    if form.is_valid():
        reporting_year = form.save()
        messages.success(
            request,
            _("The year %(year)s is open for entry until %(deadline)s.")
            % {"year": reporting_year.year, "deadline": reporting_year.deadline},
        )
        return redirect("reporting:year", year=reporting_year.year)
    years = ReportingYear.objects.filter(plan=plan)
    return render(
        request,
        "reporting/year_list.html",
        {"plan": plan, "years": years, "form": form, "can_review": True},
        status=400,
    )


@require_GET
def year_detail(request, year):
    """Per agency: what is due, drafted, submitted, returned, approved, and late."""
    reporting_year = get_object_or_404(ReportingYear.objects.select_related("plan"), year=year)
    visible = Q(rules.visible_submissions_q(request.user))
    submissions = list(
        reporting_year.submissions.filter(visible)
        .select_related("agency", "updated_by")
        .with_completeness()
        .order_by("agency__code")
    )
    due = dict(Responsibility.objects.values_list("agency").annotate(n=Count("pk")).order_by())
    for submission in submissions:
        submission.reporting_year = reporting_year
        submission.due = due.get(submission.agency_id, 0)
    hidden = reporting_year.submissions.count() - len(submissions)
    return render(
        request,
        "reporting/year_detail.html",
        {
            "reporting_year": reporting_year,
            "submissions": submissions,
            "hidden": hidden,
            "can_review": can_review(request.user),
        },
    )


@require_POST
@login_required
def year_status(request, year, action):
    if not can_review(request.user):
        raise PermissionDenied
    reporting_year = get_object_or_404(ReportingYear, year=year)
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


@require_GET
@with_submission()
def submission_detail(request, submission, can_write):
    indicators = list(rules.indicators_for(submission.agency))
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
                "share": rules.share(value.numerator, value.denominator) if value else None,
                "totals": totals.get(indicator.pk),
                "mismatch": mismatch,
            }
        )
    events = list(submission.events.select_related("by"))
    previous, current = _previous_submitted_snapshot(events)
    changes = rules.changes_between(previous, current) if previous else None
    reviewer = can_review(request.user)
    return render(
        request,
        "reporting/submission_detail.html",
        {
            "submission": submission,
            "can_write": can_write and submission.is_editable,
            "is_owner": can_write,
            "reviewer": reviewer,
            "rows": rows,
            "narratives": submission.narratives.select_related("line__goal"),
            "evidence": submission.evidence.select_related("line__goal"),
            "evidence_form": EvidenceForm(submission=submission)
            if can_write and submission.is_editable
            else None,
            "events": events,
            "changes": changes,
            "problems": rules.missing_items(submission, indicators, values, totals)
            if can_write and submission.is_editable
            else [],
            "activity_count": submission.activities.count(),
            "comment_form": CommentForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@with_submission(write=True)
def submission_edit(request, submission, can_write):
    if not submission.is_editable:
        messages.error(request, _locked_message(submission))
        return redirect("reporting:submission", year=submission.year, agency=submission.agency.code)
    if request.method == "POST":
        form = YearlyForm(submission, request.POST)
        if form.is_valid():
            try:
                form.save(request.user)
            except ConcurrentEditError as conflict:
                locked = conflict.args[0]
                messages.error(
                    request,
                    _(
                        "Your changes were not saved: %(who)s saved this form at %(when)s, after "
                        "you opened it. Their work is kept. Your entries are still below: compare, "
                        "then reload the page and enter them again."
                    )
                    % {
                        "who": (locked.updated_by.get_full_name() or locked.updated_by.username)
                        if locked.updated_by
                        else _("someone"),
                        "when": locked.updated_at.strftime("%H:%M:%S"),
                    },
                )
                return render(
                    request,
                    "reporting/submission_form.html",
                    {"form": form, "conflict": True},
                    status=409,
                )
            for indicator, warning in form.warnings:
                messages.warning(
                    request,
                    _("Indicator %(code)s: %(warning)s")
                    % {"code": indicator.code, "warning": warning},
                )
            messages.success(request, _("Saved as draft."))
            return redirect("reporting:edit", year=submission.year, agency=submission.agency.code)
        messages.error(
            request,
            _("Nothing was saved: correct the %(count)s fields marked below.")
            % {"count": form.error_count},
        )
        return render(request, "reporting/submission_form.html", {"form": form}, status=400)
    return render(request, "reporting/submission_form.html", {"form": YearlyForm(submission)})


def _locked_message(submission):
    if not submission.reporting_year.is_open:
        return _("The year %(year)s is closed: its data can no longer change.") % {
            "year": submission.year
        }
    return _("This submission is %(status)s: it cannot be changed now.") % {
        "status": submission.get_status_display().lower()
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
def activity_list(request, submission, can_write):
    queryset = Activity.objects.filter(submission=submission).select_related(
        "line__goal", "indicator", "subunit"
    )
    activity_filter = ActivityFilter(request.GET, queryset=queryset, submission=submission)
    table = ActivityTable(activity_filter.qs)
    table.can_write = can_write and submission.is_editable
    table.submission = submission
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "reporting/activity_list.html",
        {
            "submission": submission,
            "filter": activity_filter,
            "table": table,
            "can_write": can_write and submission.is_editable,
        },
    )


@require_http_methods(["GET", "POST"])
@with_submission(write=True)
def activity_edit(request, submission, can_write, pk=None):
    if not submission.is_editable:
        messages.error(request, _locked_message(submission))
        return redirect("reporting:activities", year=submission.year, agency=submission.agency.code)
    activity = get_object_or_404(Activity, pk=pk, submission=submission) if pk else None
    if request.method == "POST":
        form = ActivityForm(request.POST, instance=activity, submission=submission)
        if form.is_valid():
            try:
                saved = form.save()
            except ConcurrentEditError:
                form.add_error(
                    None,
                    _(
                        "Someone else changed this activity after you opened it. Your changes "
                        "were not saved; reload the page to see the current version."
                    ),
                )
            else:
                messages.success(request, _("Activity “%(title)s” saved.") % {"title": saved.title})
                return redirect(
                    "reporting:activities", year=submission.year, agency=submission.agency.code
                )
        return render(
            request,
            "reporting/activity_form.html",
            {"form": form, "submission": submission, "activity": activity},
            status=400,
        )
    form = ActivityForm(instance=activity, submission=submission)
    return render(
        request,
        "reporting/activity_form.html",
        {"form": form, "submission": submission, "activity": activity},
    )


@require_POST
@with_submission(write=True)
def activity_delete(request, submission, can_write, pk):
    if not submission.is_editable:
        messages.error(request, _locked_message(submission))
    else:
        activity = get_object_or_404(Activity, pk=pk, submission=submission)
        activity.delete()
        messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity.title})
    return redirect("reporting:activities", year=submission.year, agency=submission.agency.code)


@require_POST
@with_submission(write=True)
def evidence_add(request, submission, can_write):
    if not submission.is_editable:
        messages.error(request, _locked_message(submission))
        return redirect("reporting:submission", year=submission.year, agency=submission.agency.code)
    form = EvidenceForm(request.POST, request.FILES, submission=submission)
    if form.is_valid():
        evidence = form.save(commit=False)
        evidence.submission = submission
        evidence.uploaded_by = request.user
        evidence.save()
        messages.success(request, _("Evidence added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(
        reverse(
            "reporting:submission",
            kwargs={"year": submission.year, "agency": submission.agency.code},
        )
        + "#evidence"
    )


@require_POST
@with_submission(write=True)
def evidence_delete(request, submission, can_write, pk):
    evidence = get_object_or_404(Evidence, pk=pk, submission=submission)
    if not submission.is_editable:
        messages.error(request, _locked_message(submission))
    else:
        evidence.file.delete(save=False)
        evidence.delete()
        messages.success(request, _("Evidence removed."))
    return redirect("reporting:submission", year=submission.year, agency=submission.agency.code)


@require_GET
@with_submission()
def evidence_download(request, submission, can_write, pk):
    evidence = get_object_or_404(Evidence, pk=pk, submission=submission)
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )


@require_GET
@with_submission()
def submission_history(request, submission, can_write):
    return render(
        request,
        "reporting/history.html",
        {"submission": submission, "changes": recent_changes(submission, limit=200)},
    )
