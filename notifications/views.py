from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import PreferencesForm
from .models import Preferences
from .notices import what_they_receive


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    """Each person's own choices: the language of the e-mails, and no notices or no reminders.
    A role that receives nothing is told so, with nothing to set."""
    offered = what_they_receive(request.user)
    form, status = None, 200
    if offered:
        form = PreferencesForm(
            request.POST if request.method == "POST" else None,
            instance=Preferences.of(request.user),
            offered=offered,
        )
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
        status = 400
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=status,
    )
