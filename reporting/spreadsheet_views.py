"""Templates, imports and exports of an agency's yearly data."""

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.fields import actor
from core.spreadsheets import XLSX_TYPE, download, table_response
from indicators.views import plan_or_404

from . import rules
from .models import Activity, ImportBatch, IndicatorValue, ReportingYear, SubmissionLocked
from .spreadsheet_import import ImportFailed, run_import
from .spreadsheet_reading import UploadRefused, read_upload
from .spreadsheet_template import template_workbook
from .views import with_submission

EXPORT_FORMATS = ("xlsx", "csv", "json")


@require_GET
@with_submission()
def template(request, submission, can_write):
    content = template_workbook(submission)
    return download(
        content, f"plantilla-{submission.agency.code}-{submission.year}.xlsx", XLSX_TYPE
    )


def _preview(request, submission, batch, outcome, status=200):
    return render(
        request,
        "reporting/import_preview.html",
        {"submission": submission, "batch": batch, "outcome": outcome},
        status=status,
    )


def _to_submission(submission):
    return redirect("reporting:submission", year=submission.year, agency=submission.agency.code)


@require_http_methods(["GET", "POST"])
@with_submission(write=True)
def import_page(request, submission, can_write):
    """Upload a filled template or a CSV of activities; see every row before anything is saved.

    Only a preview that can be confirmed is kept (in the file storage); a refused file, one with
    row errors or one that changes nothing leaves nothing behind."""
    if not submission.is_editable:
        messages.error(request, submission.locked_message())
        return _to_submission(submission)
    if request.method == "GET":
        return render(request, "reporting/import.html", {"submission": submission})
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
        return render(request, "reporting/import.html", {"submission": submission}, status=400)
    try:
        parsed = read_upload(upload, submission)
        outcome = run_import(parsed, submission, request.user, dry_run=True)
    except (UploadRefused, ImportFailed) as refused:
        messages.error(request, str(refused))
        return render(request, "reporting/import.html", {"submission": submission}, status=400)
    batch = ImportBatch(
        submission=submission,
        filename=upload.name[:255],
        uploaded_by=actor(request.user),
        version=submission.version,
        counts=outcome.counts,
    )
    if outcome.has_errors or not outcome.changes:
        return _preview(request, submission, batch, outcome, 400 if outcome.has_errors else 200)
    ImportBatch.objects.purge_stale()
    upload.seek(0)
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    return _preview(request, submission, batch, outcome)


@require_POST
@with_submission(write=True)
def import_confirm(request, submission, can_write, pk):
    """Apply a previewed file, all rows or none, under the submission's lock: refused if the
    submission can no longer change, re-previewed if its data changed since the preview, and
    answered "already applied" to a second click."""
    get_object_or_404(ImportBatch, pk=pk, submission=submission)
    try:
        with transaction.atomic():
            locked = submission.lock_for_entry()
            batch = ImportBatch.objects.select_for_update().get(pk=pk)
            if batch.applied_at is not None:
                messages.info(request, _("This file was already imported."))
                return _to_submission(submission)
            if not batch.file:
                messages.error(request, _("This preview has expired: upload the file again."))
                return redirect(
                    "reporting:import", year=submission.year, agency=submission.agency.code
                )
            with batch.file.open("rb") as stored:
                upload = SimpleUploadedFile(batch.filename, stored.read())
            parsed = read_upload(upload, locked)
            if locked.version != batch.version:
                # The data changed since the preview (a form was saved, another import applied,
                # or the submission was returned).
                outcome = run_import(parsed, locked, request.user, dry_run=True)
                batch.version, batch.counts = locked.version, outcome.counts
                batch.save(update_fields=["version", "counts"])
                messages.warning(
                    request,
                    _(
                        "The data changed since your preview. Nothing was saved: check this new "
                        "preview."
                    ),
                )
                return _preview(request, submission, batch, outcome, 409)
            outcome = run_import(parsed, locked, request.user, dry_run=False)
            if outcome.has_errors:
                messages.error(request, _("Nothing was saved: some rows are in error."))
                return _preview(request, submission, batch, outcome, 400)
            batch.mark_applied()
    except SubmissionLocked as locked_out:
        messages.error(request, _("Nothing was imported.") + " " + " ".join(locked_out.messages))
        return _to_submission(submission)
    except (UploadRefused, ImportFailed) as refused:
        messages.error(request, str(refused))
        return redirect("reporting:import", year=submission.year, agency=submission.agency.code)
    messages.success(
        request,
        _("Imported: %(new)s new, %(update)s changed, %(skip)s unchanged.")
        % {
            "new": outcome.counts.get("new", 0),
            "update": outcome.counts.get("update", 0),
            "skip": outcome.counts.get("skip", 0),
        },
    )
    return _to_submission(submission)


