"""Several plans in one monitor: Mexico's with its 2022 data, Mexico's next plan (same indicator
codes, an 11th area and goal, SEDENA in both) and another country's (its own regions, an
institution coded MOD-1). Each plan keeps its own forms, pages, reports and open data."""

import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from indicators.models import Plan
from reports.publishing import produce
from tests.plans_world import MEXICO, NEXT, OTHER, build_mexico, build_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    return build_plans()


def prefix(plan):
    return "" if plan.is_current else f"/plans/{plan.code}"


def indicators_on_form(client, plan, year, agency):
    response = client.get(f"{prefix(plan)}/reporting/{year}/{agency}/edit/")
    assert response.status_code == 200
    return re.findall(r'data-indicator="([^"]+)"', response.content.decode())


def test_each_form_lists_only_its_plans_indicators(client, plans):
    client.force_login(plans.people["focal_SEDENA"])
    mexico = indicators_on_form(client, plans.mexico, 2023, "SEDENA")
    following = indicators_on_form(client, plans.next, 2025, "SEDENA")
    other = indicators_on_form(client, plans.other, 2026, "SEDENA")
    sedena = lambda plan: sorted(  # noqa: E731
        plan.indicators.filter(responsibilities__agency__code="SEDENA").values_list(
            "code", flat=True
        )
    )
    assert sorted(mexico) == sedena(plans.mexico) and "11a" not in mexico
    assert sorted(following) == sedena(plans.next) and "11a" in following
    assert other == ["1b"]
    for codes in (mexico, following, other):
        assert len(codes) == len(set(codes))  # no two fields share a code

    client.force_login(plans.people["focal_MOD-1"])
    assert indicators_on_form(client, plans.other, 2026, "MOD-1") == ["1a", "1b"]
    # MOD-1 has no part in Mexico's plans
    assert client.get("/reporting/2023/MOD-1/").status_code == 404


def test_activities_are_placed_in_their_own_countrys_regions(client, plans):
    client.force_login(plans.people["focal_SEDENA"])
    mexico = client.get("/reporting/2023/SEDENA/activities/new/").content.decode()
    other = client.get(f"/plans/{OTHER}/reporting/2025/SEDENA/activities/new/").content.decode()
    assert "Entidad federativa" in mexico and "Oaxaca" in mexico and "Norte" not in mexico
    assert "Provincia" in other and "Norte" in other and "Oaxaca" not in other


# -- every page of each plan, for every role --------------------------------------------------


def plan_pages(plan, year, agency):
    """A plan's pages: public, the agency's own (its focal point and the working group), the
    working group's, and the agency's form (its focal point only)."""
    p = prefix(plan)
    indicator = plan.indicators.order_by("goal__number", "position").first().code
    public = [
        f"{p}/",
        f"{p}/plan/",
        f"{p}/plan/indicators/{indicator}/",
        f"{p}/plan/workbook.xlsx",
        f"{p}/dashboards/",
        f"{p}/dashboards/indicators/{indicator}/",
        f"{p}/dashboards/agencies/{agency}/",
        f"{p}/reports/published/",
        f"/api/plans/{plan.code}/",
        f"/api/plans/{plan.code}/values/?year={year}",
        *[f"{p}/dashboards/goals/{goal.number}/" for goal in plan.goals.all()],
        f"{p}/reporting/{year}/export/values.xlsx",  # approved figures only
    ]
    # the reporting years say who has reported, not what: public too
    years = [f"{p}/reporting/", f"{p}/reporting/{year}/"]
    own_agency = [
        f"{p}/reporting/{year}/{agency}/",
        f"{p}/reporting/{year}/{agency}/activities/",
        f"{p}/reporting/{year}/{agency}/history/",
        f"{p}/reporting/{year}/{agency}/template.xlsx",
        f"{p}/reporting/{year}/{agency}/export/values.xlsx",
    ]
    group = [f"{p}/reports/", f"{p}/plan/revisions/new/"]
    entry = [f"{p}/reporting/{year}/{agency}/edit/"]
    return public + years, own_agency, group, entry


ROLES = ["anonymous", "observer", "focal_SEDENA", "focal_MOD-1", "working_group", "administrator"]


def test_every_page_of_each_plan_answers_for_every_role(client, plans):
    cases = [
        (plans.mexico, 2023, "SEDENA"),
        (plans.next, 2025, "SEDENA"),
        (plans.other, 2026, "MOD-1"),
        (plans.other, 2026, "SEDENA"),
    ]
    unexpected = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(plans.people[role])
        for plan, year, agency in cases:
            public, own_agency, group, entry = plan_pages(plan, year, agency)
            expected = [(url, 200) for url in public]
            for url in own_agency:
                if role in ("working_group", f"focal_{agency}"):
                    status = 200
                elif role == "anonymous":
                    status = 302
                else:
                    status = (403, 404)
                expected.append((url, status))
            for url in group:
                status = 200 if role == "working_group" else 302 if role == "anonymous" else 403
                expected.append((url, status))
            for url in entry:  # only the agency's own focal point enters its figures
                if role == f"focal_{agency}":
                    status = 200
                else:
                    status = 302 if role == "anonymous" else (403, 404)
                expected.append((url, status))
            for url, status in expected:
                answered = client.get(url).status_code
                if answered not in (status if isinstance(status, tuple) else (status,)):
                    unexpected.append((role, url, answered, status))
    assert unexpected == [], "\n".join(map(str, unexpected))


