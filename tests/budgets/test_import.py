"""The “Presupuesto” sheet of the agency's template: written with the agency's budget lines,
read on import with a preview of every row (new, changed, unchanged, in error) before anything
is saved, applied on confirmation under the submission's lock; bad and hostile cells are refused
row by row with what to correct, never a server error."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import BudgetLine
from reporting.models import ImportBatch, Submission
from tests.budgets.conftest import budget_line, login, set_status

pytestmark = pytest.mark.django_db

HEADER = [
    "Línea de acción",
    "Fuente",
    "Socio de cooperación",
    "Programa presupuestario",
    "Marcador de igualdad de género (0, 1, 2)",
    "Programado",
    "Aprobado",
    "Ejercido",
    "Explicación si se ejerció más de lo aprobado",
]


def template(client, submission):
    response = client.get(
        reverse("reporting:template", args=[submission.year, submission.agency.code])
    )
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def with_budget_rows(workbook, rows):
    sheet = workbook["Presupuesto"]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("plantilla.xlsx", buffer.getvalue())


def upload(client, submission, file):
    return client.post(
        reverse("reporting:import", args=[submission.year, submission.agency.code]),
        {"file": file},
    )


def budget_rows(response):
    return [row for row in response.context["outcome"].rows if row.kind == "budget"]


def test_template_has_the_budget_sheet(client, people, submission):
    budget_line(submission, "4.2", programme_key="P-019", approved="1000.5", spent="10")
    login(client, people["focal_point"])
    workbook = template(client, submission)
    assert workbook.sheetnames.index("Presupuesto") == workbook.sheetnames.index("Actividades") + 1
    sheet = workbook["Presupuesto"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][:5] == ("4.2", "Presupuesto propio", None, "P-019", 2)
    assert rows[1][6:8] == (1000.5, 10)
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert {"A2", "B2", "E2"} <= validated


def test_valid_rows_previewed_then_imported(client, people, submission):
    budget_line(submission, "4.1", approved="100", spent="50")
    login(client, people["focal_point"])
    file = with_budget_rows(
        template(client, submission),
        [
            ["4.1", "Presupuesto propio", None, None, 2, None, 100, 50, None],  # unchanged
            ["6.1 Texto de la línea", "Cooperación internacional", "ONU Mujeres", "P-019",
             "1 — significativo", "1,500,000.50", 1000000, 1200000, "Donativo adicional"],
            ["7.1", "own budget", None, None, 0, 0, None, 5000, None],
        ],
    )  # fmt: skip
    preview = upload(client, submission, file)
    assert preview.status_code == 200
    assert [(r.row, r.status) for r in budget_rows(preview)] == [
        (2, "skip"),
        (3, "new"),
        (4, "new"),
    ]
    assert BudgetLine.objects.count() == 1  # nothing saved by a preview
    page = preview.content.decode()
    assert "ONU Mujeres" in page and "1,500,000.50" in page
    batch = ImportBatch.objects.get()
    confirmed = client.post(
        reverse("reporting:import-confirm", args=[submission.year, "SEDENA", batch.pk]),
        follow=True,
    )
    assert confirmed.status_code == 200
    lines = {
        (line.line.code, line.source): line for line in BudgetLine.objects.select_related("line")
    }
    cooperation = lines[("6.1", "cooperation")]
    assert (cooperation.programmed, cooperation.approved, cooperation.spent) == (
        Decimal("1500000.50"),
        Decimal("1000000"),
        Decimal("1200000"),
    )
    assert (cooperation.partner, cooperation.programme_key, cooperation.marker) == (
        "ONU Mujeres",
        "P-019",
        1,
    )
    own = lines[("7.1", "own")]
    assert (own.programmed, own.approved, own.spent) == (Decimal("0"), None, Decimal("5000"))
    # History: the imported lines were recorded like any other change.
    assert BudgetLine.history.filter(history_type="+").count() == 3


def test_a_changed_amount_updates_the_line(client, people, submission):
    line = budget_line(submission, "4.1", approved="100", spent="50")
    login(client, people["focal_point"])
    file = with_budget_rows(
        template(client, submission),
        [["4.1", "Presupuesto propio", None, None, 2, None, 100, 150, "Ampliación"]],
    )
    preview = upload(client, submission, file)
    [row] = budget_rows(preview)
    assert row.status == "update"
    assert row.figures == [
        ("Ejercido", "50", "150"),
        ("Explicación si se ejerció más de lo aprobado", "", "Ampliación"),
    ]
    batch = ImportBatch.objects.get()
    client.post(reverse("reporting:import-confirm", args=[submission.year, "SEDENA", batch.pk]))
    line.refresh_from_db()
    assert line.spent == Decimal("150") and line.overspend_note == "Ampliación"
    assert BudgetLine.objects.count() == 1


def cells(**changed):
    """A budget row of the sheet: own budget for 4.1, marker 2, with `changed` cells."""
    row = dict(
        line="4.1", source="propio", partner=None, key=None, marker=2,
        programmed=None, approved=None, spent=None, note=None,
    )  # fmt: skip
    row.update(changed)
    return list(row.values())


@pytest.mark.parametrize(
    "row, column, message",
    [
        (cells(programmed=-5), "Programado", "negativo"),
        (cells(approved=10**16), "Aprobado", "demasiado grande"),
        (cells(spent="mucho"), "Ejercido", "como número"),
        (cells(spent="1e400"), "Ejercido", "como número"),
        (cells(marker=7), "Marcador", "0, 1 o 2"),
        (cells(line="9.9"), "Línea de acción", "código"),
        (cells(line="cmd|' /C calc'!A0"), "Línea de acción", "código"),
        (cells(source="regalo"), "Fuente", "Presupuesto propio"),
        (cells(source="Cooperación internacional"), "Socio", "socio"),
        (cells(key="P" * 500), "Programa", "40"),
        (cells(source="Cooperación internacional", partner="S" * 201), "Socio", "200"),
    ],
)  # fmt: skip
def test_invalid_and_hostile_rows_are_refused(client, people, submission, row, column, message):
    login(client, people["focal_point"])
    file = with_budget_rows(template(client, submission), [row])
    preview = upload(client, submission, file)
    assert preview.status_code == 400
    [refused] = budget_rows(preview)
    assert refused.status == "error"
    assert any(label.startswith(column) and message in text for label, text in refused.errors), (
        refused.errors
    )
    assert not BudgetLine.objects.exists()
    assert not ImportBatch.objects.exists()  # a preview in error with no change keeps nothing


def test_rows_in_error_handed_back_in_the_template(client, people, submission):
    login(client, people["focal_point"])
    file = with_budget_rows(
        template(client, submission),
        [["4.1", "propio", None, None, 2, "-3", None, None, None]],
    )
    upload(client, submission, file)
    response = client.get(
        reverse("reporting:import-rejected", args=[submission.year, "SEDENA", "xlsx"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Presupuesto"].iter_rows(values_only=True))
    assert rows[1][5] == "-3" and "negativo" in rows[1][-1]


def test_duplicated_rows_are_refused(client, people, submission):
    login(client, people["focal_point"])
    row = ["4.1", "propio", None, "P-019", 2, None, 10, None, None]
    preview = upload(client, submission, with_budget_rows(template(client, submission), [row, row]))
    assert [r.status for r in budget_rows(preview)] == ["new", "error"]


def test_no_import_after_submission(client, people, submission):
    login(client, people["focal_point"])
    file = with_budget_rows(
        template(client, submission), [["4.1", "propio", None, None, 2, None, 10, None, None]]
    )
    upload(client, submission, file)
    batch = ImportBatch.objects.get()
    set_status(submission, Submission.Status.SUBMITTED)
    client.post(reverse("reporting:import-confirm", args=[submission.year, "SEDENA", batch.pk]))
    assert not BudgetLine.objects.exists()


def test_a_formula_refuses_the_file(client, people, submission):
    login(client, people["focal_point"])
    row = ["=cmd|' /C calc'!A0", "propio", None, None, 2, None, "=1+1", None, None]
    response = upload(client, submission, with_budget_rows(template(client, submission), [row]))
    assert response.status_code == 400
    assert "fórmulas" in " ".join(str(m) for m in response.context["messages"])
    assert not BudgetLine.objects.exists()
