"""Activities: recorded, validated with the same rules as the import, listed and filtered."""

import pytest
from django.urls import reverse

from agencies.models import SubUnit
from indicators.models import Indicator, LineOfAction
from places.models import Region
from reporting.models import Activity
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def new_url(submission):
    return reverse("reporting:activity-new", args=[submission.year, submission.agency.code])


def valid(**overrides):
    indicator = Indicator.objects.get(code="4b")
    data = {
        "title": "Curso Esencial de Pre-despliegue con Enfoque de Género",
        "reference": "CECOPAM-2023-01",
        "line": indicator.line_id,
        "indicator": indicator.pk,
        "subunit": SubUnit.objects.get(code="CECOPAM").pk,
        "start_date": "2023-10-03",
        "end_date": "2023-10-14",
        "modality": "in_person",
        "region": Region.objects.get(country__code="MX", code="15").pk,
        "municipality": "Temamatla",
        "quantity": 1,
        "women": 14,
        "men": 17,
        "total": "",
        "description": "",
    }
    data.update(overrides)
    return data


def test_focal_point_records_an_activity(client, people, submission):
    login(client, people["focal_point"])
    response = client.post(new_url(submission), valid())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.women, activity.men, activity.total) == (14, 17, 31)
    assert activity.region.name == "Estado de México"
    listing = client.get(reverse("reporting:activities", args=[2023, "SEDENA"]))
    assert "Curso Esencial de Pre-despliegue" in listing.content.decode()


def test_an_activity_names_its_participants_institution_municipalities_and_english_texts(
    client, people, submission
):
    login(client, people["focal_point"])
    response = client.post(
        new_url(submission),
        valid(
            title_en="Essential Pre-Deployment Course with a Gender Focus",
            participants_institution="SEMAR, SSPC y personal extranjero",
            municipalities=1,
            description_en="Workshops by UN Women Mexico.",
        ),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.title_en == "Essential Pre-Deployment Course with a Gender Focus"
    assert activity.participants_institution == "SEMAR, SSPC y personal extranjero"
    assert activity.municipalities == 1
    assert activity.description_en == "Workshops by UN Women Mexico."
    page = client.get(reverse("reporting:activity-edit", args=[2023, "SEDENA", activity.pk]))
    html = page.content.decode()
    assert 'name="participants_institution"' in html and 'maxlength="120"' in html
    assert 'name="municipalities"' in html and 'value="1"' in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"start_date": "2022-12-20"}, "start_date", "dentro del año que se informa, 2023"),
        ({"end_date": "2024-01-05"}, "end_date", "dentro del año que se informa, 2023"),
        (
            {"start_date": "2023-10-14", "end_date": "2023-10-03"},
            "end_date",
            "no puede terminar antes",
        ),
        ({"total": 30}, "total", "suman 31, no 30"),
        ({"women": -1}, "women", "mayor o igual a 0"),
        ({"quantity": "1,5"}, "quantity", "número entero"),
        ({"region": "999999"}, "region", "Escoja una opción válida"),
        ({"title": ""}, "title", "Este campo es obligatorio"),
        ({"line": "9999"}, "line", "Escoja una opción válida"),
        ({"participants_institution": "i" * 121}, "participants_institution", "120 caracteres"),
        ({"participants_institution": "SEMAR\x07"}, "participants_institution", "invisibles"),
        ({"municipalities": -1}, "municipalities", "mayor o igual a 0"),
        ({"municipalities": 100_000_001}, "municipalities", "menor o igual a 100000000"),
        ({"title_en": "t" * 301}, "title_en", "300 caracteres"),
        ({"description_en": "d" * 4001}, "description_en", "4000 caracteres"),
    ],
)
def test_bad_activities_are_refused(client, people, submission, overrides, field, message):
    login(client, people["focal_point"])
    response = client.post(new_url(submission), valid(**overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors, errors
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_indicator_must_belong_to_the_line_of_action(client, people, submission):
    login(client, people["focal_point"])
    line_of_goal_8 = LineOfAction.objects.get(goal__number=8)
    response = client.post(new_url(submission), valid(line=line_of_goal_8.pk))
    assert "pertenece al objetivo 4, no a la línea de acción 8.1" in response.content.decode()
    assert not Activity.objects.exists()


def test_agency_counts_only_towards_its_own_indicators(client, people, submission):
    login(client, people["focal_point"])
    inmujeres_only = Indicator.objects.get(code="2a")
    response = client.post(
        new_url(submission), valid(line=inmujeres_only.line_id, indicator=inmujeres_only.pk)
    )
    assert response.status_code == 400
    assert "indicator" in response.context["form"].errors
    # A sub-unit of another agency, forged into the post, is refused too.
    response = client.post(new_url(submission), valid(subunit=SubUnit.objects.get(code="GN").pk))
    assert "subunit" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_edit_and_concurrent_edit(client, people, submission):
    login(client, people["focal_point"])
    client.post(new_url(submission), valid())
    activity = Activity.objects.get()
    url = reverse("reporting:activity-edit", args=[2023, "SEDENA", activity.pk])
    opened = client.get(url).context["form"]["version"].value()
    assert client.post(url, valid(title="Curso corregido", version=opened)).status_code == 302
    stale = client.post(url, valid(title="Otra versión", version=opened))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "cambió esta actividad" in page
    # Both versions side by side: what is stored, and what this person typed (kept in the form).
    conflict = stale.context["conflict"]
    assert ("Título", "Curso corregido", "Otra versión") in conflict.rows
    assert 'value="Otra versión"' in page
    activity.refresh_from_db()
    assert activity.title == "Curso corregido"
    # Saving again from the conflict page replaces the other version, knowingly.
    again = stale.context["form"]["version"].value()
    assert client.post(url, valid(title="Otra versión", version=again)).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Otra versión"


def test_delete_is_post_only_and_own_agency_only(client, people, submission, other_submission):
    login(client, people["focal_point"])
    client.post(new_url(submission), valid())
    activity = Activity.objects.get()
    url = reverse("reporting:activity-delete", args=[2023, "SEDENA", activity.pk])
    assert client.get(url).status_code == 405
    other = type(client)()
    login(other, people["other_focal_point"])
    assert other.post(url).status_code == 404
    # The same activity through another agency's URL is not found either.
    assert (
        other.post(
            reverse("reporting:activity-delete", args=[2023, "SEMAR", activity.pk])
        ).status_code
        == 404
    )
    assert Activity.objects.exists()
    # Deleting asks first; the confirmed request deletes.
    assert client.post(url).status_code == 200 and Activity.objects.exists()
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    assert not Activity.objects.exists()
    assert not Activity.objects.exists()


def test_list_filters(client, people, submission):
    indicator = Indicator.objects.get(code="4b")
    for n, entity in enumerate(["15", "15", "29"]):
        Activity.objects.create(
            submission=submission,
            line=indicator.line,
            indicator=indicator,
            title=f"Red {n}",
            start_date="2023-02-01",
            end_date="2023-02-01",
            region=Region.objects.get(country__code="MX", code=entity),
        )
    login(client, people["focal_point"])
    url = reverse("reporting:activities", args=[2023, "SEDENA"])
    response = client.get(url, {"region": Region.objects.get(code="29").pk})
    assert response.context["table"].paginator.count == 1
    response = client.get(url, {"title": "red", "start_date_after": "2023-01-01"})
    assert response.context["table"].paginator.count == 3
