"""Uploaded files go through Django's storage API, so several app servers can share them: the
same evidence, spreadsheet previews and published reports on an S3-compatible store (here moto's
S3 server, spoken to over HTTP by django-storages and boto3) as on the local disk."""

import datetime
import socket

import boto3
import pytest
from django.utils import timezone
from moto.server import ThreadedMotoServer

from indicators.models import Plan
from reporting.models import Evidence, ImportBatch, ReportingYear
from reports import jobs
from reports.models import PublishedReport
from reports.publishing import produce
from tests.factories import PersonFactory
from tests.project.hostile_files import activity_row, filled, upload

pytestmark = pytest.mark.django_db
BUCKET = "nap1325-archivos"
PDF = b"%PDF-1.4\n%%EOF"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3(settings):
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "prueba", "aws_secret_access_key": "prueba"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "prueba",
                "secret_key": "prueba",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def stored(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_evidence_previews_and_reports_live_in_the_shared_store(s3, client):
    from django.core.management import call_command

    call_command("loaddata", "data_2022", verbosity=0)
    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    focal = PersonFactory(role="focal_point", agency="SEDENA")
    client.force_login(focal)
    client.post(
        "/reporting/2023/SEDENA/evidence/",
        {"description": "Lista", "file": upload("lista.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    assert evidence.file.name in stored(s3)
    download = client.get(f"/reporting/2023/SEDENA/evidence/{evidence.pk}/")
    assert b"".join(download.streaming_content) == PDF

    submission = evidence.submission
    content = filled(submission, [activity_row(submission, reference="S3-1")])
    preview = client.post("/reporting/2023/SEDENA/import/", {"file": upload("a.xlsx", content)})
    assert preview.status_code == 200
    batch = ImportBatch.objects.get()
    assert batch.file.name in stored(s3)
    client.post(f"/reporting/2023/SEDENA/import/{batch.pk}/confirm/")
    assert submission.activities.filter(reference="S3-1").exists()

    plan = Plan.objects.get()
    produced = produce(plan, 2022, "es", "xlsx", preview=False)
    contents = {"xlsx": (produced.content, produced.content_type)}
    version = PublishedReport.publish(plan, 2022, "es", 1, contents, {}, timezone.now(), "")
    kept = version.files.get()
    assert kept.file.name in stored(s3)
    assert client.get(f"/reports/published/{kept.pk}/").content == produced.content
    # A preview (a report job's result) too, read back by the working group.
    group = PersonFactory(role="working_group")
    job = jobs.preview(plan, 2022, "es", "xlsx", draft=False, by=group)
    assert job.file.name in stored(s3)
    client.force_login(group)
    assert client.get(f"/reports/jobs/{job.pk}/download/").content.startswith(b"PK")
