"""A focal point submits in the browser; the working group's e-mail arrives (Django's locmem
outbox) with a link that opens the submission, and the notice is recorded as sent."""

import datetime
import re

from django.core import mail
from playwright.sync_api import expect

from indicators.models import Plan
from notifications.models import Notice
from reporting.models import ReportingYear
from tests.browser.test_review_cycle import sign_in
from tests.factories import PersonFactory
from tests.notifications.conftest import complete


def test_a_submission_emails_the_working_group_a_link_to_it(
    browser, live_server, plan_loaded, settings, step_screenshots
):
    settings.SITE_URL = live_server.url
    reporting_year = ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    complete(reporting_year.submissions.get(agency__code="SEDENA"))
    focal_point = PersonFactory(role="focal_point", agency="SEDENA", email="enlace@sedena.gob.mx")
    reviewer = PersonFactory(role="working_group", email="grupo@sre.gob.mx")

    focal = sign_in(browser, live_server.url, focal_point)
    step_screenshots.pages.append(focal)
    focal.goto(live_server.url + "/reporting/2023/SEDENA/")
    focal.get_by_role("button", name="Enviar").click()
    focal.locator("#confirm-dialog").get_by_role("button", name="Sí, enviar").click()
    expect(focal.get_by_test_id("status")).to_have_text("Enviado")

    [message] = mail.outbox
    assert message.to == ["grupo@sre.gob.mx"]
    assert message.subject == "SEDENA envió su informe de 2023"
    link = re.search(r"^(http\S+/reporting/\S+)$", message.body, re.MULTILINE)[1]
    assert link == f"{live_server.url}/reporting/2023/SEDENA/"
    assert Notice.objects.get().status == Notice.Status.SENT

    group = sign_in(browser, live_server.url, reviewer)
    step_screenshots.pages.append(group)
    group.goto(link)
    expect(group.get_by_role("heading", level=1)).to_contain_text("2023")
    expect(group.get_by_test_id("status")).to_have_text("Enviado")
    expect(group.get_by_role("button", name="Aprobar")).to_be_visible()
