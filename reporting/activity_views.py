"""Activities and evidence of a submission: listed for whoever may read the submission, changed
by the agency's focal points while it is editable. Every change is decided under the
submission's row lock (`Submission.lock_for_entry`), so none lands after a submission or an
approval; a change that loses that race is refused with the entries left on screen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from audit.fields import actor
from core.confirm import ask, is_confirmed

from .count_forms import count_formset
from .filters import ActivityFilter
from .forms import ActivityForm, ConcurrentEditError, EvidenceForm
from .models import Activity, Evidence, SubmissionLocked
from .tables import ActivityTable
from .views import _detail_context, with_submission


def _to_activities(submission):
    return redirect("reporting:activities", year=submission.year, agency=submission.agency.code)


def _to_submission(submission, anchor=""):
    url = reverse(
        "reporting:submission", kwargs={"year": submission.year, "agency": submission.agency.code}
    )
    return redirect(url + anchor)


@require_GET
@with_submission()
def activity_list(request, submission, can_write):
    queryset = (
        Activity.objects.filter(submission=submission)
        .select_related("line__goal", "indicator", "subunit", "region")
        .prefetch_related("counts__indicator")
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
    activity = get_object_or_404(Activity, pk=pk, submission=submission) if pk else None
    if request.method == "GET":
        if not submission.is_editable:
            messages.error(request, submission.locked_message())
            return _to_activities(submission)
        form = ActivityForm(instance=activity, submission=submission)
        counts = count_formset(submission, activity)
        return _activity_page(request, form, submission, activity, counts=counts)
    form = ActivityForm(request.POST, instance=activity, submission=submission)
    main = form.cleaned_data.get("indicator") if form.is_valid() else None
    # A post without the counts' fieldset (a script, an older page) leaves the counts as they are.
    edits_counts = "counts-TOTAL_FORMS" in request.POST
    counts = count_formset(
        submission, activity, request.POST if edits_counts else None, main_indicator=main
    )
    if not (form.is_valid() and (not edits_counts or counts.is_valid())):
        return _activity_page(request, form, submission, activity, status=400, counts=counts)
    try:
        with transaction.atomic():
            saved = form.save_locked(submission.lock_for_entry())
            if edits_counts:
                counts.instance = saved
                counts.save()
    except SubmissionLocked as locked:
        form.add_error(None, _("The activity was not saved.") + " " + " ".join(locked.messages))
        return _activity_page(request, form, submission, activity, status=409, counts=counts)
    except ConcurrentEditError as error:
        return _activity_conflict(request, form, submission, activity, error.args[0])
    except ValidationError:
        return _activity_page(request, form, submission, activity, status=400, counts=counts)
    messages.success(request, _("Activity “%(title)s” saved.") % {"title": saved.title})
    return _to_activities(submission)


def _activity_page(request, form, submission, activity, status=200, conflict=None, counts=None):
    return render(
        request,
        "reporting/activity_form.html",
        {
            "form": form,
            "counts": counts if counts is not None else count_formset(submission, activity),
            "submission": submission,
            "activity": activity,
            "conflict": conflict,
        },
        status=status,
    )


def _activity_conflict(request, form, submission, activity, conflict):
    """Someone saved (or deleted) the activity since it was opened: show both versions, keep the
    person's entries, and let a second save replace the other version knowingly."""
    if conflict is None:
        messages.error(request, _("Someone else deleted this activity after you opened it."))
        return _to_activities(submission)
    data = request.POST.copy()
    data["version"] = Activity.objects.filter(pk=activity.pk).values_list("version", flat=True)[0]
    form = ActivityForm(data, instance=activity, submission=submission)
    form.is_valid()
    form.add_error(
        None,
        _(
            "%(who)s changed this activity on %(when)s, after you opened it. Your changes were "
            "not saved: compare both versions, then save again to keep yours."
        )
        % {"who": conflict.who, "when": conflict.when_local},
    )
    return _activity_page(request, form, submission, activity, status=409, conflict=conflict)


@require_POST
@with_submission(write=True)
def activity_delete(request, submission, can_write, pk):
    if not is_confirmed(request):
        activity = get_object_or_404(Activity, pk=pk, submission=submission)
        return ask(
            request,
            _("Delete the activity “%(title)s”?") % {"title": activity.title},
            _("Yes, delete it"),
            reverse("reporting:activity-edit", args=[submission.year, submission.agency.code, pk]),
            explanation=_("The change history keeps a record of it."),
            danger=True,
        )
    try:
        with transaction.atomic():
            submission.lock_for_entry()
            activity = Activity.objects.filter(pk=pk, submission=submission).first()
            if activity is None:
                raise Http404
            activity.delete()
    except SubmissionLocked as locked:
        messages.error(request, " ".join(locked.messages))
    else:
        messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity.title})
    return _to_activities(submission)


@require_POST
@with_submission(write=True)
def evidence_add(request, submission, can_write):
    form = EvidenceForm(request.POST, request.FILES, submission=submission)
    if form.is_valid():
        try:
            with transaction.atomic():
                evidence = form.save(commit=False)
                evidence.submission = submission.lock_for_entry()
                evidence.uploaded_by = actor(request.user)
                evidence.save()
        except SubmissionLocked as locked:
            form.add_error(None, _("The evidence was not added.") + " " + " ".join(locked.messages))
        else:
            messages.success(request, _("Evidence added."))
            return _to_submission(submission, "#evidence")
    # The person's entries stay in the form, with what went wrong beside them.
    messages.error(request, _("The evidence was not added: see the form under “Evidence”."))
    context = _detail_context(request, submission, can_write, evidence_form=form)
    return render(request, "reporting/submission_detail.html", context, status=400)


@require_POST
@with_submission(write=True)
def evidence_delete(request, submission, can_write, pk):
    item = get_object_or_404(Evidence, pk=pk, submission=submission)
    if not is_confirmed(request):
        return ask(
            request,
            _("Remove the evidence “%(description)s”?") % {"description": item.description},
            _("Yes, remove it"),
            reverse("reporting:submission", args=[submission.year, submission.agency.code])
            + "#evidence",
            danger=True,
        )
    try:
        with transaction.atomic():
            submission.lock_for_entry()
            evidence = Evidence.objects.filter(pk=pk, submission=submission).first()
            if evidence is None:
                raise Http404
            stored_file = evidence.file
            evidence.delete()
            if stored_file:
                # The file goes once the row is gone for good, never before.
                transaction.on_commit(lambda: stored_file.storage.delete(stored_file.name))
    except SubmissionLocked as locked:
        messages.error(request, " ".join(locked.messages))
    else:
        messages.success(request, _("Evidence removed."))
    return _to_submission(submission)


@require_GET
@with_submission()
def evidence_download(request, submission, can_write, pk):
    evidence = get_object_or_404(Evidence, pk=pk, submission=submission)
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )
