"""Civil society's voice end to end: an organisation's member rates an indicator's 2022 result,
the working group publishes it, and a visitor reads it beside the official status on the
indicator's dashboard page."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from civil.models import Membership, Organisation
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def data_2022(plan_loaded):
    call_command("loaddata", "data_2022", verbosity=0)


def sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("role")).to_be_visible()


def sign_out(page):
    page.context.clear_cookies()


def test_a_shadow_rating_from_writing_to_the_dashboard(page, data_2022, step_screenshots):
    organisation = Organisation.objects.create(name="Observatorio Mujeres y Paz", acronym="OMP")
    member = PersonFactory(role="observer")
    Membership.objects.create(user=member, organisation=organisation)
    group = PersonFactory(role="working_group")
    step_screenshots.pages.append(page)

    # The member follows the indicator's dashboard to civil society's page of its 2022 result.
    sign_in(page, member)
    page.goto(page.base_url + "/dashboards/indicators/6a/?year=2022")
    page.get_by_role("link", name="La sociedad civil sobre este resultado (2022)").click()
    expect(page.locator("h1")).to_have_text("La sociedad civil sobre el indicador 6a, 2022")
    own = page.get_by_test_id("own")
    own.get_by_label("Comentario").fill("Las redes no llegan a los municipios rurales.")
    own.get_by_label("Calificación de la sociedad civil").select_option("behind")
    own.get_by_label("Justificación").fill("Solo 3 de 32 entidades tienen red <b>activa</b>.")
    step_screenshots("written", page)
    own.get_by_role("button", name="Enviar al grupo de trabajo").click()
    expect(page.get_by_test_id("own-state")).to_have_text("En espera de moderación")

    # The working group finds it waiting on its home page and publishes it from the queue.
    sign_out(page)
    sign_in(page, group)
    waiting = page.get_by_test_id("waiting")
    expect(waiting).to_contain_text("Evaluaciones de la sociedad civil por moderar")
    waiting.get_by_role("link", name="Indicador 6a, 2022 · OMP").click()
    page.goto(page.base_url + "/civil/moderation/")
    item = page.get_by_test_id("shadow-assessment")
    expect(item).to_contain_text("Solo 3 de 32 entidades tienen red <b>activa</b>.")
    step_screenshots("queue", page)
    item.get_by_role("button", name="Publicar").click()
    expect(page.get_by_test_id("queue-empty")).to_be_visible()

    # A visitor reads it beside the official status.
    sign_out(page)
    page.goto(page.base_url + "/dashboards/indicators/6a/?year=2022")
    shadow = page.get_by_test_id("shadow")
    expect(shadow).to_have_text("Evaluación de la sociedad civil: Rezagada (OMP)")
    expect(page.get_by_test_id("shown-results")).to_be_visible()
    step_screenshots("dashboard", page)
    shadow.get_by_role("link").click()
    expect(page.get_by_test_id("shadow-assessment")).to_contain_text(
        "Solo 3 de 32 entidades tienen red <b>activa</b>."
    )
