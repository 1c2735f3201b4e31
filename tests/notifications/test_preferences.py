"""The "Notifications" page: each person chooses the language of the e-mails and stops notices
or reminders; what it offers follows the role."""

import pytest

from notifications.models import Preferences
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for response in (client.get(URL), client.post(URL, {"language": "en"})):
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={URL}"
    assert not Preferences.objects.exists()


@pytest.mark.parametrize(
    "role, agency, fields",
    [
        ("focal_point", "SEDENA", ["language", "notices", "reminders"]),
        ("working_group", None, ["language", "notices"]),
        ("observer", None, None),
        ("administrator", None, None),
    ],
)
def test_each_role_sets_what_it_receives(client, role, agency, fields):
    person = PersonFactory(role=role, agency=agency, email="persona@example.org")
    client.force_login(person)
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    if fields is None:
        assert form is None
        assert 'data-testid="nothing-sent"' in response.content.decode()
        assert client.post(URL, {"language": "en"}).status_code == 403
        assert not Preferences.objects.exists()
    else:
        assert list(form.fields) == fields
        assert form.initial["language"] == "es"  # Spanish until the person says otherwise


def test_a_focal_point_saves_english_and_no_reminders(client):
    person = PersonFactory(role="focal_point", agency="SEDENA", email="enlace@sedena.gob.mx")
    client.force_login(person)
    response = client.post(URL, {"language": "en", "notices": "on"}, follow=True)
    assert "Se guardaron sus preferencias de notificación." in response.content.decode()
    preferences = Preferences.objects.get(user=person)
    assert (preferences.language, preferences.notices, preferences.reminders) == ("en", True, False)
    # Saving again changes the same row.
    client.post(URL, {"language": "es", "reminders": "on"})
    preferences.refresh_from_db()
    assert (preferences.language, preferences.notices, preferences.reminders) == ("es", False, True)
    assert Preferences.objects.count() == 1


def test_the_working_group_cannot_switch_off_reminders_it_never_gets(client):
    person = PersonFactory(role="working_group", email="grupo@sre.gob.mx")
    client.force_login(person)
    client.post(URL, {"language": "en"})  # "reminders" sent by hand: not a field of theirs
    preferences = Preferences.objects.get(user=person)
    assert (preferences.language, preferences.notices, preferences.reminders) == ("en", False, True)


def test_an_unknown_language_is_refused(client):
    person = PersonFactory(role="focal_point", agency="SEDENA", email="enlace@sedena.gob.mx")
    client.force_login(person)
    response = client.post(URL, {"language": "fr", "notices": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["language"]
    assert not Preferences.objects.exists()


def test_a_person_without_an_address_is_told(client):
    client.force_login(PersonFactory(role="focal_point", agency="SEDENA"))
    assert 'data-testid="no-email"' in client.get(URL).content.decode()


def test_the_user_menu_links_to_the_page(client):
    client.force_login(PersonFactory(role="observer"))
    page = client.get("/plan/").content.decode()
    assert f'href="{URL}">Notificaciones</a>' in page
