"""An organisation's assessment from its writing to its publication: submitted, published or
hidden with a reason, answered; an edit after publication goes back to moderation; every step in
the history."""

import re

import pytest
from django.urls import reverse

from civil.models import ShadowAssessment
from tests.civil.conftest import CODE, YEAR, assessment

pytestmark = pytest.mark.django_db

State = ShadowAssessment.State


def url(code=CODE, year=YEAR):
    return reverse("civil:indicator", args=[code, year])


def post_assessment(client, **data):
    values = {"comment": "Faltan datos desagregados", "rating": "behind", "justification": "X"}
    values.update(data)
    return client.post(url(), values)


def test_a_member_writes_and_the_working_group_publishes_hides_and_answers(client, civil_world):
    people = civil_world["people"]
    client.force_login(people["member"])
    response = post_assessment(client, justification="Solo dos de cinco instituciones reportan")
    assert response.status_code == 302
    mine = ShadowAssessment.objects.get()
    assert (mine.state, mine.organisation, mine.by) == (
        State.PENDING,
        civil_world["ours"],
        people["member"].username,
    )
    # Not public yet: a visitor does not read it, the member does, with its state.
    client.logout()
    assert "Solo dos de cinco" not in client.get(url()).content.decode()
    client.force_login(people["member"])
    page = client.get(url()).content.decode()
    assert "Solo dos de cinco" in page and "Waiting for moderation" in page

    client.force_login(people["working_group"])
    queue = client.get(reverse("civil:moderation")).content.decode()
    assert "Solo dos de cinco" in queue
    home = client.get(reverse("home")).content.decode()
    assert "Civil society assessments to moderate" in home

    # Hiding needs a reason, which the organisation then reads.
    refused = client.post(reverse("civil:hide", args=[mine.pk]), {"reason": "  "})
    assert refused.status_code == 400
    assert "This field is required" in refused.content.decode()
    client.post(reverse("civil:hide", args=[mine.pk]), {"reason": "Contiene datos personales"})
    mine.refresh_from_db()
    assert (mine.state, mine.hidden_reason, mine.moderated_by) == (
        State.HIDDEN,
        "Contiene datos personales",
        people["working_group"].username,
    )
    client.force_login(people["member"])
    assert "Contiene datos personales" in client.get(url()).content.decode()
    assert "Contiene datos personales" in client.get(reverse("home")).content.decode()
    client.force_login(people["other_member"])
    page = client.get(url()).content.decode()
    assert "Solo dos de cinco" not in page and "Contiene datos personales" not in page

    # Corrected, it waits again; published, everyone reads it, and the answer under it.
    client.force_login(people["member"])
    post_assessment(client, justification="Dos de cinco instituciones reportan")
    mine.refresh_from_db()
    assert (mine.state, mine.hidden_reason) == (State.PENDING, "")
    client.force_login(people["working_group"])
    client.post(reverse("civil:publish", args=[mine.pk]))
    client.post(reverse("civil:answer", args=[mine.pk]), {"answer": "Se pedirá a SSPC y SRE"})
    client.logout()
    page = client.get(url()).content.decode()
    assert "Dos de cinco instituciones reportan" in page
    assert "Se pedirá a SSPC y SRE" in page
    assert "Contiene datos personales" not in page


def test_an_edit_after_publication_goes_back_to_moderation_and_history_keeps_all(
    client, civil_world
):
    people = civil_world["people"]
    published = assessment(civil_world, state=State.PUBLISHED, justification="Primera versión")
    client.force_login(people["member"])
    post_assessment(client, rating="on_track", justification="Segunda versión")
    published.refresh_from_db()
    assert (published.state, published.rating) == (State.PENDING, "on_track")
    client.logout()
    page = client.get(url()).content.decode()
    assert "Segunda versión" not in page and "Primera versión" not in page
    client.force_login(people["working_group"])
    client.post(reverse("civil:publish", args=[published.pk]))
    history = list(published.history.order_by("history_date").values_list("state", "rating"))
    assert history == [
        (State.PUBLISHED, "behind"),
        (State.PENDING, "on_track"),
        (State.PUBLISHED, "on_track"),
    ]
    who = list(published.history.order_by("history_date").values_list("history_user_id", flat=True))
    assert who[1:] == [people["member"].username, people["working_group"].username]


