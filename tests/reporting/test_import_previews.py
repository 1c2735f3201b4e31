"""What an import keeps: only a preview that can be confirmed, in the file storage, until it is
applied or a few days pass; a second confirmation answers that it was already applied."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from reporting.models import Activity, ImportBatch
from tests.project.hostile_files import activity_row, filled, upload
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db
IMPORT = "/reporting/2023/SEDENA/import/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files(root):
    return [path for path in Path(root).rglob("*") if path.is_file()]


def preview(client, submission, **row):
    content = filled(submission, [activity_row(submission, **row)])
    return client.post(IMPORT, {"file": upload("plantilla.xlsx", content)})


def test_a_refused_preview_keeps_nothing(client, people, submission, media):
    login(client, people["focal_point"])
    assert preview(client, submission, title="t" * 400).status_code == 400
    assert client.post(IMPORT, {"file": upload("x.txt", b"hola")}).status_code == 400
    assert not ImportBatch.objects.exists() and files(media) == []


def test_a_confirmed_preview_lets_its_file_go_and_a_second_click_is_told(
    client, people, submission, media, django_capture_on_commit_callbacks
):
    login(client, people["focal_point"])
    assert preview(client, submission, reference="P-1").status_code == 200
    batch = ImportBatch.objects.get()
    assert len(files(media)) == 1
    confirm = f"/reporting/2023/SEDENA/import/{batch.pk}/confirm/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm, follow=True)
    assert "Importado: 1 nuevas" in response.content.decode()
    assert files(media) == []
    batch.refresh_from_db()
    assert batch.applied_at is not None and not batch.file
    again = client.post(confirm, follow=True)
    assert again.status_code == 200 and "Este archivo ya se importó." in again.content.decode()
    assert Activity.objects.filter(reference="P-1").count() == 1


def test_previews_nobody_confirmed_are_purged_after_a_few_days(
    client, people, submission, media, settings, django_capture_on_commit_callbacks
):
    login(client, people["focal_point"])
    old = timezone.now() - datetime.timedelta(days=settings.IMPORT_KEEP_DAYS + 1)
    recent = timezone.now() - datetime.timedelta(days=settings.IMPORT_KEEP_DAYS - 1)
    preview(client, submission, reference="P-1")
    preview(client, submission, reference="P-2")
    ImportBatch.objects.filter(pk=ImportBatch.objects.order_by("pk")[0].pk).update(uploaded_at=old)
    ImportBatch.objects.exclude(uploaded_at=old).update(uploaded_at=recent)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_imports", verbosity=0)  # the daily job
    assert ImportBatch.objects.count() == 1 and len(files(media)) == 1
    # Uploads purge as they go, too.
    ImportBatch.objects.update(uploaded_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        preview(client, submission, reference="P-3")
    assert ImportBatch.objects.count() == 1 and len(files(media)) == 1
