"""Reference sheets and links to global frameworks: read by everyone with the plan, edited by
the working group (POST only), each change in the sheet's history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.access import can_edit_reference_sheets
from audit.fields import actor
from core.spreadsheets import download
from indicators.models import Indicator, Responsibility
from indicators.views import plan_or_404

from . import documents
from .forms import FrameworkLinkForm, ReferenceSheetForm
from .history import combined
from .models import FrameworkLink, ReferenceSheet
from .report import revisions_of, sheet_rows

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def indicator_for_user(request, code, write=False):
    """The plan's indicator `code` and whether the user may edit its sheet and links: 404 for
    an indicator not in the plan, 403 for a write by someone who may not."""
    plan = plan_or_404(request)
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal", "line", "plan").prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("agency").order_by("position"),
            )
        ),
        plan=plan,
        code=code,
    )
    may_edit = can_edit_reference_sheets(request.user)
    if write and not may_edit:
        raise PermissionDenied
    return indicator, may_edit


def _links(indicator):
    return list(FrameworkLink.objects.filter(indicator=indicator).select_related("item__framework"))


@require_GET
def sheet(request, code):
    indicator, may_edit = indicator_for_user(request, code)
    reference = ReferenceSheet.objects.filter(indicator=indicator).first()
    return render(
        request,
        "references/sheet.html",
        {
            "indicator": indicator,
            "sheet": reference,
            "rows": sheet_rows(indicator, reference, revisions_of(indicator)),
            "links": _links(indicator),
            "history": combined(reference, indicator),
            "may_edit": may_edit,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, code):
    indicator, _may = indicator_for_user(request, code, write=True)
    plan = indicator.plan
    reference = ReferenceSheet.objects.filter(indicator=indicator).first()
    loaded = request.POST.get("loaded", "")
    form = ReferenceSheetForm(request.POST or None, instance=reference, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # The indicator's row lock serialises the edits of its sheet, the first one too
            # (two people creating a sheet at once: the second is told, not refused with a 500).
            _lock(indicator)
            stored = ReferenceSheet.objects.filter(indicator=indicator).first()
            if loaded != _stamp(stored):
                messages.error(
                    request,
                    _(
                        "%(person)s changed this sheet while you were editing it. Nothing was "
                        "saved: read their version below and make your changes again."
                    )
                    % {"person": stored.updated_by or _("Someone")},
                )
                return redirect("references:edit", code=indicator.code)
            changed = form.save(commit=False)
            changed.indicator = indicator
            changed.updated_by = actor(request.user)
            changed._history_user = request.user
            changed.save()
        messages.success(request, _("The reference sheet of %(code)s was saved.") % {"code": code})
        return redirect("references:sheet", code=indicator.code)
    return render(
        request,
        "references/sheet_form.html",
        {
            "indicator": indicator,
            "form": form,
            "loaded": _stamp(reference) if request.method == "GET" else loaded,
        },
        status=400 if request.method == "POST" else 200,
    )


def _lock(indicator):
    Indicator.objects.select_for_update().filter(pk=indicator.pk).values_list("pk").first()


def _stamp(reference):
    """What the form was loaded with, to tell a change made meanwhile."""
    return reference.updated_at.isoformat() if reference is not None else ""


@require_http_methods(["GET", "POST"])
@login_required
def links(request, code):
    indicator, _may = indicator_for_user(request, code, write=True)
    form = FrameworkLinkForm(request.POST or None, indicator=indicator)
    if request.method == "POST":
        with transaction.atomic():
            # Under the indicator's lock, the form's "already linked" check holds: two people
            # adding the same link at once get one link and a message, never a 500.
            _lock(indicator)
            if form.is_valid():
                link = form.save(commit=False)
                link.indicator = indicator
                link.created_by = actor(request.user)
                link._history_user = request.user
                link.save()
    if request.method == "POST" and form.is_valid():
        messages.success(
            request,
            _("%(code)s is now linked to %(item)s.") % {"code": indicator.code, "item": link.item},
        )
        return redirect("references:links", code=indicator.code)
    return render(
        request,
        "references/links.html",
        {"indicator": indicator, "form": form, "links": _links(indicator)},
        status=400 if request.method == "POST" else 200,
    )


def _link_or_404(indicator, pk):
    return get_object_or_404(
        FrameworkLink.objects.select_related("item__framework"), pk=pk, indicator=indicator
    )


@require_POST
@login_required
def unlink(request, code, pk):
    indicator, _may = indicator_for_user(request, code, write=True)
    link = _link_or_404(indicator, pk)
    link._history_user = request.user
    link.delete()
    messages.success(request, _("The link to %(item)s was removed.") % {"item": link.item})
    return redirect("references:links", code=indicator.code)


@require_POST
@login_required
def confirm(request, code, pk):
    """A proposed link becomes the working group's own."""
    indicator, _may = indicator_for_user(request, code, write=True)
    link = _link_or_404(indicator, pk)
    if link.proposed:
        link.proposed = False
        link._history_user = request.user
        link.save(update_fields=["proposed"])
    messages.success(request, _("The link to %(item)s was confirmed.") % {"item": link.item})
    return redirect("references:links", code=indicator.code)


@require_GET
def sheets_docx(request):
    """Every indicator's reference sheet and links, as a DOCX (public, as the plan is)."""
    plan = plan_or_404(request)
    data, filename = documents.sheets_docx(plan)
    return download(data, filename, DOCX_TYPE)
