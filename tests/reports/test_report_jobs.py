"""Previews and publications run off the request, as jobs: the page shows their progress and
refreshes itself until the file is ready; a failure is explained in the reader's language;
`run_report_jobs` runs what is waiting and takes over what was abandoned."""

import io
import threading
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from indicators.models import Plan
from reports import jobs, publishing
from reports.models import PublishedReport, ReportJob
from tests.factories import PersonFactory
from tests.reporting.conftest import login
from tests.reports.conftest import publish

pytestmark = pytest.mark.django_db

REFRESH = '<meta http-equiv="refresh" content="3">'


def job_of(**fields):
    defaults = {
        "plan": Plan.objects.get(),
        "year": 2022,
        "language": "es",
        "kind": ReportJob.Kind.PUBLICATION,
        "number": 1,
    }
    return ReportJob.objects.create(**{**defaults, **fields})


def test_a_preview_is_a_job_whose_file_is_marked_and_never_published(
    client, people, data_2022, monkeypatch
):
    stamped = []
    real = publishing.render

    def render(report, fmt):
        stamped.append(report)
        return real(report, fmt)

    monkeypatch.setattr(publishing, "render", render)
    login(client, people["working_group"])
    response = client.post(
        reverse("reports:page"),
        {"year": 2022, "language": "es", "format": "xlsx", "kind": "approved"},
    )
    job = ReportJob.objects.get()
    assert response.url == reverse("reports:job", args=[job.pk])
    assert (job.kind, job.status, job.format, job.draft) == ("preview", "done", "xlsx", False)
    assert job.requested_by == people["working_group"].username
    page = client.get(response.url).content.decode()
    assert "1 de 1 formato listo" in page and REFRESH not in page
    download = client.get(reverse("reports:job-download", args=[job.pk]))
    assert download["Content-Disposition"].endswith(
        'informe-MX-PNA1325-2021-2022-es-borrador.xlsx"'
    )
    assert load_workbook(io.BytesIO(download.content)).sheetnames[0] == "Resumen"
    # Approved data only, and still a preview: the formatters mark it on every page.
    [report] = stamped
    assert report.final and report.preview is True and report.version is None
    assert not PublishedReport.objects.exists()
    # With submitted data: a draft, its own mark.
    client.post(
        reverse("reports:page"),
        {"year": 2022, "language": "en", "format": "xlsx", "kind": "draft"},
    )
    assert not stamped[-1].final and stamped[-1].preview is True
    assert not PublishedReport.objects.exists()


def test_the_progress_page_refreshes_until_the_job_is_done(client, people, data_2022):
    login(client, people["working_group"])
    job = job_of(requested_by=people["working_group"].username)
    url = reverse("reports:job", args=[job.pk])
    page = client.get(url).content.decode()
    assert REFRESH in page and "Esperando para comenzar" in page
    assert "0 de 3 formatos listos" in page
    ReportJob.objects.filter(pk=job.pk).update(status="running", formats_done=2)
    page = client.get(url).content.decode()
    assert REFRESH in page and "En proceso" in page and "2 de 3 formatos listos" in page
    assert 'value="2"' in page and 'max="3"' in page  # the <progress> bar, no inline style
    ReportJob.objects.filter(pk=job.pk).update(status="failed", failure="published_meanwhile")
    page = client.get(url).content.decode()
    assert REFRESH not in page and "Revisar de nuevo la página de confirmación" in page


@pytest.mark.parametrize(
    "language, message",
    [
        ("es", "cambiaron después de confirmar la publicación: no se publicó nada."),
        ("en", "changed after the publication was confirmed: nothing was published."),
    ],
)
def test_a_failed_job_says_why_in_the_readers_language(
    client, people, data_2022, language, message
):
    job = job_of(status="failed", failure=ReportJob.Failure.DATA_CHANGED)
    login(client, people["working_group"])
    client.cookies["django_language"] = language
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert message in page


