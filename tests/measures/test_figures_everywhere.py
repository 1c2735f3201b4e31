"""One figure per measure, followed through every output a person gets: the indicator's page,
its CSV, XLSX and JSON downloads, the open data API, the chart's data and the annual report, in
Spanish and in English. A figure must read the same everywhere, as its measure defines it."""

import csv
import io
import json
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from indicators.models import Plan
from reports.generator import build

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    code: str
    year: int
    es: str  # the figure as Spanish writes it, with what it counts
    en: str
    number: object  # what a spreadsheet cell and the API hold (words: in Spanish)
    chart_es: str  # the chart's data table cell


CASES = [
    # A count: networks formed (442 SSPC + 188 INMUJERES).
    Case("6a", 2022, "630 redes", "630 networks", 630, "630"),
    # One course: the plan's unit is a plural, so the figure is written "Courses: 1".
    Case("4a", 2022, "Cursos: 1", "Courses: 1", 1, "1"),
    # People by sex whose target counts women: the women, not the 74 people trained.
    Case("4b", 2022, "46 mujeres", "46 women", 46, "46"),
    # People by sex with a share threshold on women: the share, with what it is a share of.
    Case("5b", 2022, "39.1\u00a0% (9 de 23)", "39.1% (9 of 23)", 39.1, "39.1\u00a0%"),
    # People by sex counted as everyone: the people, with the split by sex.
    Case("2a", 2022, "355 personas", "355 people", 355, "355"),
    # A share from numerators and denominators, pooled across agencies (30/40 and 5/60).
    Case("9", 2023, "35\u00a0% (35 de 100)", "35% (35 of 100)", 35, "35\u00a0%"),
    # Yes or no.
    Case("8b", 2023, "Sí", "Yes", "Sí", None),
]


@pytest.fixture
def data(db, report):
    call_command("loaddata", "data_2022", verbosity=0)
    report("SEDENA", 2023, "9", numerator=30, denominator=40)
    report("SEMAR", 2023, "9", numerator=5, denominator=60)
    report("SSPC", 2023, "8b", yes_no=True)


def in_language(client, language):
    client.cookies["django_language"] = language


def test_the_average_of_percentages_is_never_used(data):
    """30/40 (75 %) and 5/60 (8.3 %) pool to 35/100: 35 %, not the 41.7 % of an average."""
    from dashboards.progress import Progress
    from indicators.models import Indicator

    progress = Progress(Plan.objects.get())
    figure = progress.figure(Indicator.objects.get(code="9"), 2023)
    assert (figure.numerator, figure.denominator, round(figure.value, 1)) == (35, 100, 35)


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_one_figure_on_the_page_in_both_languages(client, data, case):
    url = reverse("dashboards:indicator", args=[case.code])
    for language, expected in (("es", case.es), ("en", case.en)):
        in_language(client, language)
        response = client.get(url, {"year": case.year})
        html = response.content.decode()
        shown = html[html.index('data-testid="figure"') :].split("</p>")[0]
        text = shown.replace("<strong>", "").replace("</strong>", "")
        assert expected in text, (language, text)
        if case.chart_es is not None and language == "es":
            rows = {row[0]: row[1] for row in response.context["trend_chart"].rows}
            assert rows[str(case.year)] == case.chart_es
            # A year with no data is said to have none; never a zero.
            assert rows["2021"] == "sin datos"


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_one_figure_in_every_download(client, data, case):
    url = reverse("dashboards:indicator", args=[case.code])
    for language in ("es", "en"):
        in_language(client, language)
        number = case.en if language == "en" and isinstance(case.number, str) else case.number
        params = {"year": case.year}
        content = client.get(url, {**params, "format": "csv"}).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        header = rows[0]
        assert header[1] == {"es": "Cifra comparada", "en": "Figure compared"}[language]
        row = next(r for r in rows[1:] if r[0] == str(case.year))
        assert row[1] == str(number)
        workbook = load_workbook(io.BytesIO(client.get(url, {**params, "format": "xlsx"}).content))
        cells = {r[0].value: r[1] for r in workbook.active.iter_rows(min_row=2)}
        assert cells[case.year].value == number
        if isinstance(number, int | float):
            assert cells[case.year].data_type == "n"  # a number, not text
        data = json.loads(client.get(url, {**params, "format": "json"}).content)
        by_year = {r["year"]: r for r in data["rows"]}
        assert by_year[case.year]["figure"] == number
        response = client.get(url, {**params, "format": "csv"})
        expected_name = {"es": f"indicador-{case.code}.csv", "en": f"indicator-{case.code}.csv"}
        assert expected_name[language] in response["Content-Disposition"]


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_one_figure_in_the_open_data(client, data, case):
    values = client.get(reverse("api-values"), {"year": case.year}).json()["values"]
    value = next(v for v in values if v["indicator"] == case.code)
    headline = value["headline"]
    assert headline["text"] == {"es": case.es, "en": case.en}
    if isinstance(case.number, int | float) and headline["kind"] != "yes_no":
        assert round(headline["value"], 1) == case.number


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_one_figure_in_the_annual_report(data, case):
    plan = Plan.objects.get()
    for language, expected in (("es", case.es), ("en", case.en)):
        report = build(plan, case.year, language=language, final=True)
        row = next(r for r in report.results if r.code == case.code)
        assert row.value.startswith(expected), (language, row.value)


def test_numbers_read_as_mexico_writes_them(client, data):
    """20,140 people trained by SEDENA in 2022; 39.1 % women deployed."""
    client.cookies["django_language"] = "es"
    from agencies.models import Agency
    from reporting.models import Activity

    activity = Activity.objects.get(total=20140)
    agency = Agency.objects.get(pk=activity.submission.agency_id)
    page = client.get(reverse("reporting:activities", args=[2022, agency.code]), {"per_page": 200})
    assert "20,140" in page.content.decode() and "20140" not in page.content.decode()
    goal = client.get(reverse("dashboards:goal", args=[5]), {"year": 2022}).content.decode()
    assert "39.1\u00a0%" in goal and "39,1" not in goal
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        goal = client.get(reverse("dashboards:goal", args=[5]), {"year": 2022}).content.decode()
        assert "39.1%" in goal
