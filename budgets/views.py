"""A submission's budget: its lines listed, with their warnings, for whoever may read the
submission; added, changed and deleted by the agency's focal points while the submission is
editable, each write decided under the submission's row lock (`Submission.lock_for_entry`), so
nothing changes after a submission or an approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.confirm import ask, is_confirmed
from reporting.models import SubmissionLocked
from reporting.views import with_submission

from .forms import BudgetLineForm, ConcurrentEdit, save_locked
from .models import BudgetLine
from .summary import submission_budget


def _to_budget(submission):
    return redirect("budgets:entry", year=submission.year, agency=submission.agency.code)


def _page(request, submission, can_write, form=None, editing=None, status=200):
    editable = can_write and submission.is_editable
    if editable and form is None:
        form = BudgetLineForm(submission=submission)
    return render(
        request,
        "budgets/entry.html",
        {
            "submission": submission,
            "budget": submission_budget(submission),
            "can_write": editable,
            # A refused form stays on screen with the entries, even once it can no longer change.
            "form": form,
            "editing": editing,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@with_submission()
def budget_page(request, submission, can_write):
    """The budget of the submission; a POST adds a line (the agency's focal points only)."""
    if request.method == "GET":
        return _page(request, submission, can_write)
    if not can_write:
        raise PermissionDenied
    return _save(request, submission, can_write, None)


@require_http_methods(["GET", "POST"])
@with_submission(write=True)
def budget_edit(request, submission, can_write, pk):
    line = get_object_or_404(BudgetLine, pk=pk, submission=submission)
    if request.method == "GET":
        if not submission.is_editable:
            messages.error(request, submission.locked_message())
            return _to_budget(submission)
        form = BudgetLineForm(instance=line, submission=submission)
        return _page(request, submission, can_write, form=form, editing=line)
    return _save(request, submission, can_write, line)


def _save(request, submission, can_write, line):
    form = BudgetLineForm(request.POST, instance=line, submission=submission)
    if not form.is_valid():
        messages.error(request, _("The budget line was not saved: correct the fields marked."))
        return _page(request, submission, can_write, form=form, editing=line, status=400)
    try:
        with transaction.atomic():
            locked = submission.lock_for_entry()
            saved = save_locked(form, locked)
            locked.touch(request.user)
    except SubmissionLocked as locked:
        form.add_error(None, _("The budget line was not saved.") + " " + " ".join(locked.messages))
        return _page(request, submission, can_write, form=form, editing=line, status=409)
    except ConcurrentEdit:
        form.add_error(
            None,
            _(
                "Someone else changed or deleted this budget line after you opened it. Your "
                "entries are below: open the line again to see its current amounts."
            ),
        )
        return _page(request, submission, can_write, form=form, editing=line, status=409)
    messages.success(
        request, _("Budget line of line of action %(code)s saved.") % {"code": saved.line.code}
    )
    if form.warning and not saved.overspend_note.strip():
        messages.warning(request, form.warning)
    return _to_budget(submission)


@require_POST
@with_submission(write=True)
def budget_delete(request, submission, can_write, pk):
    line = get_object_or_404(BudgetLine, pk=pk, submission=submission)
    if not is_confirmed(request):
        return ask(
            request,
            _("Delete the budget line of line of action %(code)s?") % {"code": line.line.code},
            _("Yes, delete it"),
            reverse("budgets:entry", args=[submission.year, submission.agency.code]),
            explanation=_("The change history keeps a record of it."),
            danger=True,
        )
    try:
        with transaction.atomic():
            locked = submission.lock_for_entry()
            deleted = BudgetLine.objects.filter(pk=pk, submission=locked).delete()[0]
            if deleted:
                locked.touch(request.user)
    except SubmissionLocked as locked:
        messages.error(request, " ".join(locked.messages))
    else:
        messages.success(request, _("Budget line deleted."))
    return _to_budget(submission)
