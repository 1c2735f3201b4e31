"""Signing in, being locked out, setting a new password by e-mail, and the error pages, in
Chromium as people meet them."""

import email
import email.policy
import re

from playwright.sync_api import expect

from tests.factories import PASSWORD, PersonFactory


def fill_sign_in(page, username, password):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()


def test_a_locked_out_person_sees_why_and_what_to_do(page, settings, step_screenshots):
    person = PersonFactory(role="focal_point", agency="SEMAR")
    step_screenshots.pages.append(page)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        fill_sign_in(page, person.username, "una-clave-equivocada")
        expect(page.get_by_role("alert")).to_contain_text("no son correctos")
    fill_sign_in(page, person.username, "una-clave-equivocada")
    locked = page.get_by_test_id("locked-out")
    expect(locked).to_contain_text("Inicio de sesión bloqueado por un tiempo")
    expect(locked).to_contain_text("Inténtelo de nuevo en 15 minutos")
    # Even the right password is refused for now; the way out is offered.
    fill_sign_in(page, person.username, PASSWORD)
    expect(page.get_by_test_id("locked-out")).to_be_visible()
    expect(page.get_by_role("link", name="Establecer una contraseña nueva")).to_be_visible()
    step_screenshots("locked-out", page)


def test_a_password_reset_email_arrives_and_its_link_works(page, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    person = PersonFactory(role="observer", email="olga@example.org", first_name="Olga")
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_role("link", name="¿Olvidó su contraseña?").click()
    page.get_by_label("Correo electrónico").fill("olga@example.org")
    page.get_by_role("button", name="Enviarme el enlace").click()
    expect(page.get_by_test_id("reset-sent")).to_contain_text("Revise su correo electrónico")
    printed = capsys.readouterr().out  # the console backend, as `make run` prints it
    message = email.message_from_string(printed.split("-" * 79)[0], policy=email.policy.default)
    assert message["To"] == "olga@example.org"
    assert message["Subject"] == "Su nueva contraseña para el seguimiento del PNA 1325"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert text.startswith("Hola, Olga")
    link = re.search(r"(http://\S+/accounts/reset/\S+/)", text).group(1)
    page.goto(link)
    new = "Otra-clave-segura-1325"
    page.locator("#id_new_password1").fill(new)
    page.get_by_label("Contraseña nueva (confirmación)").fill(new)
    page.get_by_role("button", name="Guardar la nueva contraseña").click()
    expect(page.get_by_test_id("reset-complete")).to_be_visible()
    fill_sign_in(page, person.username, new)
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Olga")


def test_404_and_403_pages_keep_the_navigation(page, step_screenshots):
    step_screenshots.pages.append(page)
    response = page.goto(page.base_url + "/no-existe/")
    assert response.status == 404
    expect(page.get_by_test_id("error-page")).to_contain_text("Página no encontrada")
    navigation = page.get_by_role("navigation", name="Navegación principal")
    expect(navigation.get_by_role("link", name="El plan")).to_be_visible()
    observer = PersonFactory(role="observer")
    fill_sign_in(page, observer.username, PASSWORD)
    response = page.goto(page.base_url + "/reports/")
    assert response.status == 403
    expect(page.get_by_test_id("error-page")).to_contain_text("No puede hacer esto")
    expect(navigation.get_by_role("link", name="El plan")).to_be_visible()
    page.get_by_role("link", name="Ir a la página de inicio").click()
    expect(page).to_have_url(page.base_url + "/")
    step_screenshots("error-pages", page)