def test_withdraw_until_moderated_only(client, civil_world):
    people = civil_world["people"]
    pending = assessment(civil_world)
    client.force_login(people["member"])
    client.post(reverse("civil:withdraw", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.state == State.WITHDRAWN
    # A new one may be written after a withdrawal; once published it cannot be withdrawn.
    post_assessment(client)
    fresh = ShadowAssessment.objects.current().get()
    fresh.publish(people["working_group"])
    response = client.post(reverse("civil:withdraw", args=[fresh.pk]), follow=True)
    assert "already moderated" in response.content.decode()
    fresh.refresh_from_db()
    assert fresh.state == State.PUBLISHED


def test_a_rating_needs_its_justification_and_something_must_be_said(client, civil_world):
    client.force_login(civil_world["people"]["member"])
    response = post_assessment(client, justification="")
    assert response.status_code == 400
    assert "A rating needs its justification." in response.content.decode()
    response = post_assessment(client, comment="", rating="", justification="")
    assert response.status_code == 400
    assert "Write a comment, give a rating, or both." in response.content.decode()
    response = post_assessment(client, rating="excellent")
    assert response.status_code == 400
    assert not ShadowAssessment.objects.exists()
    # A comment alone is welcome.
    assert post_assessment(client, rating="", justification="").status_code == 302


def test_messages_in_spanish_by_default(client, civil_world):
    client.force_login(civil_world["people"]["member"])
    client.cookies["django_language"] = "es"
    response = post_assessment(client, justification="")
    assert "Una calificación necesita su justificación." in response.content.decode()


def test_years_without_an_approved_result_are_closed(client, civil_world):
    client.force_login(civil_world["people"]["member"])
    response = client.post(url(year=2023), {"comment": "Antes de tiempo"})
    assert response.status_code == 403
    page = client.get(url(year=2023)).content.decode()
    assert "is not public yet" in page
    assert not ShadowAssessment.objects.exists()


def test_hostile_text_is_stored_and_escaped(client, civil_world):
    people = civil_world["people"]
    client.force_login(people["member"])
    script = "<script>alert('x')</script><b>negrita</b>"
    assert post_assessment(client, justification=script).status_code == 302
    mine = ShadowAssessment.objects.get()
    assert mine.justification == script
    mine.publish(people["working_group"])
    client.logout()
    page = client.get(url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    dashboard = client.get(reverse("dashboards:indicator", args=[CODE]), {"year": YEAR})
    assert dashboard.status_code == 200
    client.force_login(people["member"])
    huge = post_assessment(client, justification="x" * 100_000)
    assert huge.status_code == 400
    assert "at most 4000 characters" in huge.content.decode().replace(",", "")
    control = post_assessment(client, comment="a\x00b")
    assert control.status_code == 400


def test_a_change_made_while_the_moderator_reads_is_not_published_unread(client, civil_world):
    people = civil_world["people"]
    pending = assessment(civil_world, justification="Versión leída")
    client.force_login(people["working_group"])
    queue = client.get(reverse("civil:moderation")).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', queue).group(1)
    pending.revise(people["member"], "", "behind", "Versión cambiada después")
    response = client.post(reverse("civil:publish", args=[pending.pk]), {"seen": seen}, follow=True)
    assert "changed this assessment after you opened the page" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == State.PENDING
    for hostile in ("2020-13-45T99:00", "<script>"):
        client.post(reverse("civil:publish", args=[pending.pk]), {"seen": hostile})
        pending.refresh_from_db()
        assert pending.state == State.PENDING
    fresh = client.get(reverse("civil:moderation")).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', fresh).group(1)
    client.post(reverse("civil:publish", args=[pending.pk]), {"seen": seen})
    pending.refresh_from_db()
    assert pending.state == State.PUBLISHED
