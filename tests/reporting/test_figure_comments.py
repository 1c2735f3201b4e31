"""Comments on one figure between the working group and the agency: who may read and write them
(never the public), resolving, a new comment opening the thread again, the history, and the
refusal once approved."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import FigureComment, Submission
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "observer",
    "focal_point",
    "other_focal_point",
    "working_group",
    "administrator",
]
# May read the draft, so may read and write its comments.
INSIDERS = {"focal_point", "working_group"}


def comment_url(code="4a"):
    return reverse("reporting:figure-comment", args=[2023, "SEDENA", code])


def resolve_url(code="4a"):
    return reverse("reporting:figure-comment-resolve", args=[2023, "SEDENA", code])


def page(client, name="reporting:submission"):
    return client.get(reverse(name, args=[2023, "SEDENA"])).content.decode()


@pytest.mark.parametrize("who", WHO)
def test_who_may_comment_on_a_figure(client, people, submission, who):
    login(client, people.get(who))
    response = client.post(comment_url(), {"text": "¿De dónde sale esta cifra?"})
    if who in INSIDERS:
        assert response.status_code == 302
        assert FigureComment.objects.get().by == people[who].username
    else:
        assert response.status_code == (302 if who == "anonymous" else 404)
        assert not FigureComment.objects.exists()


@pytest.mark.parametrize("who", WHO)
def test_who_may_resolve_and_read_the_comments(client, people, submission, who):
    FigureComment.objects.create(
        submission=submission, indicator_id=_indicator("4a"), text="CIFRA-DUDOSA", by="grupo"
    )
    login(client, people.get(who))
    response = client.post(resolve_url())
    resolved = FigureComment.objects.get().resolved_at is not None
    assert resolved == (who in INSIDERS)
    if who not in INSIDERS:
        assert response.status_code == (302 if who == "anonymous" else 404)
    readable = client.get(reverse("reporting:submission", args=[2023, "SEDENA"]))
    if who in INSIDERS:
        assert "CIFRA-DUDOSA" in readable.content.decode()
    else:
        assert readable.status_code in (302, 404)


def test_the_public_never_sees_comments_even_once_approved(client, people, submission):
    FigureComment.objects.create(
        submission=submission, indicator_id=_indicator("4a"), text="CIFRA-DUDOSA", by="grupo"
    )
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.APPROVED, approved_at=timezone.now()
    )
    for who in ("anonymous", "observer", "other_focal_point"):
        client.logout()
        login(client, people.get(who))
        for name in ("reporting:submission", "reporting:history"):
            assert "CIFRA-DUDOSA" not in page(client, name), (who, name)
        assert "CIFRA-DUDOSA" not in client.get("/").content.decode()


def test_a_thread_is_resolved_opened_again_and_kept_in_the_history(client, people, submission):
    login(client, people["working_group"])
    client.post(comment_url(), {"text": "El total no coincide con las actividades.", "next": "/x"})
    client.post(resolve_url())
    assert not FigureComment.objects.open().exists()
    focal = type(client)()
    login(focal, people["focal_point"])
    focal.post(comment_url(), {"text": "Corregido: eran 31."})
    assert FigureComment.objects.open().count() == 1
    history = page(focal, "reporting:history")
    assert "El total no coincide con las actividades." in history
    assert "Corregido: eran 31." in history and "resuelto" in history
    html = page(focal)
    assert 'data-testid="open-figure-comments"' in html and 'href="#comments-4a"' in html


def test_comments_are_refused_on_approved_data_and_need_text(client, people, submission):
    login(client, people["working_group"])
    client.post(comment_url(), {"text": "   "})
    client.post(comment_url(), {"text": "x" * 4001})
    assert not FigureComment.objects.exists()
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.APPROVED, approved_at=timezone.now()
    )
    response = client.post(comment_url(), {"text": "Tarde."}, follow=True)
    assert not FigureComment.objects.exists()
    assert "no se puede modificar" in response.content.decode()


def test_an_indicator_of_another_agency_is_not_found(client, people, submission):
    login(client, people["working_group"])
    assert client.post(comment_url("2a"), {"text": "x"}).status_code == 404
    assert client.post(comment_url("ZZ"), {"text": "x"}).status_code == 404


def test_next_never_leads_to_another_site(client, people, submission):
    login(client, people["working_group"])
    response = client.post(comment_url(), {"text": "x", "next": "https://malo.example/"})
    assert response["Location"] == reverse("reporting:submission", args=[2023, "SEDENA"])


def _indicator(code):
    from indicators.models import Indicator

    return Indicator.objects.get(code=code).pk
