"""Reference sheets: prefilled from the plan only, shown on the indicator page, edited by the
working group alone, every change in the sheet's history (who, when, old → new)."""

import pytest
from django.urls import reverse

from references.models import ReferenceSheet
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def sheet_of(code):
    return ReferenceSheet.objects.get(indicator__code=code)


def form_data(sheet, **changes):
    """What the edit form sends, as a person who changed `changes` would send it."""
    from references.forms import SHEET_FIELDS

    data = {name: getattr(sheet, name) or "" for name in SHEET_FIELDS}
    data["loaded"] = sheet.updated_at.isoformat()
    data.update(changes)
    return data


def test_prefill_says_only_what_the_plan_says(sheets):
    assert ReferenceSheet.objects.filter(indicator__plan=sheets).count() == 23
    share = sheet_of("9")
    assert share.calculation_es == (
        "Numerador: personal capacitado. Denominador: personal por desplegar."
    )
    assert "lost in Annex 3" in share.limitations_en
    assert sheet_of("4b").disaggregation_es == "Por sexo (mujeres y hombres)."
    assert sheet_of("1a").disaggregation_es == ""
    # The plan states no definition and no baseline: left empty, not invented.
    assert not ReferenceSheet.objects.exclude(definition_es="").exists()
    assert not ReferenceSheet.objects.exclude(baseline_value="").exists()


def test_sheet_on_the_indicator_page(client, sheets, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        page = client.get(reverse("indicator-detail", args=["9"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ficha técnica" in text
    assert "Numerador: personal capacitado. Denominador: personal por desplegar." in text
    assert "Informe anual sobre el desarrollo y cumplimiento del PNA-1325" in text


def test_sheet_page_queries_do_not_grow_with_history(
    client, sheets, people, django_assert_max_num_queries
):
    client.force_login(people["working_group"])
    url = reverse("references:edit", args=["1a"])
    for number in range(5):
        sheet = sheet_of("1a")
        client.post(url, form_data(sheet, definition_es=f"Versión {number}"))
    client.logout()
    with django_assert_max_num_queries(12):
        page = client.get(reverse("references:sheet", args=["1a"]))
    assert page.content.decode().count("Versión") >= 5


@pytest.mark.parametrize(
    "role, status",
    [("focal_point", 403), ("other_focal_point", 403), ("observer", 403), ("administrator", 403)],
)
def test_only_the_working_group_edits(client, sheets, people, role, status):
    client.force_login(people[role])
    url = reverse("references:edit", args=["1a"])
    assert client.get(url).status_code == status
    sheet = sheet_of("1a")
    assert client.post(url, form_data(sheet, definition_es="Intento")).status_code == status
    assert sheet_of("1a").definition_es == ""


def test_visitors_read_and_are_sent_to_sign_in_to_edit(client, sheets):
    client.cookies["django_language"] = "en"
    assert client.get(reverse("references:sheet", args=["1a"])).status_code == 200
    response = client.get(reverse("references:edit", args=["1a"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert (
        "Edit the reference sheet"
        not in client.get(reverse("references:sheet", args=["1a"])).content.decode()
    )


def test_an_edit_is_in_the_history_with_old_new_and_author(client, sheets):
    member = PersonFactory(role="working_group", first_name="Gabriela", last_name="Ruiz")
    client.force_login(member)
    client.cookies["django_language"] = "en"
    sheet = sheet_of("4b")
    response = client.post(
        reverse("references:edit", args=["4b"]),
        form_data(
            sheet,
            definition_es="Mujeres uniformadas capacitadas en el CECOPAM.",
            baseline_value="12",
            baseline_year="2020",
        ),
    )
    assert response.status_code == 302
    sheet = sheet_of("4b")
    assert sheet.updated_by == member.username
    record = sheet.history.first()
    assert record.history_user_id == member.username
    assert record.definition_es == "Mujeres uniformadas capacitadas en el CECOPAM."
    page = client.get(reverse("references:sheet", args=["4b"]))
    history = page.content.decode().split('data-testid="sheet-history"')[1]
    assert "Gabriela Ruiz" in history
    assert "Definition (spanish)" in history
    assert "Mujeres uniformadas capacitadas en el CECOPAM." in history
    assert "Baseline value" in history and "<td>12</td>" in history
    assert "12 (2020)" in page.content.decode()


def test_bad_input_gets_a_clear_message(client, sheets, people):
    client.force_login(people["working_group"])
    client.cookies["django_language"] = "en"
    sheet = sheet_of("1a")
    url = reverse("references:edit", args=["1a"])
    response = client.post(url, form_data(sheet, baseline_year="2020"))
    assert response.status_code == 400
    assert "Give the baseline value for that year." in response.content.decode()
    response = client.post(url, form_data(sheet, baseline_value="3", baseline_year="3000"))
    assert response.status_code == 400
    assert "Give a year between 1900 and 2024" in response.content.decode()
    response = client.post(url, form_data(sheet, baseline_year="veinte", definition_es="\x00"))
    assert response.status_code == 400
    assert sheet_of("1a").baseline_year is None
    assert client.get(reverse("references:sheet", args=["nope"])).status_code == 404


def test_a_change_made_meanwhile_is_not_overwritten(client, sheets, people):
    client.force_login(people["working_group"])
    client.cookies["django_language"] = "en"
    url = reverse("references:edit", args=["2a"])
    loaded = form_data(sheet_of("2a"), definition_es="Mi versión")
    other = PersonFactory(role="working_group")
    other_client = client.__class__()
    other_client.force_login(other)
    other_client.post(url, form_data(sheet_of("2a"), definition_es="Su versión"))
    response = client.post(url, loaded, follow=True)
    assert sheet_of("2a").definition_es == "Su versión"
    assert "changed this sheet while you were editing it" in response.content.decode()


def test_a_revision_that_changed_the_indicator_is_on_its_sheet(client, sheets):
    from indicators.models import PlanRevision, RevisionChange

    indicator = sheets.indicators.get(code="5b")
    applied = PlanRevision.objects.create(
        plan=sheets,
        number=1,
        first_year=2023,
        reason="Revisión de medio término.",
        status=PlanRevision.Status.APPLIED,
    )
    RevisionChange.objects.create(
        revision=applied, kind=RevisionChange.Kind.INDICATOR_TEXT, indicator=indicator
    )
    target = sheets.indicators.get(code="4b").targets.get()
    RevisionChange.objects.create(
        revision=applied, kind=RevisionChange.Kind.TARGET_TERMS, target=target
    )
    draft = PlanRevision.objects.create(plan=sheets, first_year=2024, reason="Aún en preparación.")
    RevisionChange.objects.create(
        revision=draft, kind=RevisionChange.Kind.INDICATOR_RETIRED, indicator=indicator
    )
    client.cookies["django_language"] = "en"
    text = client.get(reverse("references:sheet", args=["5b"])).content.decode()
    assert "Revision 1, from 2023: Reword an indicator" in text
    assert "Retire an indicator" not in text  # a revision being prepared changes nothing yet
    text = client.get(reverse("indicator-detail", args=["4b"])).content.decode()
    assert "Revision 1, from 2023: Change a target&#x27;s kind or number" in text
    data = client.get(reverse("api-plan")).json()
    codes = {i["code"]: i for a in data["areas"] for g in a["goals"] for i in g["indicators"]}
    assert codes["5b"]["reference_sheet"]["revisions"] == [1]
    assert codes["2a"]["reference_sheet"]["revisions"] == []
