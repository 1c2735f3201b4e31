"""The dashboards as users see them, on the real 2022 data."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dashboards.models import Assessment
from indicators.models import Indicator, Target
from places.models import Region
from reporting.models import Activity, Submission
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


def text(response):
    return response.content.decode()


def test_overview_shows_the_2022_results(client, data_2022):
    response = client.get(reverse("dashboards:overview"))
    html = text(response)
    assert response.status_code == 200
    assert 'data-testid="overview-area"' in html and html.count("data-goal=") == 10
    # Goal 5: the share of women deployed, with what it is a share of, as Mexico writes it.
    assert "39.1\u00a0% (9 de 23) en 2022 frente a una meta de más del 15\u00a0%" in html
    # Goal 4's specialized courses: cumulative, and said so.
    assert "Cursos: 1 frente a 2 previstos para 2021-2024 (acumulado)" in html
    assert "Redes: 630 en 2022 frente a una meta de 50 al año: meta cumplida." in html  # goal 6


def goal_row(html, number):
    start = html.index(f'data-goal="{number}"')
    return html[start : html.index("</tr>", start)]


def test_goal_statuses_on_the_overview(client, data_2022):
    html = text(client.get(reverse("dashboards:overview"), {"year": 2022}))
    assert 'data-status="achieved"' in goal_row(html, 6)
    five = goal_row(html, 5)
    tally = five[five.index('data-testid="tally"') :]
    # Every status counted, none hidden behind the least favourable one: 5b; 5a and 5c.
    assert 'data-status="achieved">1</span> Cumplida' in tally
    assert 'data-status="needs_assessment">2</span> Requiere valoración' in tally
    assert '<rect class="status-achieved" x="0.0" y="0" width="33.3"' in tally
    assert 'data-indicator="5b"' in five
    # Goal 4 shows each of its statuses, not only the least favourable one.
    four = goal_row(html, 4).split('data-testid="tally"')[1]
    for status in ("on_track", "behind", "needs_assessment", "not_reported"):
        assert f'data-status="{status}">1</span>' in four


def test_goal_page(client, data_2022):
    html = text(client.get(reverse("dashboards:goal", args=[5]), {"year": 2022}))
    assert "39.1\u00a0% (9 de 23) en 2022 frente a una meta de más del 15\u00a0%" in html
    # 5b is shown as what its target measures, the share of women, not as 23 people.
    years = html[html.index('data-testid="goal-years"') :]
    row_5b = years[years.index(">5b</a>") :].split("</tr>")[0]
    assert "<strong>39.1\u00a0%</strong> (9 de 23)" in row_5b and ">23<" not in row_5b
    assert 'data-testid="contributions"' in html
    # Each agency's contribution: SEDENA 5 women of 15 deployed, SEMAR 4 of 8.
    contributions = html[html.index('data-testid="contributions"') :]
    row = contributions[contributions.index('<th scope="row">5b</th>') :].split("</tr>")[0]
    assert "<strong>33.3\u00a0%</strong> (5 de 15)" in row
    assert "<strong>50\u00a0%</strong> (4 de 8)" in row


def test_indicator_page_with_chart_sex_split_activities_and_entities(client, data_2022):
    response = client.get(reverse("dashboards:indicator", args=["6a"]), {"year": 2022})
    html = text(response)
    assert html.count("<svg") == 2  # the trend and the federal entities
    assert "Los datos de la gráfica" in html  # the chart's data as a table
    assert 'data-testid="indicator-activities"' in html
    assert response.context["table"].paginator.count == 28  # 27 states (SSPC) + FOBAM
    entities = {row["name"]: row for row in response.context["entity_rows"]}
    assert entities["Tlaxcala"]["quantity"] == 129 and entities["Tlaxcala"]["women"] == 1925
    people = text(client.get(reverse("dashboards:indicator", args=["4b"]), {"year": 2022}))
    assert "mujeres y hombres" in people and people.count("<svg") == 2  # trend and split by sex


def test_agency_page_completeness_and_timeliness(client, data_2022):
    response = client.get(reverse("dashboards:agency", args=["SEDENA"]))
    html = text(response)
    assert "19 de 19" in html and "a tiempo" in html and "Aprobado" in html


def test_year_outside_the_plan_is_refused_with_a_message(client, data_2022):
    response = client.get(reverse("dashboards:overview"), {"year": 2026})
    assert response.status_code == 400
    assert "no es un año del plan (2021-2024)" in text(response)


@pytest.fixture
def submitted_2023(data_2022, report):
    return report("SSPC", 2023, "6a", total=77, status="submitted")


def test_observers_and_the_public_never_see_submitted_data(client, people, submitted_2023):
    for who in (None, "observer", "focal_point"):
        client.logout()
        login(client, people.get(who) if who else None)
        html = text(
            client.get(
                reverse("dashboards:indicator", args=["6a"]), {"year": 2023, "source": "submitted"}
            )
        )
        assert "Redes: 77" not in html and ">77<" not in html and 'name="source"' not in html
        assert "Sin informar" in html


def test_working_group_sees_submitted_data_marked(client, people, submitted_2023):
    login(client, people["working_group"])
    response = client.get(
        reverse("dashboards:indicator", args=["6a"]), {"year": 2023, "source": "submitted"}
    )
    html = text(response)
    assert 'data-testid="unapproved-banner"' in html
    assert "Redes: 77 en 2023" in html and 'class="unapproved' in html


def test_downloads_open_as_spreadsheets(client, data_2022):
    csv_response = client.get(reverse("dashboards:overview"), {"year": 2022, "format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Objetivo", "Indicador", "Meta"]
    row_5b = next(r for r in rows if r[1] == "5b")
    assert row_5b[5] == "39.1" and row_5b[6] == "porcentaje" and row_5b[7] == "Cumplida"
    xlsx = client.get(reverse("dashboards:goal", args=[6]), {"year": 2022, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0][:2] == [6, "6a"] and values[0][5] == 630 and values[0][6] == "redes"
    entities = client.get(
        reverse("dashboards:indicator", args=["6a"]),
        {"year": 2022, "table": "entities", "format": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(entities.content)).active
    # Only networks formed count towards 6a; Tlaxcala's 80 strengthened networks do not.
    assert ("Tlaxcala", 1, 129) in {
        (r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2)
    }


def test_text_cells_cannot_run_as_formulas(client, data_2022):
    activity = Activity.objects.filter(indicator__code="6a").first()
    activity.title = '=HYPERLINK("http://malo.example","clic")'
    activity.save()
    response = client.get(
        reverse("dashboards:indicator", args=["6a"]),
        {"year": 2022, "table": "activities", "format": "csv"},
    )
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")
    response = client.get(
        reverse("dashboards:indicator", args=["6a"]),
        {"year": 2022, "table": "activities", "format": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = {row[1].value: row[1].data_type for row in sheet.iter_rows(min_row=2)}
    # The title as typed, held as text: no apostrophe added, never a formula.
    assert titles['=HYPERLINK("http://malo.example","clic")'] == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_open_data_api(client, data_2022, submitted_2023):
    response = client.get(reverse("api-values"), {"year": 2022})
    data = response.json()
    by_code = {v["indicator"]: v for v in data["values"]}
    assert by_code["6a"]["total"] == 630 and by_code["6a"]["status"] == "achieved"
    assert by_code["5b"]["status"] == "achieved"
    assert by_code["4b"]["results"][0]["explanation"]["en"] == (
        "Women: 46 in 2022 against 60 a year (77% of the target)."
    )
    # Approved data only: the submitted 2023 figure is not public.
    values_2023 = {
        v["indicator"]: v
        for v in client.get(reverse("api-values"), {"year": 2023}).json()["values"]
    }
    assert values_2023["6a"]["total"] is None
    assert client.get(reverse("api-values"), {"year": 2030}).status_code == 400
    assert client.get(reverse("api-values"), {"year": "dos mil"}).status_code == 400


def test_working_group_rates_a_qualitative_target(client, people, data_2022):
    target = Target.objects.get(indicator__code="7a")
    url = reverse("dashboards:assess", args=[2022, "target", target.pk])
    for who in ("observer", "focal_point", "administrator"):
        client.logout()
        login(client, people[who])
        assert (
            client.post(url, {"rating": "achieved", "justification": "x" * 20}).status_code == 403
        )
    client.logout()
    login(client, people["working_group"])
    response = client.post(
        url, {"rating": "achieved", "justification": "corto", "version": 0}, follow=True
    )
    assert "Escriba la justificación" in text(response)
    assert 'value="achieved" selected' in text(response)  # the entries stay on screen
    assert not Assessment.objects.exists()
    first = {"rating": "achieved", "justification": "Quince foros con mujeres mexicanas en 2022."}
    response = client.post(url, {**first, "version": 0}, follow=True)
    assert "Valoración guardada." in text(response)
    assert "Valorada por el grupo de trabajo: Quince foros" in text(response)
    # Rating again replaces the year's rating instead of adding a second one; the earlier rating
    # is kept in the history and shown beside the current one.
    revised = {"rating": "behind", "justification": "Revisado: faltan foros regionales."}
    response = client.post(url, {**revised, "version": 1}, follow=True)
    assert Assessment.objects.get().rating == "behind"
    assert "Valoraciones anteriores: Cumplida" in text(response)
    assert Assessment.history.count() == 2
    # A rating sent from a page loaded before that change is a conflict, shown side by side.
    stale = client.post(url, {**first, "version": 1})
    assert stale.status_code == 409
    assert stale.context["conflict"].rows[0][1:] == ("Rezagada", "Cumplida")
    assert Assessment.objects.get().rating == "behind"
    indicator = Indicator.objects.get(code="4c")
    client.post(
        reverse("dashboards:assess", args=[2022, "indicator", indicator.pk]),
        {"rating": "behind", "justification": "Sin cursos de idiomas en 2022.", "version": 0},
    )
    assert Assessment.objects.filter(indicator=indicator, year=2022).exists()


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url, params",
    [
        (reverse("dashboards:overview"), {"year": 2022}),
        (reverse("dashboards:goal", args=[6]), {"year": 2022}),
        (reverse("dashboards:indicator", args=["6a"]), {"year": 2022}),
        (reverse("dashboards:agency", args=["SSPC"]), {}),
        (reverse("api-values"), {}),
    ],
)
def test_queries_do_not_grow_with_the_data(client, people, data_2022, report, url, params):
    regions = list(Region.objects.filter(country__code="MX").order_by("code"))
    login(client, people["working_group"])
    before = count_queries(client, url, params)
    for year in (2021, 2023, 2024):
        for code, agency in (("6a", "SSPC"), ("6a", "INMUJERES"), ("4a", "SEDENA"), ("7a", "SRE")):
            report(agency, year, code, total=5)
    submission = Submission.objects.get(reporting_year__year=2022, agency__code="SSPC")
    template = Activity.objects.filter(submission=submission, indicator__code="6a").first()
    Activity.objects.bulk_create(
        [
            Activity(
                submission=submission,
                line=template.line,
                indicator=template.indicator,
                title=f"Red {n}",
                start_date=template.start_date,
                end_date=template.end_date,
                region=regions[n % 32],
                quantity=1,
                women=10,
                men=0,
                total=10,
            )
            for n in range(2000)
        ]
    )
    assert count_queries(client, url, params) == before
    # Constant: the plan structure, its revisions and ratings, civil society's published ratings.
    assert before <= 29


def test_goal_tables_download(client, data_2022):
    url = reverse("dashboards:goal", args=[5])
    years = client.get(url, {"year": 2022, "table": "years", "format": "csv"})
    rows = list(csv.reader(io.StringIO(years.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Indicador",
        "Qué cuenta la cifra",
        "2021",
        "2022",
        "Estado 2021",
        "Estado 2022",
    ]
    row_5b = next(r for r in rows if r[0] == "5b")
    # 39.1 % of those deployed in 2022 were women; achieved. 2021: no data, not a zero.
    assert row_5b[1:6] == ["porcentaje", "", "39.1", "Sin informar", "Cumplida"]
    contributions = client.get(url, {"year": 2022, "table": "contributions", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(contributions.content)).active
    header = [c.value for c in sheet[1]]
    row = {
        header[i]: c.value
        for i, c in enumerate(next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "5b"))
    }
    # The share of women each agency deployed (5 of 15, 4 of 8), as numbers.
    assert (row["SEDENA"], row["SEMAR"]) == (33.3, 50)
    assert sheet.cell(row=2, column=2).number_format == "#,##0.0"
