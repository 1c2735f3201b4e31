"""Reporting years: the working group opens and closes them; a page shows where each agency is."""

import datetime

import pytest
from django.urls import reverse

from indicators.models import Plan
from reporting.models import ReportingYear, Submission
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def test_working_group_opens_a_year_for_every_implementing_agency(client, people):
    login(client, people["working_group"])
    response = client.post(reverse("reporting:year-open"), {"year": 2024, "deadline": "2025-03-31"})
    assert response.status_code == 302
    year = ReportingYear.objects.get(year=2024)
    assert year.deadline == datetime.date(2025, 3, 31) and year.is_open
    assert sorted(year.submissions.values_list("agency__code", flat=True)) == [
        "INMUJERES",
        "SEDENA",
        "SEMAR",
        "SRE",
        "SSPC",
    ]
    assert set(year.submissions.values_list("status", flat=True)) == {"draft"}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"year": 2019, "deadline": "2020-03-01"}, "El plan abarca de 2021 a 2024."),
        ({"year": 2022, "deadline": "2021-12-01"}, "no puede ser anterior"),
        ({"year": "", "deadline": "2023-03-01"}, "Este campo es obligatorio."),
        ({"year": 2022, "deadline": "2023-02-30"}, "Introduzca una fecha válida."),
        ({"year": 2022, "deadline": "marzo"}, "Introduzca una fecha válida."),
    ],
)
def test_bad_years_are_refused(client, people, data, message):
    login(client, people["working_group"])
    response = client.post(reverse("reporting:year-open"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportingYear.objects.exists()


def test_a_year_opens_only_once(client, people, reporting_year):
    login(client, people["working_group"])
    response = client.post(reverse("reporting:year-open"), {"year": 2023, "deadline": "2024-03-01"})
    assert "El año 2023 ya fue abierto." in response.content.decode()
    assert ReportingYear.objects.count() == 1


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("focal_point", 403), ("observer", 403), ("administrator", 403)],
)
def test_only_the_working_group_opens_and_closes_years(client, people, who, status, reporting_year):
    login(client, people.get(who))
    assert (
        client.post(
            reverse("reporting:year-open"), {"year": 2024, "deadline": "2025-01-01"}
        ).status_code
        == status
    )
    assert (
        client.post(reverse("reporting:year-close", args=[2023]), {"confirmed": "yes"}).status_code
        == status
    )
    assert ReportingYear.objects.get().is_open and ReportingYear.objects.count() == 1


def test_year_page_shows_each_agencys_state_to_the_working_group(client, people, reporting_year):
    sedena = reporting_year.submissions.get(agency__code="SEDENA")
    Submission.objects.filter(pk=sedena.pk).update(status="submitted")
    ReportingYear.objects.filter(pk=reporting_year.pk).update(deadline=datetime.date(2024, 1, 31))
    login(client, people["working_group"])
    html = client.get(reverse("reporting:year", args=[2023])).content.decode()
    for code in ("INMUJERES", "SEDENA", "SEMAR", "SRE", "SSPC"):
        assert f'data-agency="{code}"' in html
    assert "Enviado" in html and "Borrador" in html
    assert html.count("Con retraso") == 4  # the four drafts past the deadline
    assert "0 de 19" in html  # none of SEDENA's 19 indicators answered yet


def test_year_page_hides_drafts_from_observers_and_other_agencies(client, people, reporting_year):
    login(client, people["observer"])
    html = client.get(reverse("reporting:year", args=[2023])).content.decode()
    assert (
        "data-agency=" not in html and "5 informes de dependencias aún no están aprobados" in html
    )
    client.logout()
    login(client, people["focal_point"])
    html = client.get(reverse("reporting:year", args=[2023])).content.decode()
    assert 'data-agency="SEDENA"' in html and 'data-agency="SEMAR"' not in html


def test_closing_locks_and_reopening_unlocks(client, people, reporting_year, submission):
    login(client, people["working_group"])
    # Closing asks first: nothing happens until the person confirms.
    asked = client.post(reverse("reporting:year-close", args=[2023]))
    assert asked.status_code == 200 and 'data-testid="confirm-page"' in asked.content.decode()
    reporting_year.refresh_from_db()
    assert reporting_year.is_open
    client.post(reverse("reporting:year-close", args=[2023]), {"confirmed": "yes"})
    reporting_year.refresh_from_db()
    assert not reporting_year.is_open and reporting_year.closed_at
    focal = type(client)()
    login(focal, people["focal_point"])
    response = focal.get(reverse("reporting:edit", args=[2023, "SEDENA"]), follow=True)
    assert "El año 2023 está cerrado" in response.content.decode()
    client.post(reverse("reporting:year-reopen", args=[2023]), {"confirmed": "yes"})
    assert focal.get(reverse("reporting:edit", args=[2023, "SEDENA"])).status_code == 200


def test_an_agency_put_in_charge_after_the_year_opened_gets_its_draft(client, people):
    """In the admin, an indicator is given to an institution after the year was opened: the
    institution's focal point finds the year's form at once."""
    from agencies.models import Agency
    from indicators.models import Indicator, Responsibility
    from tests.factories import PersonFactory

    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    newcomer = Agency.objects.create(code="GN-1", name_es="Guardia Nacional", kind="implementing")
    focal_point = PersonFactory(role="focal_point", agency="GN-1")
    login(client, focal_point)
    assert client.get("/reporting/2023/GN-1/").status_code == 404

    Responsibility.objects.create(
        indicator=Indicator.objects.get(code="6a"), agency=newcomer, position=9
    )
    assert client.get("/reporting/2023/GN-1/").status_code == 200
    page = client.get("/reporting/2023/GN-1/edit/").content.decode()
    assert 'data-indicator="6a"' in page


def test_the_year_page_lets_the_working_group_add_the_drafts_still_missing(client, people):
    """A partner in charge of an indicator becomes an implementing agency: the year page says
    it has no submission and adds it."""
    from agencies.models import Agency

    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    Agency.objects.filter(code="ONUMUJERES").update(kind="implementing")
    login(client, people["working_group"])
    page = client.get("/reporting/2023/").content.decode()
    assert 'data-testid="missing-agencies"' in page and "ONUMUJERES" in page

    login(client, people["focal_point"])
    assert client.post("/reporting/2023/add-agencies/").status_code == 403
    login(client, people["working_group"])
    response = client.post("/reporting/2023/add-agencies/", follow=True)
    assert "Borradores agregados para: ONUMUJERES." in response.content.decode()
    assert Submission.objects.filter(reporting_year__year=2023, agency__code="ONUMUJERES").exists()
    assert 'data-testid="missing-agencies"' not in response.content.decode()
