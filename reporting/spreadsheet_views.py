"""Templates, imports and exports of an agency's yearly data."""

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.fields import actor
from core.spreadsheets import XLSX_TYPE, download
from indicators.views import plan_or_404

from . import rules, spreadsheet_rejected
from .exports import EXPORTS, export_filename
from .models import ImportBatch, ReportingYear, SubmissionLocked
from .spreadsheet_import import ImportFailed, run_import
from .spreadsheet_reading import UploadRefused, read_upload
from .spreadsheet_template import template_workbook
from .views import with_submission

EXPORT_FORMATS = ("xlsx", "csv", "json")


@require_GET
@with_submission()
def template(request, submission, can_write):
    content = template_workbook(submission)
    name = _("template-%(agency)s-%(year)s") % {
        "agency": submission.agency.code,
        "year": submission.year,
    }
    return download(content, f"{name}.xlsx", XLSX_TYPE)


def _preview(request, submission, batch, outcome, status=200):
    rejected = spreadsheet_rejected.keep(request.session, submission, outcome, batch.filename)
    kept = spreadsheet_rejected.kept_for(request.session, submission)
    return render(
        request,
        "reporting/import_preview.html",
        {
            "submission": submission,
            "batch": batch,
            "outcome": outcome,
            "rejected": rejected,
            "rejected_csv": bool(kept) and spreadsheet_rejected.can_be_csv(kept),
            # Rows in error are skipped if the person says so: the valid rows can be imported.
            "valid_only": outcome.has_errors and outcome.changes and batch.pk,
        },
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
        return render(
            request,
            "reporting/import.html",
            {
                "submission": submission,
                "kept": spreadsheet_rejected.kept_for(request.session, submission),
            },
        )
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
    if not outcome.changes:
        return _preview(request, submission, batch, outcome, 400 if outcome.has_errors else 200)
    ImportBatch.objects.purge_stale()
    upload.seek(0)
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    return _preview(request, submission, batch, outcome, 400 if outcome.has_errors else 200)


@require_POST
@with_submission(write=True)
def import_confirm(request, submission, can_write, pk):
    """Apply a previewed file, all rows or none, under the submission's lock: refused if the
    submission can no longer change, re-previewed if its data changed since the preview, and
    answered "already applied" to a second click."""
    get_object_or_404(ImportBatch, pk=pk, submission=submission)
    valid_only = request.POST.get("valid_only") == "yes"
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
            outcome = run_import(
                parsed, locked, request.user, dry_run=False, skip_errors=valid_only
            )
            if outcome.has_errors and not valid_only:
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
    if outcome.has_errors:
        spreadsheet_rejected.keep(request.session, submission, outcome, batch.filename)
        messages.warning(
            request,
            ngettext(
                "One row in error was skipped: download it from the import page to correct it.",
                "%(count)s rows in error were skipped: download them from the import page to "
                "correct them.",
                outcome.counts["error"],
            )
            % {"count": outcome.counts["error"]},
        )
    return _to_submission(submission)


@require_GET
@with_submission(write=True)
def import_rejected(request, submission, can_write, fmt):
    """The rows the latest preview refused, with their reasons, to correct and upload again."""
    kept = spreadsheet_rejected.kept_for(request.session, submission)
    if kept is None or fmt not in ("xlsx", "csv"):
        raise Http404
    if fmt == "csv" and not spreadsheet_rejected.can_be_csv(kept):
        raise Http404
    content, filename, content_type = spreadsheet_rejected.rejected_file(submission, kept, fmt)
    return download(content, filename, content_type)


# -- exports ---------------------------------------------------------------------------------


def _export_of(kind, fmt):
    """The export class asked for, or 404 for an unknown kind or format."""
    if fmt not in EXPORT_FORMATS or kind not in EXPORTS:
        raise Http404
    return EXPORTS[kind]


@require_GET
@with_submission()
def export_agency(request, submission, can_write, kind, fmt):
    """One agency's year: its own focal points and the working group see drafts, everyone else
    approved data only (enforced by the access helper)."""
    export = _export_of(kind, fmt)
    return export(
        export.model.objects.filter(submission=submission),
        export_filename(kind, submission.agency.code, submission.year),
        submission=submission,
    ).response(fmt)


@require_GET
def export_year(request, year, kind, fmt):
    """All agencies' data of a year: drafts only for those allowed to read them."""
    plan = plan_or_404(request)
    get_object_or_404(ReportingYear.objects.for_plan(plan), year=year)
    visible = rules.visible_submissions_q(request.user)
    submissions = Q(submission__reporting_year__year=year) & _prefixed(visible)
    export = _export_of(kind, fmt)
    return export(
        export.model.objects.for_plan(plan).filter(submissions),
        export_filename(kind, plan.code, year),
        plan=plan,
    ).response(fmt)


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
