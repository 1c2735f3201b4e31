"""An agency's exported activities and figures import back unchanged, in either language, as
CSV or XLSX; numbers typed the way people write them (1,874) are read; the history names what
changed in words."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Indicator
from places.models import Region
from reporting.history import recent_changes
from reporting.models import Activity, IndicatorValue
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(submission):
    """A draft with activities of every kind of cell: formula-like titles, English texts,
    participants of another institution, municipalities, a region, a large number."""
    trained = Indicator.objects.get(code="4b")
    courses = Indicator.objects.get(code="4a")
    Activity.objects.create(
        submission=submission,
        reference="SDN-23-001",
        line=trained.line,
        indicator=trained,
        title="=Curso con signo igual",
        title_en="+A course starting with plus",
        participants_institution="SEMAR, SSPC",
        start_date="2023-10-03",
        end_date="2023-10-14",
        modality=Activity.Modality.ONLINE,
        region=Region.objects.get(name="Tlaxcala"),
        municipality="Apizaco",
        municipalities=3,
        women=7112,
        men=13028,
        total=20140,
        description="-una descripción con guion",
    )
    Activity.objects.create(
        submission=submission,
        reference="SDN-23-002",
        line=courses.line,
        indicator=courses,
        title="@Curso especializado",
        start_date="2023-05-02",
        end_date="2023-05-02",
        quantity=2,
    )
    IndicatorValue.objects.create(
        submission=submission, indicator=trained, women=7112, men=13028, total=20140
    )
    IndicatorValue.objects.create(
        submission=submission,
        indicator=Indicator.objects.get(code="4c"),
        no_data=True,
        no_data_reason="=sin cursos de idiomas",
    )
    return submission


def state():
    return (
        sorted(Activity.objects.values_list(*[f.attname for f in Activity._meta.fields])),
        sorted(
            IndicatorValue.objects.values_list(*[f.attname for f in IndicatorValue._meta.fields])
        ),
    )


def export(client, submission, kind, fmt):
    url = reverse("reporting:export", args=[submission.year, submission.agency.code, kind, fmt])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def import_and_preview(client, submission, content, name):
    url = reverse("reporting:import", args=[submission.year, submission.agency.code])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize(
    "kind, fmt", [("activities", "csv"), ("activities", "xlsx"), ("values", "xlsx")]
)
def test_an_export_imports_back_unchanged(client, people, filled, language, kind, fmt):
    login(client, people["focal_point"])
    client.cookies["django_language"] = language
    before = state()
    content = export(client, filled, kind, fmt)
    response = import_and_preview(client, filled, content, f"export.{fmt}")
    assert response.status_code == 200, response.content.decode()[:2000]
    outcome = response.context["outcome"]
    assert not outcome.has_errors, [r.errors for r in outcome.rows if r.errors]
    assert outcome.counts.get("skip", 0) >= 1
    assert not outcome.changes, [(r.reference, r.status) for r in outcome.rows]
    assert state() == before


def test_the_export_is_in_the_persons_language(client, people, filled):
    login(client, people["focal_point"])
    client.cookies["django_language"] = "en"
    sheet = load_workbook(io.BytesIO(export(client, filled, "activities", "xlsx")))["Activities"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Year", "Agency", "Status", "Reference", "Title"]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "SDN-23-001")
    row = {h: c.value for h, c in zip(header, line, strict=False)}
    assert row["Status"] == "Draft" and row["Modality"] == "Online"
    assert (
        row["Total"] == 20140
        and sheet.cell(row=2, column=header.index("Total") + 1).data_type == "n"
    )
    client.cookies["django_language"] = "es"
    sheet = load_workbook(io.BytesIO(export(client, filled, "activities", "xlsx")))["Actividades"]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "SDN-23-001")
    row = {c.value: v.value for c, v in zip(sheet[1], line, strict=False)}
    assert row["Estado"] == "Borrador" and row["Modalidad"] == "En línea"
    assert row["Cuenta para el indicador"] == "4b"


def test_numbers_written_with_thousands_separators_are_read(client, people, filled):
    login(client, people["focal_point"])
    content = export(client, filled, "activities", "csv").decode("utf-8-sig")
    changed = content.replace(",20140,", ',"20,141",').replace(",13028,", ',"13,029",')
    assert changed != content
    response = import_and_preview(client, filled, changed.encode("utf-8"), "actividades.csv")
    outcome = response.context["outcome"]
    assert not outcome.has_errors, [r.errors for r in outcome.rows if r.errors]
    assert outcome.counts.get("update") == 1


def test_a_decimal_comma_is_refused_with_a_message(client, people, filled):
    login(client, people["focal_point"])
    content = export(client, filled, "activities", "csv").decode("utf-8-sig")
    changed = content.replace(",20140,", ',"20140,5",')
    response = import_and_preview(client, filled, changed.encode("utf-8"), "actividades.csv")
    errors = " ".join(str(e) for r in response.context["outcome"].rows for e in r.errors)
    assert (
        "«20140,5» no es un número entero" in errors or "“20140,5” no es un número entero" in errors
    )


def test_the_history_names_what_changed(client, people, filled):
    activity = Activity.objects.get(reference="SDN-23-002")
    activity.indicator = Indicator.objects.get(code="4b")
    activity.region = Region.objects.get(name="Oaxaca")
    activity.quantity = 1874
    activity.save()
    from django.utils import translation

    with translation.override("es"):
        rows = recent_changes(filled)
    change = next(r for r in rows if r.action == "modificada" and "@Curso" in r.label)
    fields = {label: (before, after) for label, before, after in change.fields}
    assert fields["cuenta para el indicador"][0].startswith("4a Número de cursos")
    assert fields["cuenta para el indicador"][1].startswith("4b Número de mujeres")
    assert fields["región"] == ("—", "Oaxaca")
    assert fields["cantidad"] == ("2", "1,874")
    assert not any(
        str(value).isdigit() and len(str(value)) > 1
        for v in fields.values()
        for value in v
        if value not in ("2",)
    )