def test_an_unexpected_error_fails_the_job_and_is_logged(
    client, people, data_2022, monkeypatch, caplog
):
    def broken(report, fmt):
        raise OSError("disco lleno")

    monkeypatch.setattr(jobs, "render", broken)
    login(client, people["working_group"])
    page = publish(client)
    job = ReportJob.objects.get()
    assert (job.status, job.failure) == ("failed", "unexpected")
    assert "OSError: disco lleno" in job.error and "disco lleno" in caplog.text
    assert "por un error inesperado" in page.content.decode()
    assert "disco lleno" not in page.content.decode()  # the details are for the logs
    assert not PublishedReport.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("focal_point", 403), ("observer", 403), ("administrator", 403)],
)
def test_only_the_working_group_follows_jobs(client, people, data_2022, who, status):
    group = PersonFactory(role="working_group")
    job = jobs.preview(Plan.objects.get(), 2022, "es", "xlsx", draft=True, by=group)
    login(client, people.get(who))
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == status
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == status


def test_a_job_runs_once(data_2022):
    job = job_of(kind="preview", number=None, format="xlsx")
    assert jobs.claim(job.pk) is not None
    assert jobs.claim(job.pk) is None  # running, and not silent long enough to be taken over
    assert jobs.run(job.pk) is None


def test_run_report_jobs_runs_waiting_and_abandoned_jobs(
    data_2022, capsys, settings, django_capture_on_commit_callbacks
):
    plan = Plan.objects.get()
    waiting = job_of(kind="preview", number=None, format="xlsx")
    long_ago = timezone.now() - timedelta(minutes=settings.REPORT_JOB_STALE_MINUTES + 1)
    abandoned = job_of(kind="preview", number=None, format="xlsx", status="running")
    ReportJob.objects.filter(pk=abandoned.pk).update(heartbeat_at=long_ago)
    busy = job_of(kind="preview", number=None, format="xlsx", status="running")
    ReportJob.objects.filter(pk=busy.pk).update(heartbeat_at=timezone.now())
    old = job_of(kind="preview", number=None, format="xlsx", status="done")
    old.file.save("x", ContentFile(b"viejo"))
    ReportJob.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - timedelta(days=settings.REPORT_PREVIEW_KEEP_DAYS + 1)
    )
    name = old.file.name
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_report_jobs")
    assert "Ran 2 report jobs (0 failed); deleted 1 old preview files." in capsys.readouterr().out
    statuses = dict(ReportJob.objects.values_list("pk", "status"))
    assert statuses[waiting.pk] == statuses[abandoned.pk] == "done"
    assert statuses[busy.pk] == "running"
    old.refresh_from_db()
    assert not old.file and not default_storage.exists(name)
    assert ReportJob.objects.for_plan(plan).count() == 4  # records stay


@pytest.mark.django_db(transaction=True)
def test_in_the_app_a_job_runs_in_a_thread_after_the_request(settings, monkeypatch):
    call_command("loaddata", "places_mx", "agencies", "plan", "data_2022", verbosity=0)
    settings.REPORT_JOBS_IN_THREAD = True
    ran_in = []
    run = jobs.run

    def recorded(pk):
        ran_in.append(threading.current_thread().name)
        return run(pk)

    monkeypatch.setattr(jobs, "run", recorded)
    client = Client()
    client.force_login(PersonFactory(role="working_group"))
    response = client.post(
        reverse("reports:page"),
        {"year": 2022, "language": "es", "format": "xlsx", "kind": "approved"},
    )
    job = ReportJob.objects.get()
    assert response.url == reverse("reports:job", args=[job.pk])
    deadline = time.monotonic() + 60
    while not job.is_finished and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.status == "done" and job.file
    assert ran_in == [f"report-job-{job.pk}"]
    page = client.get(response.url).content.decode()
    assert REFRESH not in page and reverse("reports:job-download", args=[job.pk]) in page
