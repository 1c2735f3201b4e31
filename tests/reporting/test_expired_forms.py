"""A form refused for its expired security token (a sign-in in another tab, a session that
ended) leads back to the page it was sent from, through the sign-in page when signed out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.reporting.conftest import form_data, login

pytestmark = pytest.mark.django_db


def test_the_expired_form_page_leads_back_to_the_form(people, submission):
    client = Client(enforce_csrf_checks=True)
    login(client, people["focal_point"])
    edit = reverse("reporting:edit", args=[2023, "SEDENA"])
    response = client.post(edit, form_data(submission), HTTP_REFERER=f"http://testserver{edit}")
    assert response.status_code == 403
    html = response.content.decode()
    assert f'href="{edit}" data-testid="back-to-form"' in html
    assert "Volver a la página en la que estaba" in html


def test_signed_out_it_goes_through_the_sign_in_page(submission):
    client = Client(enforce_csrf_checks=True)
    edit = reverse("reporting:edit", args=[2023, "SEDENA"])
    response = client.post(edit, {}, HTTP_REFERER=f"http://testserver{edit}")
    assert response.status_code == 403
    assert (
        "/accounts/login/?next=%2Freporting%2F2023%2FSEDENA%2Fedit%2F" in response.content.decode()
    )


def test_another_sites_referer_is_not_followed(people, submission):
    client = Client(enforce_csrf_checks=True)
    login(client, people["focal_point"])
    edit = reverse("reporting:edit", args=[2023, "SEDENA"])
    response = client.post(edit, {}, HTTP_REFERER="https://malo.example/x")
    assert 'href="https://malo.example' not in response.content.decode()


def test_a_draft_refused_for_its_token_answers_in_json(people, submission):
    client = Client(enforce_csrf_checks=True)
    login(client, people["focal_point"])
    response = client.post(
        reverse("reporting:edit-draft", args=[2023, "SEDENA"]),
        {"parts": "i-4a"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403 and response.json()["status"] == "expired"
