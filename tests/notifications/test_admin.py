"""Administrators see the notices sent, read-only, without what only the agency and the working
group may read (a return comment)."""

import pytest
from django.core import mail

from notifications.models import Notice
from tests.notifications.conftest import step

pytestmark = pytest.mark.django_db

COMMENT = "COMENTARIO-INTERNO-SEDENA"


@pytest.fixture
def notice(client, team, sedena, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        step(client, team["sedena"], sedena, "submit")
        step(client, team["group"], sedena, "return", COMMENT)
    assert any(COMMENT in message.body for message in mail.outbox)
    client.logout()
    return Notice.objects.filter(kind=Notice.Kind.RETURNED).first()


def test_administrators_read_the_notices_and_change_nothing(client, team, notice):
    client.force_login(team["administrator"])
    listing = client.get("/admin/notifications/notice/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert notice.email in text and "Enviado" in text
    detail = client.get(f"/admin/notifications/notice/{notice.pk}/change/")
    assert detail.status_code == 200
    assert notice.subject in detail.content.decode()
    for response in (listing, detail):
        assert COMMENT not in response.content.decode()
    assert client.get("/admin/notifications/notice/add/").status_code == 403
    assert client.post(f"/admin/notifications/notice/{notice.pk}/delete/").status_code == 403
    client.post(f"/admin/notifications/notice/{notice.pk}/change/", {"status": "pending"})
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT


@pytest.mark.parametrize("role", ["observer", "group", "sedena"])
def test_nobody_else_reads_them(client, team, notice, role):
    client.force_login(team[role])
    response = client.get("/admin/notifications/notice/")
    assert response.status_code == 302 and "/admin/login/" in response.url
