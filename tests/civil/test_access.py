"""Each view of civil society's voice × each role, GET and POST: who reads what, who writes,
who moderates. An organisation writes only its own; others' waiting or hidden assessments are
never shown (a 404 for them, not a 403, so they do not reveal that they exist)."""

import pytest
from django.urls import reverse

from civil.models import Membership, Organisation, ShadowAssessment
from tests.civil.conftest import CODE, YEAR, assessment

pytestmark = pytest.mark.django_db

State = ShadowAssessment.State
ROLES = ["anonymous", "observer", "member", "other_member", "focal_point", "working_group"]


def sign_in(client, world, role):
    if role != "anonymous":
        client.force_login(world["people"][role])


@pytest.fixture
def texts(civil_world):
    """One assessment of ours in each state, one published of theirs, one pending of theirs."""
    found = {}
    # One current assessment per organisation, indicator and year: spread over indicators.
    from indicators.models import Indicator

    codes = ["4a", "5b", "6a", "7a"]
    indicators = list(
        Indicator.objects.for_plan(civil_world["plan"]).filter(code__in=codes).order_by("code")
    )
    for indicator, state in zip(
        indicators, [State.PENDING, State.PUBLISHED, State.HIDDEN, State.WITHDRAWN], strict=True
    ):
        text = f"OURS-{state.upper()}"
        found[text] = assessment(civil_world, indicator=indicator, state=state, justification=text)
    found["THEIRS-PUBLISHED"] = assessment(
        civil_world, "theirs", state=State.PUBLISHED, justification="THEIRS-PUBLISHED"
    )
    found["THEIRS-PENDING"] = assessment(
        civil_world,
        "theirs",
        indicator=indicators[1],
        state=State.PENDING,
        justification="THEIRS-PENDING",
    )
    return found


# What each role reads anywhere (lists, indicator pages, queue).
READS = {
    "anonymous": {"OURS-PUBLISHED", "THEIRS-PUBLISHED"},
    "observer": {"OURS-PUBLISHED", "THEIRS-PUBLISHED"},
    "focal_point": {"OURS-PUBLISHED", "THEIRS-PUBLISHED"},
    "member": {"OURS-PENDING", "OURS-PUBLISHED", "OURS-HIDDEN", "THEIRS-PUBLISHED"},
    "other_member": {"OURS-PUBLISHED", "THEIRS-PUBLISHED", "THEIRS-PENDING"},
    "working_group": {
        "OURS-PENDING",
        "OURS-PUBLISHED",
        "OURS-HIDDEN",
        "THEIRS-PUBLISHED",
        "THEIRS-PENDING",
    },
}
ALL_TEXTS = {"OURS-PENDING", "OURS-PUBLISHED", "OURS-HIDDEN", "OURS-WITHDRAWN"} | {
    "THEIRS-PUBLISHED",
    "THEIRS-PENDING",
}


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_what(client, civil_world, texts, role):
    sign_in(client, civil_world, role)
    seen = set()
    pages = [reverse("civil:index")] + [
        reverse("civil:indicator", args=[a.indicator.code, YEAR]) for a in texts.values()
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        seen |= {t for t in ALL_TEXTS if t in response.content.decode()}
    assert seen == READS[role]
    queue = client.get(reverse("civil:moderation"))
    if role == "working_group":
        assert queue.status_code == 200
        assert "OURS-PENDING" in queue.content.decode()
    elif role == "anonymous":
        assert queue.status_code == 302
    else:
        assert queue.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_who_writes_for_an_organisation(client, civil_world, role):
    sign_in(client, civil_world, role)
    url = reverse("civil:indicator", args=[CODE, YEAR])
    page = client.get(url)
    has_form = 'name="justification"' in page.content.decode()
    assert has_form == (role in ("member", "other_member"))
    response = client.post(url, {"comment": "Nuestra opinión", "rating": "", "justification": ""})
    written = ShadowAssessment.objects.filter(comment="Nuestra opinión")
    if role in ("member", "other_member"):
        assert response.status_code == 302
        organisation = civil_world["ours" if role == "member" else "theirs"]
        assert written.get().organisation == organisation
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert response.url.startswith(reverse("login"))
        assert not written.exists()


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_only_ones_own(client, civil_world, role):
    pending = assessment(civil_world)
    sign_in(client, civil_world, role)
    response = client.post(reverse("civil:withdraw", args=[pending.pk]))
    pending.refresh_from_db()
    if role == "member":
        assert response.status_code == 302
        assert pending.state == State.WITHDRAWN
    else:
        # Others never read it: a 404 (a 403 for... nobody; anonymous is sent to sign in).
        expected = {"anonymous": 302, "working_group": 403}.get(role, 404)
        assert response.status_code == expected
        assert pending.state == State.PENDING


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["publish", "hide", "answer"])
def test_only_the_working_group_moderates(client, civil_world, role, action):
    state = State.PUBLISHED if action == "answer" else State.PENDING
    target = assessment(civil_world, state=state)
    sign_in(client, civil_world, role)
    data = {"reason": "Motivo de prueba", "answer": "Respuesta de prueba"}
    response = client.get(reverse(f"civil:{action}", args=[target.pk]))
    assert response.status_code == 405
    response = client.post(reverse(f"civil:{action}", args=[target.pk]), data)
    target.refresh_from_db()
    if role == "working_group":
        assert response.status_code == 302
        assert (target.state, target.answer) == {
            "publish": (State.PUBLISHED, ""),
            "hide": (State.HIDDEN, ""),
            "answer": (State.PUBLISHED, "Respuesta de prueba"),
        }[action]
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert (target.state, target.answer) == (state, "")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_working_group_manages_organisations(client, civil_world, role):
    sign_in(client, civil_world, role)
    ours = civil_world["ours"]
    observer = civil_world["people"]["observer"]
    pages = [
        ("get", reverse("civil:organisations"), None),
        ("post", reverse("civil:organisations"), {"name": "Nueva OSC", "kind": "ngo"}),
        ("get", reverse("civil:organisation", args=[ours.pk]), None),
        ("post", reverse("civil:organisation", args=[ours.pk]), {"username": observer.username}),
        (
            "post",
            reverse("civil:organisation", args=[ours.pk]),
            {"save": "1", "name": "Renombrada", "kind": "ngo", "active": "on"},
        ),
        (
            "post",
            reverse("civil:remove-member", args=[ours.memberships.get().pk]),
            None,
        ),
    ]
    for method, url, data in pages:
        response = getattr(client, method)(url, data)
        if role == "working_group":
            assert response.status_code in (200, 302), url
        else:
            assert response.status_code == (302 if role == "anonymous" else 403), url
            if role == "anonymous":
                assert response.url.startswith(reverse("login"))
    managed = role == "working_group"
    assert Organisation.objects.filter(name="Nueva OSC").exists() == managed
    assert Organisation.objects.filter(name="Renombrada").exists() == managed
    assert Membership.objects.filter(user=observer).exists() == managed
    assert Membership.objects.filter(user=civil_world["people"]["member"]).exists() != managed


