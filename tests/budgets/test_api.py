"""Open data: /api/budgets/ lists approved submissions' budget lines only, filtered by year and
agency, described in the OpenAPI schema."""

import pytest
from django.urls import reverse

from reporting.models import Submission
from tests.budgets.conftest import budget_line, set_status

pytestmark = pytest.mark.django_db

URL = "/api/budgets/"


@pytest.fixture
def lines(submission, other_submission):
    budget_line(
        submission,
        "4.2",
        source="cooperation",
        partner="ONU Mujeres",
        programme_key="P-019",
        marker=1,
        programmed="2000",
        approved="1000.50",
        spent="1500",
        overspend_note="Ampliación",
    )
    set_status(submission, Submission.Status.APPROVED)
    budget_line(other_submission, "5.1", approved="777")  # a draft


def test_approved_lines_only(client, lines):
    assert reverse("budgets:api") == URL
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["currency"] == "MXN"
    assert data["budgets"] == [
        {
            "year": 2023,
            "agency": "SEDENA",
            "goal": 4,
            "line_of_action": "4.2",
            "source": "cooperation",
            "partner": "ONU Mujeres",
            "programme_key": "P-019",
            "gender_marker": 1,
            "gender_marker_meaning": "significant",
            "programmed": "2000.00",
            "approved": "1000.50",
            "spent": "1500.00",
            "spent_more_than_approved": True,
            "explanation": "Ampliación",
        }
    ]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_filters(client, lines, other_submission):
    set_status(other_submission, Submission.Status.APPROVED)
    assert len(client.get(URL).json()["budgets"]) == 2
    assert [b["agency"] for b in client.get(URL, {"agency": "semar"}).json()["budgets"]] == [
        "SEMAR"
    ]
    assert client.get(URL, {"year": 2022}).json()["budgets"] == []
    assert len(client.get(URL, {"year": 2023}).json()["budgets"]) == 2


@pytest.mark.parametrize("year", ["1999", "abc", "-1", "2023 OR 1=1"])
def test_bad_year(client, lines, year):
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    assert "error" in response.json()


def test_in_the_schema(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/budgets/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"year", "agency"}
