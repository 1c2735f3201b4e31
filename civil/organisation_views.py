"""The working group registers organisations and says which observer accounts speak for each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.fields import actor

from .access import can_manage_organisations
from .forms import MemberForm, OrganisationForm
from .models import Membership, Organisation


def _managers_only(request):
    if not can_manage_organisations(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def organisations(request):
    _managers_only(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("%(name)s registered.") % {"name": organisation.label})
        return redirect("civil:organisation", organisation.pk)
    listed = Organisation.objects.annotate(
        members=Count("memberships", distinct=True), written=Count("assessments", distinct=True)
    )
    return render(
        request,
        "civil/organisations.html",
        {"organisations": listed, "form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation(request, pk):
    """Change an organisation (POST with `save`), or add a member (POST with `username`)."""
    _managers_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(instance=organisation)
    member_form = MemberForm(organisation=organisation)
    status = 200
    if request.method == "POST" and "username" in request.POST:
        member_form = MemberForm(request.POST, organisation=organisation)
        if member_form.is_valid():
            Membership.objects.create(
                user=member_form.user,
                organisation=organisation,
                added_by=actor(request.user),
                added_at=timezone.now(),
            )
            messages.success(
                request,
                _("%(user)s now speaks for %(organisation)s.")
                % {"user": member_form.user.get_username(), "organisation": organisation},
            )
            return redirect("civil:organisation", organisation.pk)
        status = 400
    elif request.method == "POST":
        form = OrganisationForm(request.POST, instance=organisation)
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("civil:organisation", organisation.pk)
        status = 400
    return render(
        request,
        "civil/organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "member_form": member_form,
            "members": organisation.memberships.select_related("user"),
        },
        status=status,
    )


@require_POST
@login_required
def remove_member(request, pk):
    """The account no longer speaks for the organisation; what it wrote stays, attributed."""
    _managers_only(request)
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    organisation = membership.organisation
    membership.delete()
    messages.success(request, _("The member was removed."))
    return redirect("civil:organisation", organisation.pk)
