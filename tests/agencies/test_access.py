"""The access rules, for every role: anonymous, focal point (own and other agency), working group,
observer, administrator."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies import access
from agencies.access import Role
from agencies.accounts import create_person
from agencies.models import Agency
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "focal_point",
    "other_focal_point",
    "working_group",
    "observer",
    "administrator",
]


def person(people, who):
    return AnonymousUser() if who == "anonymous" else people[who]


@pytest.mark.parametrize(
    "who, role",
    [
        ("anonymous", Role.ANONYMOUS),
        ("focal_point", Role.FOCAL_POINT),
        ("working_group", Role.WORKING_GROUP),
        ("observer", Role.OBSERVER),
        ("administrator", Role.ADMINISTRATOR),
    ],
)
def test_role_of(people, who, role):
    assert access.role_of(person(people, who)) == role


# For SEDENA's data: (enter data, read drafts, review, administer)
MATRIX = {
    "anonymous": (False, False, False, False),
    "focal_point": (True, True, False, False),  # SEDENA's own focal point
    "other_focal_point": (False, False, False, False),  # SEMAR's focal point
    "working_group": (False, True, True, False),
    "observer": (False, False, False, False),
    "administrator": (False, False, False, True),
}


@pytest.mark.parametrize("who", ROLES)
def test_access_matrix_for_one_agency(people, who):
    user = person(people, who)
    sedena = Agency.objects.get(code="SEDENA")
    assert (
        access.can_enter_data_for(user, sedena),
        access.can_read_drafts_of(user, sedena),
        access.can_review(user),
        access.can_administer(user),
    ) == MATRIX[who]
    assert access.can_read_published(user)


def test_focal_point_writes_only_its_own_agency(people):
    focal_point = people["focal_point"]
    for agency in Agency.objects.exclude(code="SEDENA"):
        assert not access.can_enter_data_for(focal_point, agency), agency.code
        assert not access.can_read_drafts_of(focal_point, agency), agency.code


def test_deactivated_focal_point_loses_access(people):
    focal_point = people["focal_point"]
    focal_point.is_active = False
    focal_point.save()
    assert not access.can_enter_data_for(focal_point, Agency.objects.get(code="SEDENA"))
    assert access.role_of(focal_point) == Role.ANONYMOUS


def test_focal_point_needs_an_agency():
    with pytest.raises(ValidationError):
        create_person("nobody", PASSWORD, "focal_point")
    with pytest.raises(ValidationError):
        create_person("nobody", PASSWORD, "focal_point", agency="NOPE")


def test_a_focal_point_role_without_agency_grants_nothing(people):
    """Even if an administrator removes the agency from a focal point's profile."""
    focal_point = people["focal_point"]
    focal_point.profile.agency = None
    focal_point.profile.save()
    for agency in Agency.objects.all():
        assert not access.can_enter_data_for(focal_point, agency)


def test_rules_query_the_groups_once_per_request(people, django_assert_num_queries):
    user = type(people["working_group"]).objects.get(pk=people["working_group"].pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            access.role_of(user)


def login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


@pytest.mark.parametrize("who", ROLES)
def test_public_pages_for_every_role(client, people, who):
    login(client, people, who)
    for url in (reverse("home"), reverse("plan-browser"), reverse("api-plan")):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("indicator-detail", args=["6a"])).status_code == 200


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 302),
        ("focal_point", 302),
        ("working_group", 302),
        ("observer", 302),
        ("administrator", 200),
    ],
)
def test_admin_only_for_administrators(client, people, who, status):
    login(client, people, who)
    response = client.get(reverse("admin:indicators_target_changelist"))
    assert response.status_code == status
    if status == 302:
        assert reverse("admin:login") in response["Location"]


def test_administrator_edits_the_spanish_translation(client, people):
    from indicators.models import StrategicGoal

    login(client, people, "administrator")
    goal = StrategicGoal.objects.get(number=6)
    url = reverse("admin:indicators_strategicgoal_change", args=[goal.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["area"] = goal.area_id
    data["text_es"] = "Impulsar la creación de redes de mujeres constructoras de paz (revisado)."
    for prefix, formset in [(f.formset.prefix, f) for f in page.context["inline_admin_formsets"]]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{prefix}-{name}"] = management.initial.get(name, "")
        for i, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form.initial.get(name, "")
                data[f"{prefix}-{i}-{name}"] = "" if value is None else value
            data[f"{prefix}-{i}-id"] = inline_form.instance.pk
    response = client.post(url, data)
    assert response.status_code == 302, [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ]
    goal.refresh_from_db()
    assert goal.text_es.endswith("(revisado).")


@pytest.mark.parametrize(
    "who, expected, absent",
    [
        ("anonymous", ["Consultar el plan"], ["Capturar y enviar", "Revisar los informes"]),
        ("focal_point", ["Capturar y enviar las cifras anuales"], ["Revisar los informes"]),
        ("working_group", ["revisar los informes de las dependencias"], ["Capturar y enviar"]),
        ("observer", ["Consultar el plan"], ["Capturar y enviar", "Revisar los informes"]),
        ("administrator", ["Administrar datos de referencia"], ["Capturar y enviar"]),
    ],
)
def test_home_page_shows_each_role_what_it_can_do(client, people, who, expected, absent):
    login(client, people, who)
    html = client.get(reverse("home")).content.decode()
    for text in expected:
        assert text in html
    for text in absent:
        assert text not in html


def test_home_page_names_the_focal_points_agency(client, people):
    login(client, people, "focal_point")
    html = client.get(reverse("home")).content.decode()
    assert "Enlace de dependencia" in html and "Secretaría de la Defensa Nacional" in html


def test_login_with_wrong_password_says_so_in_spanish(client, people):
    response = client.post(
        reverse("login"), {"username": people["observer"].username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "El nombre de usuario o la contraseña no son correctos" in response.content.decode()


def test_logout_is_post_only(client, people):
    login(client, people, "observer")
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_role_groups_carry_the_permissions():
    from django.contrib.auth.models import Group

    perms = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert perms["focal_point"] == {"enter_agency_data"}
    assert perms["working_group"] == {"review_all_agencies"}
    assert perms["observer"] == set()
    assert {"change_strategicgoal", "change_target", "add_user"} <= perms["administrator"]
    assert "enter_agency_data" not in perms["administrator"]


def test_adduser_command_creates_a_focal_point(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Una-clave-segura-2024")
    call_command("adduser", "enlace.semar", "--role", "focal_point", "--agency", "SEMAR")
    user = User.objects.get(username="enlace.semar")
    assert access.role_of(user) == Role.FOCAL_POINT
    assert access.can_enter_data_for(user, Agency.objects.get(code="SEMAR"))


def test_setup_demo_keeps_edited_translations(capsys):
    from django.core.management import call_command

    from indicators.models import StrategicGoal

    StrategicGoal.objects.filter(number=6).update(text_es="Texto revisado por la administración.")
    call_command("setup_demo")
    assert StrategicGoal.objects.get(number=6).text_es == "Texto revisado por la administración."
    assert User.objects.filter(username="sedena", profile__agency__code="SEDENA").exists()
    assert "demo-nap1325" in capsys.readouterr().out
