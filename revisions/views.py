"""The working group records a revision of the plan: why and from which year, then its changes
one by one, then applies them all at once (with a confirmation). The public sees applied
revisions on the plan's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agencies.access import can_review
from audit.fields import actor
from indicators.models import PlanRevision, RevisionChange
from indicators.views import plan_or_404

from .forms import FORMS, RevisionForm
from .revising import apply_revision


def _draft_for(request, pk):
    if not can_review(request.user):
        raise PermissionDenied
    return get_object_or_404(
        PlanRevision.objects.for_plan(plan_or_404(request)).select_related("plan"),
        pk=pk,
        status=PlanRevision.Status.DRAFT,
    )


@require_http_methods(["GET", "POST"])
@login_required
def revision_new(request):
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    form = RevisionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        revision = form.save(commit=False)
        revision.plan = plan
        revision.created_by = actor(request.user)
        revision.save()
        return redirect("revisions:draft", pk=revision.pk)
    drafts = PlanRevision.objects.for_plan(plan).filter(status=PlanRevision.Status.DRAFT)
    return render(
        request,
        "revisions/new.html",
        {"plan": plan, "form": form, "drafts": drafts},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET"])
@login_required
def revision_draft(request, pk):
    revision = _draft_for(request, pk)
    changes = revision.changes.select_related("target__goal", "indicator", "goal")
    return render(
        request,
        "revisions/draft.html",
        {"revision": revision, "changes": changes, "kinds": RevisionChange.Kind.choices},
    )


@require_http_methods(["GET", "POST"])
@login_required
def change_new(request, pk, kind):
    revision = _draft_for(request, pk)
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](request.POST or None, revision=revision)
    if request.method == "POST" and form.is_valid():
        change = form.change()
        change.revision = revision
        change.save()
        messages.success(request, _("Change added to the revision."))
        return redirect("revisions:draft", pk=revision.pk)
    return render(
        request,
        "revisions/change_form.html",
        {"revision": revision, "form": form, "kind": RevisionChange.Kind(kind)},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def change_delete(request, pk, change_pk):
    revision = _draft_for(request, pk)
    get_object_or_404(revision.changes, pk=change_pk).delete()
    messages.success(request, _("Change removed from the revision."))
    return redirect("revisions:draft", pk=revision.pk)


@require_POST
@login_required
def revision_apply(request, pk):
    revision = _draft_for(request, pk)
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the confirmation to apply the revision."))
        return redirect("revisions:draft", pk=revision.pk)
    try:
        applied = apply_revision(revision, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("revisions:draft", pk=revision.pk)
    messages.success(
        request,
        _("Revision %(number)s applied from %(year)s. Earlier years keep the plan as it was.")
        % {"number": applied.number, "year": applied.first_year},
    )
    return redirect("plan-browser")


@require_POST
@login_required
def revision_delete(request, pk):
    revision = _draft_for(request, pk)
    with transaction.atomic():
        revision.delete()
    messages.success(request, _("The draft revision was deleted."))
    return redirect("revisions:new")
