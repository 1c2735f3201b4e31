"""The yearly cycle in a real browser: a focal point fills the form, meets a validation error,
fixes it and submits (confirming in a dialog); the working group comments on one figure and
returns it with a comment; the focal point sees the comment on top of the submission and of the
form, and the one on the figure beside it, corrects, resolves and resubmits; the working group
approves (confirming); the data is locked."""

import datetime

import pytest
from playwright.sync_api import expect

from indicators.models import Plan
from reporting.models import FigureComment, IndicatorValue, ReportingYear, Submission
from reporting.rules import indicators_for
from tests.factories import PASSWORD, PersonFactory


@pytest.fixture
def year_with_a_draft(plan_loaded):
    reporting_year = ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    submission = reporting_year.submissions.get(agency__code="SEDENA")
    # Earlier drafts answered everything but the two indicators this journey fills in.
    for indicator in indicators_for(submission):
        if indicator.code not in ("4a", "4b"):
            IndicatorValue.objects.create(
                submission=submission,
                indicator=indicator,
                no_data=True,
                no_data_reason="Sin datos en 2023.",
            )
    return submission


def sign_in(browser, base_url, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    return page


def test_focal_point_and_working_group_complete_the_cycle(
    browser, live_server, year_with_a_draft, step_screenshots
):
    focal_point = PersonFactory(
        role="focal_point", agency="SEDENA", first_name="Sofía", last_name="Díaz"
    )
    reviewer = PersonFactory(role="working_group", first_name="Gabriela", last_name="Luna")
    base = live_server.url
    focal = sign_in(browser, base, focal_point)
    step_screenshots.pages.append(focal)

    # The focal point finds the year and the agency's form from the menu.
    focal.get_by_role("link", name="Captura anual").first.click()
    focal.get_by_role("link", name="2023").click()
    focal.get_by_role("link", name="SEDENA").click()
    focal.get_by_role("link", name="Capturar o corregir las cifras").click()
    indicator_4b = focal.locator('[data-indicator="4b"]')
    indicator_4b.get_by_label("Mujeres").fill("14")
    indicator_4b.get_by_label("Hombres").fill("17")
    indicator_4b.get_by_label("Total").fill("30")
    focal.locator('[data-indicator="4a"]').get_by_label("Cursos").fill("1")
    focal.get_by_role("button", name="Guardar como borrador").click()
    expect(focal.get_by_role("alert").first).to_contain_text("No se guardó nada")
    expect(indicator_4b).to_contain_text("Mujeres (14) más hombres (17) suman 31, no 30.")
    expect(focal.locator('[data-indicator="4a"]').get_by_label("Cursos")).to_have_value("1")
    step_screenshots("validation-error", focal)

    indicator_4b.get_by_label("Total").fill("31")
    focal.get_by_role("button", name="Guardar como borrador").click()
    expect(focal.get_by_role("alert").first).to_contain_text("Guardado como borrador.")
    focal.get_by_role("link", name="Volver al informe").click()
    focal.get_by_role("button", name="Enviar").click()
    dialog = focal.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("¿Enviar al grupo de trabajo las cifras de SEDENA de 2023?")
    step_screenshots("confirm-submit", focal)
    dialog.get_by_role("button", name="Sí, enviar").click()
    expect(focal.get_by_role("alert").first).to_contain_text("Enviado al grupo de trabajo.")
    expect(focal.get_by_test_id("status")).to_have_text("Enviado")
    step_screenshots("submitted", focal)

    # The working group returns it with a comment.
    group = sign_in(browser, base, reviewer)
    step_screenshots.pages.append(group)
    group.goto(base + "/reporting/2023/")
    expect(group.locator('[data-agency="SEDENA"]')).to_contain_text("Enviado")
    group.locator('[data-agency="SEDENA"]').get_by_role("link", name="SEDENA").click()
    # A comment on the figure of 4a, then the return with the general comment.
    thread = group.get_by_test_id("figure-comments-4a")
    thread.get_by_text("Comentar esta cifra").click()
    thread.get_by_label("Comentario sobre el indicador 4a").fill("¿Y el curso de Mazatlán?")
    thread.get_by_role("button", name="Enviar el comentario").click()
    expect(group.get_by_role("alert").first).to_contain_text("Se registró el comentario")
    expect(group.get_by_test_id("figure-comments-4a")).to_contain_text("¿Y el curso de Mazatlán?")
    comment = "El CECOPAM dio 2 cursos especializados, no 1."
    group.get_by_label("¿Qué debe corregir la dependencia?").fill(comment)
    group.get_by_role("button", name="Devolver para correcciones").click()
    expect(group.get_by_role("alert").first).to_contain_text("Devuelto a la dependencia")
    step_screenshots("returned", group)

    # The focal point reads the comment on top, corrects and resubmits.
    focal.reload()
    expect(focal.get_by_test_id("return-comment")).to_contain_text(comment)
    expect(focal.get_by_test_id("events")).to_contain_text(comment)
    expect(focal.get_by_test_id("status")).to_have_text("Devuelto para correcciones")
    expect(focal.get_by_test_id("open-figure-comments")).to_contain_text("4a")
    step_screenshots("returned-seen-by-the-agency", focal)
    focal.get_by_role("link", name="Capturar o corregir las cifras").click()
    expect(focal.get_by_test_id("return-comment")).to_contain_text(comment)
    expect(focal.get_by_test_id("open-comments-4a")).to_contain_text("¿Y el curso de Mazatlán?")
    focal.locator('[data-indicator="4a"]').get_by_label("Cursos").fill("2")
    focal.get_by_role("button", name="Guardar como borrador").click()
    expect(focal.get_by_role("alert").first).to_contain_text("Guardado como borrador.")
    focal.get_by_role("link", name="Volver al informe").click()
    thread = focal.get_by_test_id("figure-comments-4a")
    thread.get_by_text("Responder").click()
    thread.get_by_label("Comentario sobre el indicador 4a").fill("Corregido: fueron 2 cursos.")
    thread.get_by_role("button", name="Enviar el comentario").click()
    focal.get_by_test_id("figure-comments-4a").get_by_role(
        "button", name="Marcar como resuelto"
    ).click()
    expect(focal.get_by_role("alert").first).to_contain_text("marcados como resueltos")
    expect(focal.get_by_test_id("open-figure-comments")).to_have_count(0)
    focal.get_by_role("button", name="Enviar").click()
    focal.locator("#confirm-dialog").get_by_role("button", name="Sí, enviar").click()
    expect(focal.get_by_test_id("status")).to_have_text("Enviado")
    expect(focal.get_by_test_id("return-comment")).to_have_count(0)

    # The working group sees what changed, and approves.
    group.reload()
    expect(group.get_by_test_id("changes")).to_contain_text("Indicador 4a")
    expect(group.get_by_test_id("changes").locator("tbody tr")).to_have_count(1)
    group.get_by_role("button", name="Aprobar").click()
    expect(group.locator("#confirm-dialog")).to_contain_text("¿Aprobar las cifras de SEDENA")
    group.locator("#confirm-dialog").get_by_role("button", name="Sí, aprobar").click()
    expect(group.get_by_role("alert").first).to_contain_text("Aprobado.")
    expect(group.get_by_test_id("status")).to_have_text("Aprobado")
    step_screenshots("approved", group)

    # Approved data is locked for the focal point.
    focal.reload()
    expect(focal.get_by_test_id("status")).to_have_text("Aprobado")
    expect(focal.get_by_role("link", name="Capturar o corregir las cifras")).to_have_count(0)
    focal.goto(base + "/reporting/2023/SEDENA/edit/")
    expect(focal.get_by_role("alert").first).to_contain_text("no se puede modificar")
    submission = Submission.objects.get(pk=year_with_a_draft.pk)
    assert submission.status == Submission.Status.APPROVED
    assert IndicatorValue.objects.get(submission=submission, indicator__code="4a").total == 2
    history = FigureComment.objects.filter(submission=submission).order_by("at")
    assert [c.text for c in history] == ["¿Y el curso de Mazatlán?", "Corregido: fueron 2 cursos."]
    assert all(c.resolved_at for c in history)
    assert list(submission.events.values_list("action", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]