def test_an_eleventh_area_and_goal_are_shown(client, plans):
    page = client.get(f"/plans/{NEXT}/plan/").content.decode()
    assert "XI. Eje 11" in page and "Objetivo estratégico 11" in page
    dashboard = client.get(f"/plans/{NEXT}/dashboards/").content.decode()
    assert "XI." in dashboard
    goal = client.get(f"/plans/{NEXT}/dashboards/goals/11/").content.decode()
    assert "11a" in goal and "60" in goal  # SEMAR's approved 60 women against 50 a year


# -- reports and open data ------------------------------------------------------------------


def test_open_data_is_per_plan(client, plans):
    plans_list = client.get("/api/plans/").json()
    listed = {p["code"]: p for p in plans_list["plans"]}
    assert set(listed) == {MEXICO, NEXT, OTHER}
    assert listed[MEXICO]["current"] and not listed[NEXT]["current"]
    assert (listed[NEXT]["start_year"], listed[NEXT]["end_year"]) == (2025, 2030)

    mexico_2022 = client.get("/api/values/?year=2022").json()
    assert mexico_2022 == client.get(f"/api/plans/{MEXICO}/values/?year=2022").json()
    assert len(mexico_2022["values"]) == 23
    reported = [v for v in mexico_2022["values"] if v["agencies"]]
    assert "MOD-1" not in {a for v in reported for a in v["agencies"]}

    def reported_in(code, year):
        values = client.get(f"/api/plans/{code}/values/?year={year}").json()["values"]
        return [(v["indicator"], v["agencies"], v["women"]) for v in values if v["agencies"]]

    assert reported_in(NEXT, 2025) == [("11a", ["SEMAR"], 60)]
    assert reported_in(OTHER, 2025) == [("1a", ["MOD-1"], 320)]
    assert len(client.get(f"/api/plans/{OTHER}/values/?year=2025").json()["values"]) == 2
    whole = client.get(f"/api/plans/{NEXT}/").json()
    assert len([i for a in whole["areas"] for g in a["goals"] for i in g["indicators"]]) == 24


def test_reports_are_per_plan(plans):
    mexico = produce(plans.mexico, 2022, "es", "xlsx")
    following = produce(plans.next, 2025, "es", "xlsx")
    other = produce(plans.other, 2025, "en", "xlsx")
    assert mexico.filename.startswith(f"informe-{MEXICO}-2022")
    assert following.filename.startswith(f"informe-{NEXT}-2025")
    assert other.filename.startswith(f"report-{OTHER}-2025")

    def indicator_codes(produced):
        sheet = load_workbook(BytesIO(produced.content)).worksheets[0]
        return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}

    assert "11a" in indicator_codes(following) and "11a" not in indicator_codes(mexico)
    assert indicator_codes(other) == {"1a", "1b"}
    assert load_workbook(BytesIO(other.content)).properties.title.startswith("Xyland NAP")


def test_nothing_of_the_old_plan_disappears_when_the_next_becomes_current(client, plans):
    before = {
        url: client.get(url).content
        for url in (f"/api/plans/{MEXICO}/", f"/api/plans/{MEXICO}/values/?year=2022")
    }
    client.force_login(plans.people["working_group"])
    assert client.post(f"/plans/{NEXT}/plan/current/").status_code == 302
    assert Plan.objects.current().code == NEXT
    client.logout()
    for url, content in before.items():
        assert client.get(url).content == content
    old = f"/plans/{MEXICO}"
    assert client.get(f"{old}/plan/indicators/4b/").status_code == 200
    assert client.get(f"{old}/dashboards/goals/4/").status_code == 200
    assert "Xylandia" not in client.get(f"{old}/plan/").content.decode()
    # the short addresses are the next plan's now
    assert "Objetivo estratégico 11" in client.get("/plan/").content.decode()
    current = client.get("/api/values/?year=2025").json()["values"]
    assert [v["indicator"] for v in current if v["agencies"]] == ["11a"]
    client.force_login(plans.people["focal_SEDENA"])
    assert client.get(f"{old}/reporting/2022/SEDENA/").status_code == 200
    assert client.get("/reporting/2025/SEDENA/").status_code == 200


# -- query counts -----------------------------------------------------------------------------


PAGES = ["/plan/", "/dashboards/", "/dashboards/goals/4/", "/reporting/2023/", "/api/plan/"]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_more_plans(client, people):
    client.force_login(people["working_group"])
    build_mexico()
    one_plan = {url: queries(client, url) for url in PAGES}
    build_plans(mexico_built=True)
    assert Plan.objects.count() == 3
    three_plans = {url: queries(client, url) for url in PAGES}
    assert three_plans == one_plan


def test_a_plans_pages_say_which_plan_and_name_only_its_agencies(client, plans):
    page = client.get(f"/plans/{OTHER}/dashboards/").content.decode()
    assert "Está consultando PNA Xylandia (XY-NAP-2025, 2025–2027), que no es el plan vigente." in (
        page
    )
    agencies = re.findall(r'href="/plans/XY-NAP-2025/dashboards/agencies/([^/]+)/"', page)
    assert sorted(set(agencies)) == ["MOD-1", "SEDENA"]
    assert 'value="SSPC"' not in page
    assert client.get(f"/plans/{OTHER}/dashboards/agencies/SSPC/").status_code == 404
    assert client.get(f"/plans/{OTHER}/dashboards/agencies/MOD-1/").status_code == 200
    assert 'data-testid="plan-banner"' not in client.get("/dashboards/").content.decode()
    assert "el plan vigente." in client.get(f"/plans/{MEXICO}/plan/").content.decode()
