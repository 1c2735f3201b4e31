"""The plan browser, an indicator's page and /api/plan/: complete, bilingual, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency
from indicators.models import (
    Area,
    Indicator,
    LineOfAction,
    Plan,
    PlanActivity,
    Responsibility,
    StrategicGoal,
    Target,
)
from references.prefill import prefill_sheets

pytestmark = pytest.mark.django_db


def grow_plan(goals=5):
    """Add an area with `goals` goals, each with lines, activities, indicators and targets."""
    plan = Plan.objects.get()
    area = Area.objects.create(plan=plan, number=5, name_es="Extra", name_en="Extra")
    agency = Agency.objects.get(code="SRE")
    for n in range(goals):
        goal = StrategicGoal.objects.create(
            area=area, number=100 + n, text_es=f"Objetivo {n}", text_en=f"Goal {n}"
        )
        for line_number in (1, 2):
            line = LineOfAction.objects.create(
                goal=goal, number=line_number, text_es="Línea", text_en="Line"
            )
            PlanActivity.objects.create(
                goal=goal, numeral=f"v{line_number}", position=line_number, text_es="A", text_en="A"
            )
            indicator = Indicator.objects.create(
                goal=goal,
                line=line,
                code=f"x{n}{line_number}",
                position=line_number,
                text_es="Indicador",
                text_en="Indicator",
                measure=Indicator.Measure.COUNT,
            )
            Responsibility.objects.create(indicator=indicator, agency=agency)
            Target.objects.create(
                goal=goal,
                indicator=indicator,
                position=line_number,
                kind=Target.Kind.COUNT_PER_YEAR,
                value=3,
                text_es="Meta",
                text_en="Target",
            )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["plan-browser", "api-plan"])
def test_queries_do_not_grow_with_the_plan(client, url_name):
    url = reverse(url_name)
    before = count_queries(client, url)
    grow_plan(goals=6)
    after = count_queries(client, url)
    assert before == after
    # The plan, its structure (a query per level), its targets' earlier terms and its revisions
    # with their changes: a fixed number, whatever the plan's size.
    assert before <= 16


def test_indicator_page_queries_are_fixed(client, django_assert_max_num_queries):
    grow_plan(goals=3)
    prefill_sheets(Plan.objects.current())
    # 8 for the plan's own parts, 3 for the reference sheet (sheet, framework links, revisions).
    with django_assert_max_num_queries(11):
        response = client.get(reverse("indicator-detail", args=["4b"]))
    assert response.status_code == 200


def test_plan_browser_shows_the_whole_plan_in_spanish_by_default(client):
    response = client.get(reverse("plan-browser"))
    html = response.content.decode()
    assert response["Content-Language"] == "es"
    assert html.count('data-testid="goal"') == 10
    assert html.count('data-testid="indicator"') == 23
    assert html.count('data-testid="line"') == 16
    for area in ("Prevención", "Participación", "Protección", "Socorro y recuperación"):
        assert area in html
    assert "60 mujeres por año" in html
    assert "Más del 15\u00a0%" in html
    assert "15 en todo el plan" in html
    # A link to every indicator's own page.
    for code in Indicator.objects.values_list("code", flat=True):
        assert reverse("indicator-detail", args=[code]) in html


def test_plan_browser_in_english_after_switching_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/plan/"})
    assert response.status_code == 302
    html = client.get(reverse("plan-browser")).content.decode()
    assert "Relief and recovery" in html
    assert "60 women per year" in html
    assert "More than 15%" in html
    assert "Formation of 15 Specialized Units" in html


def test_browser_language_header_does_not_override_spanish(client):
    response = client.get(reverse("plan-browser"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Socorro y recuperación" in response.content.decode()


def test_indicator_page(client):
    html = client.get(reverse("indicator-detail", args=["8c"])).content.decode()
    assert "Número de instructoras de la Secretaría de Seguridad" in html
    assert "8 por año" in html
    for code in ("SEDENA", "SEMAR", "SSPC", "SRE", "INMUJERES", "ONUMUJERES"):
        assert f"({code})" in html


def test_indicator_page_shows_goal_wide_targets_and_missing_targets(client):
    html = client.get(reverse("indicator-detail", args=["1a"])).content.decode()
    assert "Realizar dos campañas de difusión" in html
    html = client.get(reverse("indicator-detail", args=["4c"])).content.decode()
    assert "El plan no establece meta para este indicador." in html
    assert "El Anexo 3 no establece meta para este indicador." in html


def test_unknown_indicator_is_404(client):
    assert client.get(reverse("indicator-detail", args=["99z"])).status_code == 404


def test_api_plan_is_complete_and_bilingual(client):
    response = client.get(reverse("api-plan"))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["start_year"] == 2021 and data["end_year"] == 2024
    assert data["name"]["es"].startswith("Plan Nacional de Acción")
    assert data["name"]["en"].startswith("National Action Plan")
    goals = [goal for area in data["areas"] for goal in area["goals"]]
    assert [g["number"] for g in goals] == list(range(1, 11))
    assert sum(len(g["lines_of_action"]) for g in goals) == 16
    indicators = {i["code"]: i for g in goals for i in g["indicators"]}
    assert len(indicators) == 23
    assert indicators["4b"]["measure"] == "people_by_sex"
    assert indicators["4b"]["line_of_action"] == 2
    assert indicators["9"]["source_note"]["es"]
    targets = {t["indicator"]: t for g in goals for t in g["targets"] if t["indicator"]}
    assert targets["5b"]["kind"] == "share_threshold"
    assert targets["5b"]["value"] == 15.0 and targets["5b"]["comparison"] == "more_than"
    assert targets["6a"]["value"] == 50.0
    assert targets["4b"]["counted"] == "women"
    assert targets["8c"]["text"]["es"].startswith("Ocho instructoras")
    goal1 = goals[0]
    assert [t["indicator"] for t in goal1["targets"]] == [None, None]
    assert [a["numeral"] for a in goals[6]["activities"]] == ["iii", "iv"]


def test_api_plan_is_read_only(client):
    assert client.post(reverse("api-plan"), {}).status_code == 405
    assert client.delete(reverse("api-plan")).status_code == 405