def test_only_observers_join_and_only_one_organisation(client, civil_world):
    people = civil_world["people"]
    client.force_login(people["working_group"])
    url = reverse("civil:organisation", args=[civil_world["ours"].pk])
    for username, message in [
        (people["focal_point"].username, "Only observer accounts"),
        (people["other_member"].username, "already speaks for"),
        ("nobody-here", "no active account"),
    ]:
        response = client.post(url, {"username": username})
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_member_of_an_inactive_organisation_no_longer_writes(client, civil_world):
    civil_world["ours"].active = False
    civil_world["ours"].save()
    client.force_login(civil_world["people"]["member"])
    url = reverse("civil:indicator", args=[CODE, YEAR])
    assert client.post(url, {"comment": "Tarde"}).status_code == 403


def test_a_member_edits_only_its_own_organisations(client, civil_world):
    """Their assessment of the same indicator year stays theirs: ours is a separate one."""
    theirs = assessment(civil_world, "theirs", justification="De ellos")
    client.force_login(civil_world["people"]["member"])
    url = reverse("civil:indicator", args=[CODE, YEAR])
    client.post(url, {"comment": "De nosotros", "rating": "", "justification": ""})
    theirs.refresh_from_db()
    assert theirs.justification == "De ellos" and theirs.comment == "Comentario de theirs"
    assert ShadowAssessment.objects.get(organisation=civil_world["ours"]).comment == "De nosotros"


def test_unknown_indicator_or_year_is_a_404(client, civil_world):
    client.force_login(civil_world["people"]["member"])
    assert client.get(reverse("civil:indicator", args=["ZZ", YEAR])).status_code == 404
    assert client.get(reverse("civil:indicator", args=[CODE, 1999])).status_code == 404
    assert client.post(reverse("civil:withdraw", args=[99999])).status_code == 404
