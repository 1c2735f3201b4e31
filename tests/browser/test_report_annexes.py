"""The working group, in Chromium, builds the 2022 report as DOCX and as PDF and finds in each
file what issue 14 added: the budget section (with an approved line), civil society's published
assessment, the indicator reference sheets and the indicators' global frameworks."""

import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from budgets.models import BudgetLine
from civil.models import Organisation, ShadowAssessment
from indicators.models import Indicator, LineOfAction, Plan
from references.models import FrameworkItem, FrameworkLink
from references.prefill import prefill_sheets
from reporting.models import Submission
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def year_2022_with_issue_14(plan_loaded):
    call_command("loaddata", "data_2022", verbosity=0)
    if not FrameworkItem.objects.exists():  # the live server's database was emptied
        call_command("loaddata", "frameworks", verbosity=0)
    plan = Plan.objects.get()
    prefill_sheets(plan)
    sedena = Submission.objects.get(reporting_year__year=2022, agency__code="SEDENA")
    assert sedena.status == Submission.Status.APPROVED
    BudgetLine.objects.create(
        submission=sedena,
        line=LineOfAction.objects.get(goal__number=4, number=1),
        marker=2,
        programme_key="P-019",
        approved=Decimal("1234567"),
        spent=Decimal("1000000"),
    )
    indicator = Indicator.objects.for_plan(plan).get(code="5b")
    ShadowAssessment.objects.create(
        organisation=Organisation.objects.create(name="Observatorio de Paz", acronym="OBSPAZ"),
        indicator=indicator,
        year=2022,
        comment="Faltan mujeres en los contingentes.",
        rating="behind",
        justification="Nueve de veintitrés no basta.",
        state=ShadowAssessment.State.PUBLISHED,
    )
    FrameworkLink.objects.create(
        indicator=indicator, item=FrameworkItem.objects.get(framework__code="SDG", code="5.5.2")
    )


def build(page, fmt):
    form = page.get_by_test_id("report-form")
    form.get_by_label("Año").select_option("2022")
    form.get_by_label("Idioma").select_option("es")
    form.get_by_label("Formato").select_option(fmt)
    form.get_by_label("Datos").select_option("approved")
    form.get_by_role("button", name="Generar una vista previa").click(timeout=60_000)
    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "done", timeout=60_000)
    with page.expect_download() as download_info:
        page.get_by_test_id("download").click()
    return download_info.value.path()


EXPECTED = [
    "Presupuesto",
    "Anexo: evaluaciones de la sociedad civil",
    "Anexo: fichas técnicas de los indicadores",
    "Anexo: indicadores y marcos globales",
]


def test_the_report_has_the_budget_section_and_the_annexes(page, year_2022_with_issue_14):
    reviewer = PersonFactory(role="working_group")
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(reviewer.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_role("link", name="Informes", exact=True).click()

    docx = Document(build(page, "docx"))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    for heading in EXPECTED:
        assert heading in headings, (heading, headings)
    cells = " ".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "P-019" in cells and "1,234,567" in cells.replace("\u00a0", " ")
    assert "OBSPAZ" in cells or "Observatorio de Paz" in cells
    assert "5.5.2" in cells

    page.get_by_role("link", name="Volver a la página del informe").click()
    pdf = build(page, "pdf")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True)
    flat = " ".join(text.stdout.split())
    for heading in EXPECTED[1:]:
        assert heading in flat, heading
    assert "Presupuesto" in flat and "P-019" in flat and "1,234,567" in flat
    assert "Observatorio de Paz" in flat or "OBSPAZ" in flat
