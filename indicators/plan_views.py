"""A plan's workbook: downloaded by anyone (a plan is a published document), and, for the
working group and administrators, the empty template, the import of a new plan with its preview,
and the choice of the current plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.access import can_manage_plans
from audit.fields import actor
from core.spreadsheets import XLSX_TYPE, download
from core.uploads import UploadRefused

from .middleware import site_reverse
from .models import Plan, PlanImport
from .plan_import import ImportFailed, read_plan_upload, run_plan_import
from .plan_workbook import language, plan_workbook
from .views import plan_or_404


def _managers_only(request):
    if not can_manage_plans(request.user):
        raise PermissionDenied


@require_GET
def workbook(request):
    """The request's plan as a workbook: the same shape as the template, so it imports back."""
    plan = plan_or_404(request)
    return download(plan_workbook(plan), f"{plan.code}.xlsx", XLSX_TYPE)


@require_GET
@login_required
def template(request):
    _managers_only(request)
    name = "plantilla-plan.xlsx" if language() == "es" else "plan-template.xlsx"
    return download(plan_workbook(), name, XLSX_TYPE)


def _preview(request, batch, outcome, status=200):
    """The preview: rows in error first (a plan has hundreds of rows), then the count of each
    sheet's rows by outcome, then every row."""
    sheets = {}
    for row in outcome.rows:
        counts = sheets.setdefault(row.sheet, {"new": 0, "skip": 0, "error": 0})
        counts[row.status] = counts.get(row.status, 0) + 1
    return render(
        request,
        "indicators/plan_import_preview.html",
        {
            "batch": batch,
            "outcome": outcome,
            "errors": [row for row in outcome.rows if row.status == "error"],
            "sheets": sheets.items(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def import_page(request):
    _managers_only(request)
    if request.method == "GET":
        return render(request, "indicators/plan_import.html")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
        return render(request, "indicators/plan_import.html", status=400)
    try:
        outcome, _plan = run_plan_import(read_plan_upload(upload), dry_run=True)
    except (UploadRefused, ImportFailed) as refused:
        messages.error(request, str(refused))
        return render(request, "indicators/plan_import.html", status=400)
    batch = PlanImport(
        filename=upload.name[:255], uploaded_by=actor(request.user), counts=outcome.counts
    )
    if outcome.has_errors:
        return _preview(request, batch, outcome, status=400)
    upload.seek(0)
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    return _preview(request, batch, outcome)


@require_POST
@login_required
def import_confirm(request, pk):
    _managers_only(request)
    with transaction.atomic():
        batch = get_object_or_404(PlanImport.objects.select_for_update(), pk=pk)
        if batch.applied_at is not None:
            messages.info(request, _("This plan was already imported."))
            return redirect("plan-list")
        with batch.file.open("rb") as stored:
            upload = SimpleUploadedFile(batch.filename, stored.read())
        try:
            outcome, plan = run_plan_import(read_plan_upload(upload), dry_run=False)
        except (UploadRefused, ImportFailed) as refused:
            messages.error(request, str(refused))
            return redirect("plan-import")
        if outcome.has_errors:
            messages.error(request, _("Nothing was saved: some rows are in error."))
            return _preview(request, batch, outcome, status=400)
        name = batch.file.name
        batch.applied_at, batch.plan, batch.file = timezone.now(), plan, ""
        batch.save(update_fields=["applied_at", "plan", "file"])
        transaction.on_commit(lambda: PlanImport.file.field.storage.delete(name))
    messages.success(
        request,
        _("The plan %(code)s was imported. Open its first reporting year from its pages.")
        % {"code": plan.code},
    )
    return redirect("plan-list")


@require_POST
@login_required
def make_current(request):
    """The request's plan becomes the current one: it takes the short addresses, and the plan
    that had them stays under /plans/<code>/."""
    _managers_only(request)
    with transaction.atomic():
        plan = get_object_or_404(Plan.objects.select_for_update(), pk=plan_or_404(request).pk)
        Plan.objects.filter(is_current=True).exclude(pk=plan.pk).update(is_current=False)
        plan.is_current = True
        plan.save(update_fields=["is_current"])
    messages.success(request, _("%(plan)s is now the current plan.") % {"plan": plan.short_name})
    return redirect(site_reverse("plan-list"))
