"""Spreadsheet round trip: templates, safe imports (all or nothing), exports."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from indicators.models import Indicator
from reporting.models import Activity, ImportBatch, IndicatorValue, Submission
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(submission):
    indicator = Indicator.objects.get(code="4b")
    return Activity.objects.create(
        submission=submission,
        reference="SDN-23-001",
        line=indicator.line,
        indicator=indicator,
        title="Curso Esencial de Pre-despliegue",
        start_date="2023-10-03",
        end_date="2023-10-14",
        women=14,
        men=17,
        total=31,
    )


def template(client, submission):
    response = client.get(
        reverse("reporting:template", args=[submission.year, submission.agency.code])
    )
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def as_file(workbook, name="plantilla.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, submission, file):
    return client.post(
        reverse("reporting:import", args=[submission.year, submission.agency.code]), {"file": file}
    )


def snapshot():
    return (
        sorted(
            Activity.objects.values_list(
                "reference", "title", "women", "men", "total", "start_date"
            )
        ),
        sorted(
            IndicatorValue.objects.values_list(
                "indicator__code", "women", "men", "total", "no_data"
            )
        ),
    )


def messages_of(response):
    return " ".join(str(m) for m in response.context["messages"])


# -- the template ------------------------------------------------------------------------------


def test_template_has_the_agencys_indicators_activities_and_lists(
    client, people, submission, activity
):
    login(client, people["focal_point"])
    workbook = template(client, submission)
    assert workbook.sheetnames == [
        "Instrucciones",
        "Indicadores",
        "Actividades",
        "Presupuesto",
        "Listas",
        "_meta",
    ]
    assert (
        workbook["_meta"].sheet_state == "veryHidden" and workbook["Listas"].sheet_state == "hidden"
    )
    meta = {row[0]: row[1] for row in workbook["_meta"].iter_rows(values_only=True)}
    assert (meta["plan"], meta["agency"], meta["year"], meta["version"]) == (
        "MX-PNA1325-2021",
        "SEDENA",
        2023,
        "2",
    )
    codes = [row[0] for row in workbook["Indicadores"].iter_rows(min_row=2, values_only=True)]
    assert len(codes) == 19 and "4b" in codes and "2a" not in codes
    activities = workbook["Actividades"]
    assert activities["A1"].value == "Referencia" and activities["A2"].value == "SDN-23-001"
    assert activities.freeze_panes == "A2"
    validated = {str(v.sqref).split(":")[0] for v in activities.data_validations.dataValidation}
    assert {
        "C2",
        "D2",
        "E2",
        "H2",
        "I2",
    } <= validated  # line, indicator, sub-unit, modality, entity
    lists = [row[4] for row in workbook["Listas"].iter_rows(values_only=True) if row[4]]
    assert len(lists) == 32 and "Estado de México" in lists
    instructions = " ".join(
        str(r[0]) for r in workbook["Instrucciones"].iter_rows(values_only=True) if r[0]
    )
    assert (
        "Plantilla de SEDENA para 2023" in instructions
        and "Escriba valores, no fórmulas" in instructions
    )


def test_template_in_english_for_an_english_user(client, people, submission):
    login(client, people["focal_point"])
    client.post(reverse("set_language"), {"language": "en"})
    workbook = template(client, submission)
    assert workbook.sheetnames[:3] == ["Instructions", "Indicators", "Activities"]
    assert workbook["Activities"]["B1"].value == "Title"


# -- the round trip ------------------------------------------------------------------------------


def test_round_trip_changes_exactly_the_edited_rows(client, people, submission, activity):
    other = Activity.objects.create(
        submission=submission,
        reference="SDN-23-002",
        line=activity.line,
        title="Taller",
        start_date="2023-02-01",
        end_date="2023-02-01",
        women=3,
        men=3,
        total=6,
    )
    login(client, people["focal_point"])
    workbook = template(client, submission)
    sheet = workbook["Actividades"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "SDN-23-001")
    row[11].value, row[13].value = 15, None  # women 14 -> 15; the total is recomputed
    sheet.append(
        [
            "SDN-23-003",
            "Conversatorio",
            "4.2",
            "4b",
            "CECOPAM",
            "2023-06-01",
            "2023-06-01",
            "En línea",
            "Ciudad de México",
            "",
            1,
            2,
            2,
            4,
            "",
        ]
    )
    values = workbook["Indicadores"]
    code_row = next(r for r in values.iter_rows(min_row=2) if r[0].value == "1a")
    code_row[9].value, code_row[10].value = "Sí", "Sin cursos en 2023."
    before = snapshot()
    preview = upload(client, submission, as_file(workbook))
    assert preview.status_code == 200
    outcome = preview.context["outcome"]
    by_reference = {r.reference: r.status for r in outcome.rows}
    assert by_reference["SDN-23-001"] == "update" and by_reference["SDN-23-003"] == "new"
    assert by_reference["SDN-23-002"] == "skip" and by_reference["1a"] == "new"
    assert outcome.counts == {"update": 1, "new": 2, "skip": 19}
    assert snapshot() == before  # nothing saved by the preview
    batch = ImportBatch.objects.get()
    response = client.post(
        reverse("reporting:import-confirm", args=[2023, "SEDENA", batch.pk]), follow=True
    )
    assert "Importado: 2 nuevas, 1 modificadas, 19 sin cambios." in messages_of(response)
    activity.refresh_from_db()
    other.refresh_from_db()
    assert (activity.women, activity.men, activity.total) == (15, 17, 32)
    assert (other.women, other.title) == (3, "Taller")
    assert Activity.objects.get(reference="SDN-23-003").region.name == "Ciudad de México"
    assert IndicatorValue.objects.get(indicator__code="1a").no_data_reason == "Sin cursos en 2023."
    # The history records the imported change and who made it.
    change = activity.history.first()
    assert change.women == 15 and change.history_user == people["focal_point"]
    # The same file a second time changes nothing.
    again = upload(client, submission, as_file(workbook))
    assert again.context["outcome"].changes == 0
    assert "El archivo no cambia nada." in again.content.decode()


def test_csv_of_activities_in_either_language(client, people, submission, activity):
    login(client, people["focal_point"])
    text = (
        "Reference,Title,Line of action,Counts towards indicator,Sub-unit,Start date,End date,"
        "Modality,Federal entity,Municipality,Quantity,Women,Men,Total,Description\n"
        "SDN-23-001,Curso Esencial de Pre-despliegue,4.2,4b,CECOPAM,2023-10-03,2023-10-14,"
        "in person,Estado de Mexico,,1,14,17,31,\n"
        "SDN-23-010,Nuevo curso,4.2,4b,,31/05/2023,31/05/2023,online,29,,1,5,5,,\n"
    )
    response = upload(client, submission, SimpleUploadedFile("actividades.csv", text.encode()))
    outcome = response.context["outcome"]
    assert {r.reference: r.status for r in outcome.rows} == {
        "SDN-23-001": "update",
        "SDN-23-010": "new",
    }


# -- bad files: a clear message, nothing changed ------------------------------------------------


def refused(client, submission, file, message):
    before = snapshot()
    response = upload(client, submission, file)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text, text[text.find("alert") : text.find("alert") + 300]
    assert snapshot() == before
    return response


@pytest.fixture
def focal(client, people):
    return login(client, people["focal_point"])


def test_not_a_spreadsheet(focal, submission):
    refused(
        focal,
        submission,
        SimpleUploadedFile("informe.xlsx", b"%PDF-1.4 not a workbook"),
        "no es una hoja de cálculo",
    )
    refused(
        focal, submission, SimpleUploadedFile("notas.txt", b"hola"), "no es una hoja de cálculo"
    )


def test_corrupt_file(focal, submission):
    workbook = template(focal, submission)
    content = as_file(workbook).read()
    refused(
        focal,
        submission,
        SimpleUploadedFile("plantilla.xlsx", content[: len(content) // 2]),
        "está dañado",
    )


def test_password_protected_file(focal, submission):
    # Excel saves a password-protected workbook as an OLE2 compound file.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    refused(
        focal, submission, SimpleUploadedFile("plantilla.xlsx", ole), "protegido con contraseña"
    )


def test_another_agencys_template(client, people, submission, other_submission):
    login(client, people["other_focal_point"])
    semar = template(client, other_submission)
    client.logout()
    login(client, people["focal_point"])
    refused(client, submission, as_file(semar), "Esta es la plantilla de SEMAR, no de SEDENA.")


def test_another_years_template(focal, submission):
    workbook = template(focal, submission)
    workbook["_meta"]["B2"] = 2022
    refused(focal, submission, as_file(workbook), "Esta es la plantilla de 2022, no de 2023.")


def test_old_template_version(focal, submission):
    workbook = template(focal, submission)
    workbook["_meta"]["B3"] = "0"
    refused(focal, submission, as_file(workbook), "versión antigua (0)")


def test_a_workbook_that_is_not_the_template(focal, submission):
    workbook = template(focal, submission)
    del workbook["_meta"]
    refused(focal, submission, as_file(workbook), "no es la plantilla de la aplicación")


def test_missing_or_renamed_columns(focal, submission):
    workbook = template(focal, submission)
    workbook["Actividades"]["L1"] = "Mujer"
    refused(
        focal, submission, as_file(workbook), "Faltan columnas o se les cambió el nombre: Mujeres."
    )


def test_formulas_are_refused(focal, submission, activity):
    workbook = template(focal, submission)
    workbook["Actividades"]["N2"] = "=L2+M2"
    refused(focal, submission, as_file(workbook), "Hay celdas con fórmulas (N2)")


def test_files_above_the_size_limit(focal, submission, settings):
    settings.IMPORT_MAX_BYTES = 1024
    workbook = template(focal, submission)
    refused(focal, submission, as_file(workbook), "el límite es 0 MB")


def test_too_many_rows(focal, submission, settings):
    settings.IMPORT_MAX_ROWS = 3
    workbook = template(focal, submission)
    refused(focal, submission, as_file(workbook), "como máximo se pueden importar 3 a la vez")


def test_rows_in_error_are_explained_and_nothing_is_saved(focal, submission, activity):
    workbook = template(focal, submission)
    sheet = workbook["Actividades"]
    sheet["L2"] = "catorce"  # text in a number cell
    sheet.append(
        [
            "SDN-23-005",
            "Fuera de año",
            "9.9",
            "2a",
            "GN",
            "2024-01-05",
            "2023-01-01",
            "Volando",
            "Narnia",
            "",
            1,
            -2,
            3,
            9,
            "",
        ]
    )
    sheet.append(
        [
            "SDN-23-006",
            "Mal total",
            "4.2",
            "4b",
            "",
            "2023-03-01",
            "2023-03-01",
            "",
            "",
            "",
            1,
            2,
            3,
            9,
            "",
        ]
    )
    sheet.append(
        [
            "SDN-23-006",
            "Repetida",
            "4.2",
            "",
            "",
            "2023-03-01",
            "2023-03-01",
            "",
            "",
            "",
            1,
            None,
            None,
            None,
            "",
        ]
    )
    sheet.append(
        [
            None,
            "Sin referencia",
            "4.2",
            "",
            "",
            "2023-03-01",
            "2023-03-01",
            "",
            "",
            "",
            1,
            None,
            None,
            None,
            "",
        ]
    )
    # 1a: a figure (saves nothing until the person chooses to import the valid rows only)
    workbook["Indicadores"]["E2"] = 7
    response = refused(
        focal,
        submission,
        as_file(workbook),
        "filas tienen errores: no pueden importarse tal como están",
    )
    rows = {(r.sheet, r.row): r for r in response.context["outcome"].rows}
    assert ("Mujeres", "«catorce» no es un número entero.") in rows[("Actividades", 2)].errors
    bad = dict(rows[("Actividades", 3)].errors)
    assert bad["Línea de acción"] == "No existe la línea de acción «9.9»."
    assert bad["Cuenta para el indicador"] == "«2a» no es un indicador a cargo de su dependencia."
    assert bad["Unidad"] == "«GN» no es una unidad de su dependencia."
    assert (
        bad["Entidad federativa"]
        == "«Narnia» no está entre las opciones de «Entidad federativa» (México)."
    )
    assert bad["Mujeres"] == "-2 es negativo; escriba 0 o más."
    assert "La fecha debe estar dentro del año que se informa, 2023." in bad["Fecha de inicio"]
    assert (
        dict(rows[("Actividades", 4)].errors)["Total"]
        == "Mujeres (2) más hombres (3) suman 5, no 9."
    )
    assert "se usa en las filas 4, 5" in dict(rows[("Actividades", 5)].errors)["Referencia"]
    assert (
        "Dé a cada actividad una referencia" in dict(rows[("Actividades", 6)].errors)["Referencia"]
    )
    assert not ImportBatch.objects.filter(applied_at__isnull=False).exists()


def test_figures_follow_the_yearly_form_rules(focal, submission):
    workbook = template(focal, submission)
    sheet = workbook["Indicadores"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "4b")
    row[2].value, row[3].value, row[4].value = 14, 17, 30
    response = refused(focal, submission, as_file(workbook), "importarse tal como est")
    errors = next(r for r in response.context["outcome"].rows if r.reference == "4b").errors
    assert ("Total o cifra", "Mujeres (14) más hombres (17) suman 31, no 30.") in errors


# -- who may import ----------------------------------------------------------------------------


def test_only_the_agencys_own_drafts(client, people, submission):
    for who, status in (("other_focal_point", 404), ("working_group", 403), ("observer", 404)):
        client.logout()
        login(client, people[who])
        url = reverse("reporting:import", args=[2023, "SEDENA"])
        assert client.get(url).status_code == status, who
    client.logout()
    login(client, people["focal_point"])
    workbook = template(client, submission)
    Submission.objects.filter(pk=submission.pk).update(
        status="approved", approved_at=timezone.now()
    )
    before = snapshot()
    response = upload(client, submission, as_file(workbook))
    assert response.status_code == 302 and snapshot() == before


def test_confirm_after_the_data_changed_is_refused(client, people, submission, activity):
    login(client, people["focal_point"])
    workbook = template(client, submission)
    next(r for r in workbook["Actividades"].iter_rows(min_row=2))[11].value = 20
    workbook["Actividades"]["N2"] = None
    upload(client, submission, as_file(workbook))
    batch = ImportBatch.objects.get()
    Submission.objects.filter(pk=submission.pk).update(
        version=submission.version + 1
    )  # a form save
    response = client.post(reverse("reporting:import-confirm", args=[2023, "SEDENA", batch.pk]))
    assert response.status_code == 409
    assert "Los datos cambiaron desde su vista previa" in response.content.decode()
    activity.refresh_from_db()
    assert activity.women == 14


# -- exports -----------------------------------------------------------------------------------


def test_exports_in_three_formats_with_formulas_defused(client, people, submission, activity):
    activity.title = '=HYPERLINK("http://malo.example")'
    activity.save()
    login(client, people["focal_point"])
    base = reverse("reporting:export", args=[2023, "SEDENA", "activities", "csv"])
    rows = list(csv.reader(io.StringIO(client.get(base).content.decode("utf-8-sig"))))
    assert rows[1][4] == '\'=HYPERLINK("http://malo.example")'
    xlsx = client.get(reverse("reporting:export", args=[2023, "SEDENA", "activities", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    # XLSX: the same text, typed as text (no formula element, no visible apostrophe).
    assert sheet["E2"].value == '=HYPERLINK("http://malo.example")'
    assert sheet["E2"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    data = json.loads(
        client.get(reverse("reporting:export", args=[2023, "SEDENA", "activities", "json"])).content
    )
    # JSON: the columns with their labels in the user's language, then the rows by key.
    assert data["columns"][3] == {"key": "reference", "label": "Referencia"}
    assert data["rows"][0]["reference"] == "SDN-23-001" and data["rows"][0]["women"] == 14
    values = client.get(reverse("reporting:export", args=[2023, "SEDENA", "values", "csv"]))
    assert values.status_code == 200


def test_exports_follow_the_access_rules(client, people, submission, other_submission, activity):
    url = reverse("reporting:export", args=[2023, "SEDENA", "activities", "json"])
    login(client, people["other_focal_point"])
    assert client.get(url).status_code == 404  # another agency's draft
    year_url = reverse("reporting:export-year", args=[2023, "activities", "json"])
    # Only approved data, and there is none.
    assert json.loads(client.get(year_url).content)["rows"] == []
    client.logout()
    login(client, people["working_group"])
    assert [r["agency"] for r in json.loads(client.get(year_url).content)["rows"]] == ["SEDENA"]
    Submission.objects.filter(pk=submission.pk).update(
        status="approved", approved_at=timezone.now()
    )
    client.logout()
    assert len(json.loads(client.get(year_url).content)["rows"]) == 1  # public once approved
    assert client.get(url).status_code == 200


def test_administrators_export_reference_data_with_formulas_defused(client, people):
    from agencies.models import Agency

    Agency.objects.filter(code="SRE").update(name_es="=1+1")
    login(client, people["administrator"])
    response = client.post(
        reverse("admin:agencies_agency_export"),
        {
            "format": "0",  # CSV
            "resource": "0",
            "agencyresource_code": "on",
            "agencyresource_name_es": "on",
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "code,name_es" and len(lines) == 7
    assert "SRE,=1+1" not in lines and "SRE,1+1" in lines  # django-import-export strips the =
    assert client.get(reverse("admin:agencies_agency_import")).status_code == 200
