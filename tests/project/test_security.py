"""Authentication, sessions, headers and error pages, as a person (or an attacker) meets them."""

import re
import time
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, RequestFactory

from agencies.accounts import create_person
from core import errors
from core.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.factories import PASSWORD, PersonFactory
from tests.project.test_settings_and_i18n import run_manage

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_debug_is_off_unless_asked_for():
    result = run_manage(
        "shell", "-c", "from django.conf import settings as s; print(s.DEBUG)", SECRET_KEY="k" * 60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_repeated_wrong_passwords_lock_the_user_name_not_the_office():
    person = PersonFactory(role="focal_point", agency="SEDENA")
    colleague = PersonFactory(role="focal_point", agency="SEDENA")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, person.username, "no-es-la-clave")
        assert "no son correctos" in response.content.decode()
    assert sign_in(client, person.username, "no-es-la-clave").status_code == 429
    # Now even the right password is refused, with a clear message and a way out.
    locked = sign_in(client, person.username)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Inicio de sesión bloqueado por un tiempo" in page
    assert "Tras 5 contraseñas incorrectas" in page and "15 minutos" in page
    assert "/accounts/password_reset/" in page
    assert "_auth_user_id" not in client.session
    # A colleague in the same office (same address) signs in normally.
    assert sign_in(Client(), colleague.username).status_code == 302
    # After the cool-off period the person can sign in again.
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    assert sign_in(Client(), person.username).status_code == 302


def test_sessions_end_after_two_idle_hours_and_after_twelve_hours(client):
    person = PersonFactory(role="observer")
    assert sign_in(client, person.username).status_code == 302
    assert client.get("/").context["user"].is_authenticated
    session = client.session
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 3600 and settings.SESSION_COOKIE_AGE == 12 * 3600
    # Active an hour and a half ago: still signed in, and the clock restarts.
    session[LAST_SEEN_AT] = int(time.time()) - 90 * 60
    session.save()
    assert client.get("/").context["user"].is_authenticated
    assert client.session[LAST_SEEN_AT] >= int(time.time()) - 5
    # Two hours and a minute without activity: signed out, and told why.
    session = client.session
    session[LAST_SEEN_AT] = int(time.time()) - 121 * 60
    session.save()
    response = client.get("/", follow=True)
    assert not response.context["user"].is_authenticated
    assert "Su sesión terminó tras mucho tiempo sin actividad." in response.content.decode()
    # Signed in 12 hours ago, however active since: signed out.
    assert sign_in(client, person.username).status_code == 302
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 12 * 3600 - 60
    session.save()
    assert not client.get("/").context["user"].is_authenticated


def test_signed_in_pages_and_draft_exports_are_never_stored_by_a_browser(client):
    person = PersonFactory(role="working_group")
    public = client.get("/plan/")
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(person)
    for url in ("/plan/", "/reporting/", "/dashboards/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_content_security_policy_without_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    # No template carries inline script, event handlers or style attributes the policy would
    # block (the charts' SVG uses presentation attributes, checked with the charts).
    for template in (ROOT / "templates").rglob("*.html"):
        if "email" in template.name:
            continue  # e-mails are not pages
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"\son[a-z]+=", text), template
        assert not re.search(r"\sstyle=", text), template


def test_passwords_need_twelve_characters():
    with pytest.raises(Exception, match="12"):
        person = create_person("corta", "Corta.123ab", "observer")
        person.full_clean()
        from django.contrib.auth.password_validation import validate_password

        validate_password("Corta.123ab", person)
    client = Client()
    person = PersonFactory(role="observer")
    client.force_login(person)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "Pz9!kq2#", "new_password2": "Pz9!kq2#"},
    )
    assert "al menos 12 caracteres" in response.content.decode()


def test_password_reset_sends_a_real_message_whose_link_works(client):
    person = PersonFactory(role="focal_point", agency="SEMAR", email="enlace@semar.gob.mx")
    response = client.post("/accounts/password_reset/", {"email": person.email}, follow=True)
    assert "Revise su correo electrónico" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Su nueva contraseña para el seguimiento del PNA 1325"
    assert f"Hola, {person.get_full_name()}:" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    new = "Una-clave-nueva-1325"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Contraseña cambiada" in done.content.decode()
    assert sign_in(Client(), person.username, new).status_code == 302


def test_password_reset_never_claims_a_message_it_cannot_send(client, settings):
    PersonFactory(role="observer", email="alguien@example.org")
    settings.EMAIL_URL = ""
    response = client.get("/accounts/password_reset/")
    assert response.status_code == 503
    assert "no tiene configurado un servidor de correo" in response.content.decode()
    settings.EMAIL_URL = "smtp://127.0.0.1:9"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = client.post("/accounts/password_reset/", {"email": "alguien@example.org"})
    assert response.status_code == 503
    assert "No se pudo enviar el correo" in response.content.decode()


def test_links_to_reset_and_change_the_password(client):
    assert "/accounts/password_reset/" in client.get("/accounts/login/").content.decode()
    client.force_login(PersonFactory(role="observer"))
    assert "/accounts/password_change/" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url, status, title",
    [
        ("/no-existe/", 404, "Página no encontrada"),
        ("/reports/", 403, "No puede hacer esto"),
    ],
)
def test_error_pages_in_the_app_layout_and_language(client, url, status, title):
    client.force_login(PersonFactory(role="observer"))
    response = client.get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert title in page and 'lang="es"' in page
    assert "/plan/" in page and "Ir a la página de inicio" in page  # navigation and a way back


def test_server_error_and_csrf_failure_pages():
    request = RequestFactory().get("/")
    request.user = User()
    response = errors.server_error(request)
    assert response.status_code == 500
    assert "Algo falló de nuestro lado" in response.content.decode()
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "El formulario había caducado" in response.content.decode()


def test_the_500_page_works_without_the_database(monkeypatch):
    request = RequestFactory().get("/")

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(request)
    assert response.status_code == 500
    assert "Algo falló de nuestro lado" in response.content.decode()
