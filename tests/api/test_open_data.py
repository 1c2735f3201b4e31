"""The open data API: described by OpenAPI at /api/ with its licence, read-only, numbers as
numbers, approved data only."""

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


def test_the_description_is_served_with_its_licence(client):
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html and "<script>" not in html  # the page's script is a file (CSP)
    assert "cdn" not in html.lower()
    schema = yaml.safe_load(client.get(reverse("api-schema")).content)
    assert schema["info"]["license"]["name"] == "CC BY 4.0"
    paths = schema["paths"]
    for path in ("/api/plans/", "/api/plans/{code}/", "/api/plans/{code}/values/", "/api/values/"):
        assert "get" in paths[path]
    value = schema["components"]["schemas"]["Value"]["properties"]
    for name in ("women", "men", "total", "numerator", "denominator"):
        assert value[name]["type"] == "integer"
    assert value["share"]["type"] == "number"


def test_values_carry_numbers_and_their_licence(client, data_2022):
    data = client.get(reverse("api-values"), {"year": 2022}).json()
    assert data["license"].startswith("CC-BY-4.0")
    five_b = next(v for v in data["values"] if v["indicator"] == "5b")
    assert (five_b["women"], five_b["men"], five_b["total"]) == (9, 14, 23)
    assert five_b["headline"]["kind"] == "share"
    assert (five_b["headline"]["numerator"], five_b["headline"]["denominator"]) == (9, 23)
    assert round(five_b["headline"]["value"], 1) == 39.1
    eight_a = next(v for v in data["values"] if v["indicator"] == "8a")
    assert eight_a["unsplit"] == 8 and eight_a["total"] == 352


def test_the_api_is_read_only_and_open_to_other_sites(client):
    for name in ("api-plans", "api-plan", "api-values"):
        url = reverse(name)
        assert client.post(url, {}).status_code == 405
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"
    assert client.get(reverse("api-plans")).json()["license"].startswith("CC-BY-4.0")
