"""An import preview worth reading: each row's figures (old → new), the valid rows imported
alone if the person chooses, the rows in error handed back with their reasons (XLSX, CSV) to
fix and upload again."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Indicator
from reporting.models import Activity, ImportBatch, IndicatorValue
from tests.reporting.conftest import login
from tests.reporting.test_spreadsheets import as_file, template, upload

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "observer",
    "focal_point",
    "other_focal_point",
    "working_group",
    "administrator",
]


def activity_row(reference, title, women, men, total=None, line="4.2", indicator=""):
    return [
        reference,
        title,
        line,
        indicator,
        "",
        "2023-03-01",
        "2023-03-02",
        "Presencial",
        "",
        "",
        1,
        women,
        men,
        total,
        "",
    ]


def rejected_url(fmt):
    return reverse("reporting:import-rejected", args=[2023, "SEDENA", fmt])


@pytest.fixture
def focal(client, people):
    return login(client, people["focal_point"])


@pytest.fixture
def mixed_file(focal, submission):
    """A good activity, a bad one, and 1a changed from 3 to 7."""
    IndicatorValue.objects.create(
        submission=submission, indicator=Indicator.objects.get(code="1a"), total=3
    )
    workbook = template(focal, submission)
    workbook["Actividades"].append(activity_row("SDN-23-101", "Curso bueno", 10, 5))
    workbook["Actividades"].append(activity_row("SDN-23-102", "Curso malo", 2, 3, total=9))
    sheet = workbook["Indicadores"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "1a")
    row[4].value = 7
    return as_file(workbook)


def test_the_preview_shows_each_rows_figures_old_and_new(focal, submission, mixed_file):
    response = upload(focal, submission, mixed_file)
    assert response.status_code == 400  # rows in error
    html = response.content.decode()
    rows = {r.reference: r for r in response.context["outcome"].rows}
    assert ("Total o cifra", "3", "7") in rows["1a"].figures
    assert ("Título", None, "Curso bueno") in rows["SDN-23-101"].figures
    assert ("Total", None, "15") in rows["SDN-23-101"].figures  # computed from women and men
    assert ("Total", None, "9") in rows["SDN-23-102"].figures  # as read, with its error
    changed = html.split('data-reference="1a"')[1].split("</tr>")[0]
    assert "<del>3</del> → <ins>7</ins>" in changed
    assert "Importar solo las 2 filas válidas" in html


def test_the_valid_rows_are_imported_alone_and_the_rest_said_skipped(focal, submission, mixed_file):
    upload(focal, submission, mixed_file)
    batch = ImportBatch.objects.get()
    assert not Activity.objects.exists()
    confirm = reverse("reporting:import-confirm", args=[2023, "SEDENA", batch.pk])
    # Without choosing "valid rows only", nothing is saved.
    focal.post(confirm)
    assert not Activity.objects.exists()
    response = focal.post(confirm, {"valid_only": "yes"}, follow=True)
    assert list(Activity.objects.values_list("reference", flat=True)) == ["SDN-23-101"]
    assert IndicatorValue.objects.get(indicator__code="1a").total == 7
    text = response.content.decode()
    assert "Importado: 1 nuevas, 1 modificadas" in text  # the activity, the figure of 1a
    assert "Se omitió una fila con error" in text


def test_the_rejected_rows_download_to_be_fixed_and_uploaded_again(focal, submission, mixed_file):
    upload(focal, submission, mixed_file)
    response = focal.get(rejected_url("xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Actividades"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Problemas por corregir"
    assert [r[0] for r in rows[1:]] == ["SDN-23-102"]
    assert "suman 5, no 9" in rows[1][-1]
    assert len(list(workbook["Indicadores"].iter_rows(min_row=2))) == 0
    # Corrected, it imports.
    sheet["N2"] = 5
    preview = upload(focal, submission, as_file(workbook))
    assert preview.status_code == 200, preview.context["outcome"].rows
    assert preview.context["outcome"].counts == {"new": 1}
    csv_response = focal.get(rejected_url("csv"))
    assert csv_response.status_code == 404  # the last preview refused nothing


def test_rejected_activities_download_as_csv(focal, submission, mixed_file):
    upload(focal, submission, mixed_file)
    response = focal.get(rejected_url("csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Referencia" and rows[0][-1] == "Problemas por corregir"
    assert [r[0] for r in rows[1:]] == ["SDN-23-102"]


REJECTED_STATUS = {
    "anonymous": 302,
    "observer": 404,
    "focal_point": 200,
    "other_focal_point": 404,
    "working_group": 403,
    "administrator": 404,
}


@pytest.mark.parametrize("who", WHO)
def test_rejected_rows_access(client, people, submission, mixed_file, who):
    focal = login(client, people["focal_point"])
    upload(focal, submission, mixed_file)
    if who != "focal_point":
        client.logout()
        login(client, people.get(who))
    assert client.get(rejected_url("xlsx")).status_code == REJECTED_STATUS[who]