# -- exports ---------------------------------------------------------------------------------

ACTIVITY_HEADERS = [
    ("year", "Año"),
    ("agency", "Dependencia"),
    ("status", "Estado"),
    ("reference", "Referencia"),
    ("title", "Título"),
    ("line", "Línea de acción"),
    ("indicator", "Indicador"),
    ("subunit", "Unidad"),
    ("start_date", "Fecha de inicio"),
    ("end_date", "Fecha de término"),
    ("modality", "Modalidad"),
    ("region", "Región"),
    ("municipality", "Municipio"),
    ("quantity", "Cantidad"),
    ("women", "Mujeres"),
    ("men", "Hombres"),
    ("total", "Total"),
    ("description", "Descripción"),
]
VALUE_HEADERS = [
    ("year", "Año"),
    ("agency", "Dependencia"),
    ("status", "Estado"),
    ("indicator", "Indicador"),
    ("women", "Mujeres"),
    ("men", "Hombres"),
    ("total", "Total"),
    ("numerator", "Numerador"),
    ("denominator", "Denominador"),
    ("yes_no", "Sí o no"),
    ("text", "Respuesta cualitativa"),
    ("no_data", "Sin datos"),
    ("no_data_reason", "Por qué no hay datos"),
    ("activities_note", "Por qué difiere de las actividades"),
]


def _activity_records(queryset):
    for a in queryset.select_related(
        "submission__agency",
        "submission__reporting_year",
        "line__goal",
        "indicator",
        "subunit",
        "region",
    ).order_by("submission__agency__code", "start_date", "pk"):
        yield {
            "year": a.submission.reporting_year.year,
            "agency": a.submission.agency.code,
            "status": a.submission.status,
            "reference": a.reference,
            "title": a.title,
            "line": a.line.code,
            "indicator": a.indicator.code if a.indicator else "",
            "subunit": a.subunit.code if a.subunit else "",
            "start_date": a.start_date,
            "end_date": a.end_date,
            "modality": a.modality,
            "region": a.region.name if a.region else "",
            "municipality": a.municipality,
            "quantity": a.quantity,
            "women": a.women,
            "men": a.men,
            "total": a.total,
            "description": a.description,
        }


def _value_records(queryset):
    for v in queryset.select_related(
        "submission__agency", "submission__reporting_year", "indicator__goal"
    ).order_by("submission__agency__code", "indicator__goal__number", "indicator__position"):
        yield {
            "year": v.submission.reporting_year.year,
            "agency": v.submission.agency.code,
            "status": v.submission.status,
            "indicator": v.indicator.code,
            "women": v.women,
            "men": v.men,
            "total": v.total,
            "numerator": v.numerator,
            "denominator": v.denominator,
            "yes_no": v.yes_no,
            "text": v.text,
            "no_data": v.no_data,
            "no_data_reason": v.no_data_reason,
            "activities_note": v.activities_note,
        }


def _export(kind, fmt, filename, activities, values):
    if fmt not in EXPORT_FORMATS or kind not in ("activities", "values"):
        raise Http404
    headers = ACTIVITY_HEADERS if kind == "activities" else VALUE_HEADERS
    records = _activity_records(activities) if kind == "activities" else _value_records(values)
    if fmt == "json":
        data = [
            {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in record.items()}
            for record in records
        ]
        response = JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    rows = ([record[key] for key, _label in headers] for record in records)
    return table_response(fmt, filename, [label for _key, label in headers], rows, kind)


@require_GET
@with_submission()
def export_agency(request, submission, can_write, kind, fmt):
    """One agency's year: its own focal points and the working group see drafts, everyone else
    approved data only (enforced by the access helper)."""
    return _export(
        kind,
        fmt,
        f"{kind}-{submission.agency.code}-{submission.year}",
        Activity.objects.filter(submission=submission),
        IndicatorValue.objects.filter(submission=submission),
    )


@require_GET
def export_year(request, year, kind, fmt):
    """All agencies' data of a year: drafts only for those allowed to read them."""
    plan = plan_or_404(request)
    get_object_or_404(ReportingYear.objects.for_plan(plan), year=year)
    visible = rules.visible_submissions_q(request.user)
    submissions = Q(submission__reporting_year__year=year) & _prefixed(visible)
    return _export(
        kind,
        fmt,
        f"{kind}-{plan.code}-{year}",
        Activity.objects.for_plan(plan).filter(submissions),
        IndicatorValue.objects.for_plan(plan).filter(submissions),
    )


def _prefixed(q):
    """A Q on Submission, applied through the `submission` relation."""
    if not q.children:
        return Q()
    prefixed = Q()
    prefixed.connector, prefixed.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            prefixed.children.append(_prefixed(child))
        else:
            key, value = child
            prefixed.children.append((f"submission__{key}", value))
    return prefixed
