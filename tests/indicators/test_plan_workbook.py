"""A plan as a workbook: exported, imported into an empty database, and loaded with no code."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from agencies.models import Agency, SubUnit
from indicators.models import Plan
from indicators.plan_import import read_plan_upload, run_plan_import
from indicators.plan_workbook import plan_workbook
from indicators.serializers import plan_as_dict
from places.models import Country, Region
from tests.indicators.plan_files import SMALL_PLAN, filled_plan_workbook

pytestmark = pytest.mark.django_db


def upload(content, name="plan.xlsx"):
    return SimpleUploadedFile(name, content)


def everything(plan_code):
    """What a plan is, with the reference data it uses, as comparable plain data."""
    plan = Plan.objects.with_structure().get(code=plan_code)
    agencies = Agency.objects.filter(responsibilities__indicator__plan=plan).distinct()
    return {
        "plan": plan_as_dict(plan),
        "country": Country.objects.filter(pk=plan.country_id)
        .values("code", "name_es", "name_en", "region_label_es", "region_label_en")
        .get(),
        "regions": sorted(Region.objects.filter(country=plan.country).values_list("code", "name")),
        "agencies": sorted(agencies.values_list("code", "name_es", "name_en", "kind")),
        "subunits": sorted(
            SubUnit.objects.filter(agency__in=agencies).values_list(
                "agency__code", "code", "name_es", "name_en"
            )
        ),
    }


def empty_the_database():
    Plan.objects.all().delete()
    Agency.objects.all().delete()
    Country.objects.all().delete()
    assert not Region.objects.exists() and not SubUnit.objects.exists()


@pytest.mark.parametrize("language", ["es", "en"])
def test_mexicos_plan_round_trip_into_an_empty_database(language):
    plan = Plan.objects.get()
    before = everything(plan.code)
    with translation.override(language):
        content = plan_workbook(plan)
    empty_the_database()

    with translation.override(language):
        outcome, imported = run_plan_import(read_plan_upload(upload(content)), dry_run=False)

    assert not outcome.has_errors, [r for r in outcome.rows if r.status == "error"]
    assert imported is not None and imported.code == before["plan"]["code"]
    assert everything(imported.code) == before
    # 32 regions, 6 institutions, 23 indicators: nothing was dropped on the way
    assert len(before["regions"]) == 32
    assert sum(len(g["indicators"]) for a in before["plan"]["areas"] for g in a["goals"]) == 23


def test_a_preview_saves_nothing():
    counts = (Plan.objects.count(), Agency.objects.count(), Region.objects.count())
    outcome, plan = run_plan_import(
        read_plan_upload(upload(filled_plan_workbook(SMALL_PLAN))), dry_run=True
    )
    assert not outcome.has_errors, [r for r in outcome.rows if r.status == "error"]
    assert plan is None
    assert outcome.counts == {"new": 16, "skip": 1}  # SEDENA is already in the monitor
    assert (Plan.objects.count(), Agency.objects.count(), Region.objects.count()) == counts


def test_a_small_plan_of_another_country_is_loaded_with_targets_by_sex():
    outcome, plan = run_plan_import(
        read_plan_upload(upload(filled_plan_workbook(SMALL_PLAN))), dry_run=False
    )
    assert not outcome.has_errors, [r for r in outcome.rows if r.status == "error"]
    assert plan.country.region_label_en == "Province"
    assert sorted(plan.country.regions.values_list("name", flat=True)) == ["Norte", "Sur"]
    indicator = plan.indicators.get(code="1a")
    assert indicator.measure == "people_by_sex" and indicator.line.number == 1
    assert [(t.counted, int(t.value)) for t in indicator.targets.order_by("position")] == [
        ("women", 300),
        ("men", 200),
    ]
    assert list(
        plan.indicators.get(code="1b").responsibilities.values_list("agency__code", flat=True)
    ) == ["MOD-1", "SEDENA"]
    # SEDENA was already in the monitor: its names were kept, not overwritten
    assert Agency.objects.get(code="SEDENA").name_es != "SEDENA"
    assert Plan.objects.get(is_current=True).code != plan.code


def rows_in_error(outcome):
    return {(r.sheet, r.row): r.errors for r in outcome.rows if r.status == "error"}


def test_row_errors_name_the_sheet_row_and_column_and_nothing_is_saved():
    rows = {key: [dict(row) for row in value] for key, value in SMALL_PLAN.items()}
    rows["indicators"][1]["goal"] = 7  # no goal 7
    rows["targets"][0]["kind"] = "lo que sea"
    rows["institutions"][0]["agency"] = "NADIE"
    plans = Plan.objects.count()
    outcome, plan = run_plan_import(
        read_plan_upload(upload(filled_plan_workbook(rows))), dry_run=False
    )
    assert plan is None and Plan.objects.count() == plans
    assert not Agency.objects.filter(code="MOD-1").exists()
    errors = rows_in_error(outcome)
    # the rows that name indicator 1b are in error while its own row is
    assert set(errors) == {
        ("Indicadores", 3),
        ("Metas", 2),
        ("Responsables", 2),
        ("Responsables", 3),
        ("Responsables", 4),
    }
    assert errors[("Indicadores", 3)] == [
        ("Objetivo", "No hay objetivo “7” en la hoja “Objetivos” (o su fila tiene un error).")
    ]
    assert "1b" in errors[("Responsables", 3)][0][1]
    assert errors[("Metas", 2)][0][0] == "Tipo de meta"
    assert "NADIE" in errors[("Responsables", 2)][0][1]


def test_a_plan_code_already_in_the_monitor_is_refused():
    rows = dict(SMALL_PLAN, plan=[dict(SMALL_PLAN["plan"][0], code=Plan.objects.get().code)])
    outcome, plan = run_plan_import(read_plan_upload(upload(filled_plan_workbook(rows))))
    assert plan is None
    assert ("Plan", 2) in rows_in_error(outcome)


def test_a_plan_with_no_goals_is_refused():
    rows = dict(SMALL_PLAN, goals=[], lines=[], activities=[], indicators=[], targets=[])
    rows["institutions"] = []
    outcome, _plan = run_plan_import(read_plan_upload(upload(filled_plan_workbook(rows))))
    assert any(r.sheet == "Objetivos" for r in outcome.rows if r.status == "error")


def test_the_template_offers_the_choices_as_drop_down_lists():
    workbook = load_workbook(BytesIO(plan_workbook()))
    indicators = workbook["Indicadores"]
    validations = indicators.data_validations.dataValidation
    assert validations and validations[0].type == "list"
    lists = workbook["Listas"]
    assert lists.sheet_state == "hidden"
    labels = {cell.value for row in lists.iter_rows() for cell in row}
    assert "Una cifra de personas por sexo (mujeres, hombres)" in labels or any(
        "sexo" in str(label) for label in labels
    )


# -- pages ----------------------------------------------------------------------------------------


def test_anyone_downloads_a_plan_as_a_workbook_that_opens(client):
    response = client.get("/plan/workbook.xlsx")
    assert response.status_code == 200
    assert 'filename="MX-PNA1325-2021.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    codes = [row[0] for row in workbook["Indicadores"].iter_rows(min_row=2, values_only=True)]
    assert len(codes) == 23 and codes[0] == "1a"


@pytest.mark.parametrize("role", ["focal_point", "observer"])
def test_only_the_working_group_and_administrators_load_plans(client, people, role):
    client.force_login(people[role])
    assert client.get("/plan-imports/").status_code == 403
    assert client.get("/plan-imports/template.xlsx").status_code == 403
    content = filled_plan_workbook(SMALL_PLAN)
    response = client.post("/plan-imports/", {"file": upload(content)})
    assert response.status_code == 403
    assert not Plan.objects.filter(code="XY-NAP-2025").exists()


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/plan-imports/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_working_group_previews_fixes_and_confirms_a_plan(client, people):
    client.force_login(people["working_group"])
    assert client.get("/plan-imports/template.xlsx").status_code == 200
    broken = {key: [dict(row) for row in rows] for key, rows in SMALL_PLAN.items()}
    broken["targets"][1]["value"] = "doscientos"
    response = client.post("/plan-imports/", {"file": upload(filled_plan_workbook(broken))})
    page = response.content.decode()
    assert response.status_code == 400
    assert "1 con error" in page and "“doscientos” no es un número." in page
    assert "Confirmar" not in page
    assert not Plan.objects.filter(code="XY-NAP-2025").exists()

    response = client.post("/plan-imports/", {"file": upload(filled_plan_workbook(SMALL_PLAN))})
    assert response.status_code == 200
    assert "16 nuevas" in response.content.decode()
    assert not Plan.objects.filter(code="XY-NAP-2025").exists()
    batch = response.context["batch"]

    response = client.post(f"/plan-imports/{batch.pk}/confirm/", follow=True)
    assert response.status_code == 200
    plan = Plan.objects.get(code="XY-NAP-2025")
    assert plan.indicators.count() == 2
    batch.refresh_from_db()
    assert batch.plan == plan and batch.applied_at is not None and not batch.file
    assert "XY-NAP-2025" in response.content.decode()

    # a second confirmation of the same preview loads nothing more
    response = client.post(f"/plan-imports/{batch.pk}/confirm/", follow=True)
    assert Plan.objects.filter(code="XY-NAP-2025").count() == 1
    assert "ya se importó" in response.content.decode()

    # the plan's pages answer under its code; Mexico's keep the short addresses
    assert client.get("/plans/XY-NAP-2025/plan/").status_code == 200
    assert "Xylandia" in client.get("/plans/XY-NAP-2025/plan/").content.decode()
    assert "Mujeres, Paz y Seguridad" in client.get("/plan/").content.decode()


def test_a_refused_file_says_why_and_keeps_nothing(client, people):
    client.force_login(people["administrator"])
    response = client.post("/plan-imports/", {"file": upload(b"not a workbook", "plan.xlsx")})
    assert response.status_code == 400
    assert "no es un libro" in response.content.decode()
    response = client.post("/plan-imports/", {})
    assert response.status_code == 400


def test_the_working_group_makes_another_plan_current(client, people):
    run_plan_import(read_plan_upload(upload(filled_plan_workbook(SMALL_PLAN))), dry_run=False)
    client.force_login(people["working_group"])
    page = client.get("/plans/").content.decode()
    assert "Convertirlo en el plan vigente" in page
    response = client.post("/plans/XY-NAP-2025/plan/current/")
    assert response.status_code == 302 and response["Location"] == "/plans/"
    assert Plan.objects.get(is_current=True).code == "XY-NAP-2025"
    assert "Xylandia" in client.get("/plan/").content.decode()
    assert client.get("/plans/MX-PNA1325-2021/plan/").status_code == 200
    client.force_login(people["focal_point"])
    assert client.post("/plans/MX-PNA1325-2021/plan/current/").status_code == 403
