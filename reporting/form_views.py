"""The yearly form's views: the page, its draft saved group by group while the person types
(JSON), and “nothing to report” for a goal. Every write goes through the per-figure merge of
`yearly_form.py` or `group_entry.py`, under the submission's lock."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from . import rules
from .form_guide import guided
from .group_entry import NothingToReportForm, mark_nothing_to_report
from .models import Submission, SubmissionLocked
from .views import Denied, get_submission_for_user, with_submission
from .yearly_form import YearlyForm


def render_form(request, form, status=200, locked=False):
    submission = form.submission
    groups = guided(form)
    open_comments = rules_open_comments(submission)
    for group in groups:
        group.commented = any(f.indicator.code in open_comments for f in group.value_forms)
        blank = group.blank_forms
        group.nothing_form = NothingToReportForm(
            initial={"codes": ",".join(f.indicator.code for f in blank)},
            goal_number=group.goal.number,
        )
    return render(
        request,
        "reporting/submission_form.html",
        {
            "form": form,
            "groups": groups,
            "locked": locked,
            "returned": submission.return_to_address(),
            "open_comments": open_comments,
        },
        status=status,
    )


def rules_open_comments(submission):
    """indicator code -> open comments on its figure (the form shows them beside it)."""
    from .figure_comments import open_threads

    return open_threads(submission)


def _edit_url(submission, anchor=""):
    url = reverse("reporting:edit", args=[submission.year, submission.agency.code])
    return f"{url}#{anchor}" if anchor else url


@require_http_methods(["GET", "POST"])
@with_submission(write=True)
def submission_edit(request, submission, can_write):
    if request.method == "GET":
        if not submission.is_editable:
            messages.error(request, submission.locked_message())
            return redirect(
                "reporting:submission", year=submission.year, agency=submission.agency.code
            )
        return render_form(request, YearlyForm(submission))
    form = YearlyForm(submission, request.POST)
    if not form.is_valid():
        messages.error(
            request,
            ngettext(
                "Nothing was saved: correct the field marked below.",
                "Nothing was saved: correct the %(count)s fields marked below.",
                form.error_count,
            )
            % {"count": form.error_count},
        )
        return render_form(request, form, status=400)
    try:
        conflicts = form.save(request.user)
    except SubmissionLocked as locked:
        # Lost the race to a submission, an approval or the year's closing: nothing was
        # written, and the entries stay on screen so the person can keep them.
        messages.error(
            request,
            _("Your changes were not saved. %(why)s Your entries are still below.")
            % {"why": " ".join(locked.messages)},
        )
        return render_form(request, form, status=409, locked=True)
    for indicator, warning in form.warnings:
        messages.warning(
            request,
            _("Indicator %(code)s: %(warning)s") % {"code": indicator.code, "warning": warning},
        )
    if conflicts:
        messages.warning(
            request,
            ngettext(
                "Your other changes were saved. One item was changed by someone else since you "
                "opened the form: compare both versions below. Save again to keep yours.",
                "Your other changes were saved. %(count)s items were changed by someone else "
                "since you opened the form: compare both versions below. Save again to keep "
                "yours.",
                len(conflicts),
            )
            % {"count": len(conflicts)},
        )
        shown = YearlyForm(
            Submission.objects.select_related("reporting_year__plan", "agency").get(
                pk=submission.pk
            ),
            form.rebased_data(),
            bound_only=set(form.conflicts),
        )
        shown.show_conflicts(form.conflicts)
        return render_form(request, shown, status=409)
    messages.success(request, _("Saved as draft."))
    return redirect("reporting:edit", year=submission.year, agency=submission.agency.code)


def _json(status, http_status=200, **fields):
    return JsonResponse({"status": status, **fields}, status=http_status)


@require_POST
def draft_save(request, year, agency):
    """Save one group of the form as a draft while the person types: each part that is valid is
    merged figure by figure, under the lock; errors and conflicts are answered, not saved."""
    try:
        submission, _can_write = get_submission_for_user(request, year, agency, write=True)
    except Denied:
        return _json("signed_out", 401, message=_("Your session has ended: sign in again."))
    except (PermissionDenied, Http404):
        return _json("forbidden", 403, message=_("You cannot change this submission."))
    prefixes = {p for p in request.POST.get("parts", "").split(",") if p}
    form = YearlyForm(submission, request.POST, only=prefixes)
    valid = [part for part in form.parts if part.is_valid()]
    errors = {
        part[name].auto_id if name in part.fields else part.prefix: [str(m) for m in messages_]
        for part in form.parts
        if part not in valid
        for name, messages_ in part.errors.items()
    }
    try:
        conflicts = form.save(request.user, parts=valid) if valid else []
    except SubmissionLocked as locked:
        return _json("locked", 409, message=" ".join(locked.messages))
    # Only the parts now stored as the person has them get a new base; one that someone else
    # changed meanwhile ("kept") keeps its base, so that the next save keeps their version.
    bases = {
        part.add_prefix(part.BASE): part.saved_base()
        for part in valid
        if form.outcomes.get(part.prefix) in ("write", "same")
    }
    answered, total = _progress(submission)
    return _json(
        "conflict" if conflicts else "invalid" if errors else "saved",
        version=form.version,
        bases=bases,
        errors=errors,
        conflicts=[
            {
                "prefix": prefix,
                "label": item.label,
                "who": item.who,
                "rows": [list(map(str, row)) for row in item.rows],
            }
            for prefix, item in form.conflicts.items()
        ],
        answered=answered,
        total=total,
    )


def _progress(submission):
    indicators = list(rules.indicators_for(submission))
    values = {v.indicator_id: v for v in submission.values.all()}
    answered = sum(1 for i in indicators if rules.is_answered(i, values.get(i.pk)))
    return answered, len(indicators)


@require_POST
def nothing_to_report(request, year, agency, number):
    goal = number
    """Mark the indicators of a goal with nothing entered as “no data this year”, one reason."""
    try:
        submission, _can_write = get_submission_for_user(request, year, agency, write=True)
    except Denied:
        return redirect_to_login(_edit_url_for(year, agency))
    form = NothingToReportForm(request.POST, goal_number=goal)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(
                    request, _("Goal %(goal)s: %(error)s") % {"goal": goal, "error": error}
                )
        return redirect(_edit_url(submission, f"goal-{goal}"))
    try:
        outcome = mark_nothing_to_report(
            submission,
            goal,
            form.cleaned_data["codes"],
            form.cleaned_data["reason"],
            form.cleaned_data["reason_en"],
            request.user,
        )
    except SubmissionLocked as locked:
        messages.error(
            request, _("Nothing was marked. %(why)s") % {"why": " ".join(locked.messages)}
        )
        return redirect("reporting:submission", year=year, agency=agency)
    if outcome.marked:
        messages.success(
            request,
            _("Marked “no data this year”: %(codes)s.") % {"codes": ", ".join(outcome.marked)},
        )
    if outcome.kept:
        messages.warning(
            request,
            _(
                "Someone entered figures for %(codes)s since you opened the form: they were "
                "left as saved."
            )
            % {"codes": ", ".join(outcome.kept)},
        )
    if not outcome.marked and not outcome.kept:
        messages.info(request, _("Nothing to mark: every indicator of this goal has an entry."))
    return redirect(_edit_url(submission, f"goal-{goal}"))


def _edit_url_for(year, agency):
    return reverse("reporting:edit", args=[year, agency])
