"""Reporting years: the working group opens and closes them; a page shows where each agency is."""

import datetime

import pytest
from django.urls import reverse

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
    assert client.post(reverse("reporting:year-close", args=[2023])).status_code == status
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
    assert "/ 19" in html  # SEDENA's 19 indicators due


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
    client.post(reverse("reporting:year-close", args=[2023]))
    reporting_year.refresh_from_db()
    assert not reporting_year.is_open and reporting_year.closed_at
    focal = type(client)()
    login(focal, people["focal_point"])
    response = focal.get(reverse("reporting:edit", args=[2023, "SEDENA"]), follow=True)
    assert "El año 2023 está cerrado" in response.content.decode()
    client.post(reverse("reporting:year-reopen", args=[2023]))
    assert focal.get(reverse("reporting:edit", args=[2023, "SEDENA"])).status_code == 200
