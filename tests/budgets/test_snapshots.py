"""What was submitted and approved keeps the budget: the working group's review lists what
changed in it since the previous submission, as the public history of approved versions does."""

import pytest
from django.utils import translation

from reporting.snapshots import changes_between, snapshot
from tests.budgets.conftest import budget_line

pytestmark = pytest.mark.django_db


def test_budget_changes_between_two_submissions(submission):
    kept = budget_line(submission, "4.1", approved="1000", spent="500")
    removed = budget_line(submission, "5.1", approved="10")
    first = snapshot(submission)
    assert first["budget"][str(kept.pk)]["approved"] == "1000.00"
    kept.spent = 1500
    kept.overspend_note = "Ampliación"
    kept.save()
    removed.delete()
    budget_line(submission, "6.1", source="cooperation", partner="UE", approved="99")
    with translation.override("es"):
        changes = [
            (c.what, c.field, c.before, c.after)
            for c in changes_between(first, snapshot(submission))
        ]
    assert changes == [
        ("Presupuesto de la línea de acción 4.1", "Ejercido", "$500.00 MXN", "$1,500.00 MXN"),
        (
            "Presupuesto de la línea de acción 4.1",
            "Por qué se ejerció más de lo aprobado",
            None,
            "Ampliación",
        ),
        ("Renglón de presupuesto eliminado", "Línea de acción", "5.1", None),
        ("Renglón de presupuesto agregado", "Línea de acción", None, "6.1"),
    ]


def test_older_snapshots_without_budget_are_not_compared(submission):
    budget_line(submission, "4.1", approved="1000")
    old = snapshot(submission)
    del old["budget"]
    assert changes_between(old, snapshot(submission)) == []
