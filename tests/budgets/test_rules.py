"""The budget rules: amounts of 0 or more (empty is unknown, not 0), cooperation names its
partner, spending more than approved is flagged and must be explained before submitting."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from budgets import rules
from budgets.forms import BudgetLineForm
from budgets.models import BudgetLine
from reporting.models import WorkflowError
from reporting.rules import missing_items
from tests.budgets.conftest import budget_line, line_of_action

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("", None),
        ("   ", None),
        (None, None),
        ("0", Decimal("0")),
        ("1250000.50", Decimal("1250000.50")),
        ("1,250,000.50", Decimal("1250000.50")),
        ("$1,250,000 MXN", Decimal("1250000")),
        (1500, Decimal("1500")),
        (1500.25, Decimal("1500.25")),
    ],
)
def test_amounts_typed_as_people_write_them(typed, amount):
    assert rules.parse_amount(typed) == amount


@pytest.mark.parametrize(
    "typed, message",
    [
        ("-5", "cannot be negative"),
        (-5, "cannot be negative"),
        ("1e30", "as a number"),
        ("99999999999999999999", "too large"),
        (10**15, "too large"),
        ("mil pesos", "as a number"),
        ("12,5", "as a number"),
        ("1.234", "two decimals"),
        (float("nan"), "as a number"),
        (float("inf"), "as a number"),
        ("=1+1", "as a number"),
        (True, "as a number"),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(typed, message):
    with translation.override("en"), pytest.raises(ValueError, match=message):
        rules.parse_amount(typed)


def _form(submission, **fields):
    data = {
        "line": line_of_action("4.1").pk,
        "source": "own",
        "partner": "",
        "programme_key": "P-019",
        "marker": "2",
        "programmed": "",
        "approved": "",
        "spent": "",
        "overspend_note": "",
        **fields,
    }
    return BudgetLineForm(data, submission=submission)


def test_form_refuses_negative_amounts_in_the_users_language(submission):
    with translation.override("es"):
        form = _form(submission, spent="-1")
        assert not form.is_valid()
        assert form.errors["spent"] == ["Un monto no puede ser negativo: escriba 0 o más."]


def test_cooperation_needs_its_partner_and_own_budget_has_none(submission):
    with translation.override("en"):
        form = _form(submission, source="cooperation")
        assert not form.is_valid()
        assert "Name the partner" in form.errors["partner"][0]
        assert _form(submission, source="cooperation", partner="ONU Mujeres").is_valid()
        own = _form(submission, partner="ONU Mujeres")
        assert not own.is_valid()
        assert "no cooperation partner" in own.errors["partner"][0]


def test_marker_is_0_1_or_2(submission):
    assert not _form(submission, marker="3").is_valid()
    assert _form(submission, marker="0").is_valid()


def test_unknown_is_not_zero(submission):
    form = _form(submission, programmed="", approved="0")
    assert form.is_valid()
    line = form.save(commit=False)
    line.submission = submission
    line.save()
    line.refresh_from_db()
    assert line.programmed is None
    assert line.approved == 0
    assert not rules.has_budget(line)


def test_spent_over_approved_warns_on_the_form(submission):
    with translation.override("es"):
        form = _form(submission, approved="1000", spent="1500.5")
        assert form.is_valid()  # allowed: a draft keeps what was typed
        assert form.warning == (
            "Se gastó más ($1,500.50 MXN) de lo aprobado ($1,000.00 MXN): explique por qué "
            "antes de enviar."
        )
        assert _form(submission, approved="1000", spent="1000").warning is None
        assert _form(submission, approved="", spent="1000").warning is None


def test_unexplained_overspending_blocks_submission(submission):
    line = budget_line(submission, approved="1000", spent="2000")
    with translation.override("en"):
        problem = (
            "Budget of line of action 4.1: more was spent than approved. Explain why, or "
            "correct the amounts."
        )
        assert problem in missing_items(submission)
        with pytest.raises(WorkflowError) as refused:
            submission.submit(by=None)
        assert problem in refused.value.messages
        line.overspend_note = "Ampliación presupuestal autorizada en julio."
        line.save()
        assert problem not in missing_items(submission)
    submission.refresh_from_db()
    assert submission.status == "draft"


def test_the_database_refuses_inconsistent_lines(submission):
    with pytest.raises(IntegrityError), transaction.atomic():
        budget_line(submission, spent="-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        budget_line(submission, source="cooperation", partner="")
    with pytest.raises(IntegrityError), transaction.atomic():
        budget_line(submission, marker=5)
    assert not BudgetLine.objects.exists()
