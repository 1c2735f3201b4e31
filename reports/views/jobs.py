"""A report job's page: its progress while it runs, then its download or its version."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agencies.access import can_review
from core.spreadsheets import download
from indicators.views import plan_or_404

from ..models import ReportJob

# Seconds between two reloads of a job's page while the job runs.
REFRESH_SECONDS = 3


def get_job_for_user(request, pk):
    """A job of the request's plan, for the working group only: a preview may show data not yet
    approved."""
    if not can_review(request.user):
        raise PermissionDenied
    jobs = ReportJob.objects.for_plan(plan_or_404(request)).select_related("plan", "published")
    return get_object_or_404(jobs, pk=pk)


@require_GET
@login_required
def job(request, pk):
    job = get_job_for_user(request, pk)
    files = list(job.published.files.all()) if job.published else []
    return render(
        request,
        "reports/job.html",
        {
            "job": job,
            "files": files,
            # A <meta> refresh, not a script: the page works without JavaScript and the CSP
            # allows no inline script; it stops once the job has finished.
            "refresh": None if job.is_finished else REFRESH_SECONDS,
        },
    )


@require_GET
@login_required
def job_download(request, pk):
    job = get_job_for_user(request, pk)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404
    with job.file.open("rb") as stored:
        return download(stored.read(), job.filename, job.content_type)
