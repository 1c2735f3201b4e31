"""Evidence (links and files with limits) and the history of every change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import Evidence, IndicatorValue
from tests.reporting.conftest import form_data, login

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024


def add(client, submission, **data):
    return client.post(
        reverse("reporting:evidence-add", args=[submission.year, submission.agency.code]),
        data,
        follow=True,
    )


def texts(response):
    return [str(m) for m in response.context["messages"]]


def test_upload_a_file_and_add_a_link(client, people, submission):
    login(client, people["focal_point"])
    add(
        client,
        submission,
        description="Lista de asistencia",
        file=SimpleUploadedFile("lista.pdf", PDF),
    )
    add(
        client,
        submission,
        description="Informe Elsie",
        url="https://elsiefund.org/annual-report-2021/",
    )
    assert Evidence.objects.count() == 2
    evidence = Evidence.objects.get(description="Lista de asistencia")
    response = client.get(
        reverse("reporting:evidence-download", args=[2023, "SEDENA", evidence.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "data, message",
    [
        ({"file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00")}, "extensión"),
        (
            {"file": SimpleUploadedFile("falso.pdf", b"MZ\x90\x00binary")},
            "no es un archivo .pdf válido",
        ),
        (
            {"file": SimpleUploadedFile("grande.pdf", PDF + b"0" * (1024 * 1024 + 1))},
            "el límite es 1 MB",
        ),
        ({}, "Indique un enlace o un archivo"),
        (
            {"url": "https://example.org/a", "file": SimpleUploadedFile("a.pdf", PDF)},
            "Indique un enlace o un archivo",
        ),
        ({"url": "no es un enlace"}, "Introduzca una URL válida"),
    ],
)
def test_bad_evidence_is_refused(client, people, submission, data, message):
    login(client, people["focal_point"])
    response = add(client, submission, description="Prueba", **data)
    assert response.status_code == 400
    assert any("No se agregó la evidencia" in m for m in texts(response)), texts(response)
    # The reason is beside the form, which keeps what the person typed.
    assert message in response.content.decode()
    assert 'value="Prueba"' in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_of_a_draft_is_private(client, people, submission):
    login(client, people["focal_point"])
    add(client, submission, description="Lista", file=SimpleUploadedFile("lista.pdf", PDF))
    evidence = Evidence.objects.get()
    url = reverse("reporting:evidence-download", args=[2023, "SEDENA", evidence.pk])
    for who, status in (("other_focal_point", 404), ("observer", 404), ("working_group", 200)):
        other = type(client)()
        login(other, people[who])
        assert other.get(url).status_code == status, who
    assert type(client)().get(url).status_code == 302  # anonymous: sign in first
    other = type(client)()
    login(other, people["other_focal_point"])
    assert (
        other.post(
            reverse("reporting:evidence-add", args=[2023, "SEDENA"]),
            {"description": "x", "url": "https://a.org"},
        ).status_code
        == 404
    )
    assert Evidence.objects.count() == 1


def test_history_shows_who_changed_what_from_what_to_what(client, people, submission):
    login(client, people["focal_point"])
    edit = reverse("reporting:edit", args=[2023, "SEDENA"])
    client.post(edit, form_data(submission, answers={"4a": {"total": 1}}))
    client.post(edit, form_data(submission, answers={"4a": {"total": 2}}))
    client.post(edit, form_data(submission, narratives={"4.1": "Primera versión"}))
    assert IndicatorValue.history.count() == 2
    response = client.get(reverse("reporting:history", args=[2023, "SEDENA"]))
    changes = response.context["changes"]
    latest_value_change = next(
        c for c in changes if c.label == "Indicador 4a" and c.action == "modificada"
    )
    assert ("total", "1", "2") in latest_value_change.fields
    assert latest_value_change.who == people["focal_point"].username
    html = response.content.decode()
    assert "Narrativa 4.1" in html and "Primera versión" in html


def test_history_queries_do_not_grow_with_changes(
    client, people, submission, django_assert_max_num_queries
):
    login(client, people["focal_point"])
    edit = reverse("reporting:edit", args=[2023, "SEDENA"])
    for total in range(1, 30):
        client.post(
            edit, form_data(submission, answers={"4a": {"total": total}, "4d": {"total": total}})
        )
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reporting:history", args=[2023, "SEDENA"]))
    assert len(response.context["changes"]) >= 50
