"""Report jobs, run off the request: a year with thousands of activities takes several seconds
per format, longer than a page may wait.

A job is recorded in the request's transaction and started once that transaction has committed,
in a thread of the app's process (REPORT_JOBS_IN_THREAD; the tests run it in the request, to stay
deterministic). `manage.py run_report_jobs` (cron) runs jobs still queued and takes over those
whose process ended mid-way. Whoever runs a job first claims it: a job runs once.
"""

import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone

from audit.fields import actor

from .formatters import render
from .generator import ReportError, build
from .models import Format, PublicationConflict, PublishedReport, ReportJob
from .publishing import data_state, produce, stamp

log = logging.getLogger(__name__)


class JobFailed(Exception):
    def __init__(self, failure, detail=""):
        super().__init__(detail or failure)
        self.failure = failure
        self.detail = detail


def preview(plan, year, language, fmt, draft, by):
    """Queue a preview in one format (with submitted data if `draft`), started after commit."""
    job = ReportJob.objects.create(
        plan=plan,
        year=year,
        language=language,
        kind=ReportJob.Kind.PREVIEW,
        format=fmt,
        draft=draft,
        requested_by=actor(by),
    )
    start(job)
    return job


def publication(plan, year, language, number, state, by, all_activities=False, now=False):
    """Queue the publication of version `number`, as the confirmation announced it with the data
    in `state` (a DataState fingerprint); `now` runs it here instead (the command line)."""
    job = ReportJob.objects.create(
        plan=plan,
        year=year,
        language=language,
        kind=ReportJob.Kind.PUBLICATION,
        number=number,
        data_state=state,
        all_activities=all_activities,
        requested_by=actor(by),
    )
    if now:
        return run(job.pk)
    start(job)
    return job


def start(job):
    if not settings.REPORT_JOBS_IN_THREAD:
        run(job.pk)
        job.refresh_from_db()
        return
    # After the commit: the thread's own connection must find the job, and a request that rolls
    # back never started anything.
    transaction.on_commit(
        lambda: threading.Thread(
            target=_in_thread, args=(job.pk,), name=f"report-job-{job.pk}", daemon=True
        ).start()
    )


def _in_thread(pk):
    try:
        run(pk)
    finally:
        connections.close_all()


def claim(pk, now=None):
    """The job, now running, if this worker is the first to take it (a queued job, or a running
    one silent for REPORT_JOB_STALE_MINUTES); else None. One conditional UPDATE: the database
    lets only one of two workers match it."""
    now = now or timezone.now()
    claimed = (
        ReportJob.objects.runnable(now)
        .filter(pk=pk)
        .update(status=ReportJob.Status.RUNNING, started_at=now, heartbeat_at=now, formats_done=0)
    )
    if not claimed:
        return None
    return ReportJob.objects.select_related("plan").get(pk=pk)


def run(pk):
    """Run a job if no one else has; returns it as it ended (None if it was not this one's)."""
    job = claim(pk)
    if job is None:
        return None
    try:
        if job.kind == ReportJob.Kind.PREVIEW:
            _preview(job)
        else:
            _publish(job)
    except JobFailed as failed:
        _fail(job, failed.failure, failed.detail)
    except ReportError as error:
        _fail(job, ReportJob.Failure.REPORT, str(error))
    except Exception as error:
        log.exception("Report job %s failed", pk)
        _fail(job, ReportJob.Failure.UNEXPECTED, f"{type(error).__name__}: {error}")
    return ReportJob.objects.select_related("plan", "published").get(pk=pk)


def _progress(job, done):
    ReportJob.objects.filter(pk=job.pk).update(formats_done=done, heartbeat_at=timezone.now())


def _fail(job, failure, detail):
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.FAILED,
        failure=failure,
        error=detail[:4000],
        finished_at=timezone.now(),
    )


def _preview(job):
    produced = produce(
        job.plan,
        job.year,
        job.language,
        job.format,
        final=not job.draft,
        all_activities=job.all_activities,
        preview=True,
    )
    job.file.save(produced.filename, ContentFile(produced.content), save=False)
    ReportJob.objects.filter(pk=job.pk).update(
        file=job.file.name,
        content_type=produced.content_type,
        formats_done=1,
        status=ReportJob.Status.DONE,
        finished_at=timezone.now(),
    )


def _publish(job):
    plan = job.plan
    state = data_state(plan, job.year)
    if state.fingerprint != job.data_state:
        raise JobFailed(ReportJob.Failure.DATA_CHANGED)
    if not state.anything_approved:
        raise JobFailed(ReportJob.Failure.NOTHING_APPROVED)
    # Built once, laid out in every format: the files of a version show the same data.
    report = build(
        plan, job.year, language=job.language, final=True, all_activities=job.all_activities
    )
    stamp(report, preview=False, number=job.number, cutoff=state.cutoff)
    contents = {}
    for done, fmt in enumerate(Format, start=1):
        contents[fmt.value] = render(report, fmt.value)
        _progress(job, done)
    try:
        # The version and the job's result in one transaction: a job whose process ended
        # mid-way, taken over later, has either published and is done, or has not.
        with transaction.atomic():
            version = PublishedReport.publish(
                plan,
                job.year,
                job.language,
                job.number,
                contents,
                data=report.data,
                cutoff=state.cutoff,
                published_by=job.requested_by,
            )
            ReportJob.objects.filter(pk=job.pk).update(
                status=ReportJob.Status.DONE, published=version, finished_at=timezone.now()
            )
    except PublicationConflict as conflict:
        raise JobFailed(ReportJob.Failure.PUBLISHED_MEANWHILE, str(conflict)) from conflict
