"""Statuses a reader can follow: targets "each year" with no number, a year without data, the
public's default year and its coverage, people counted without a split by sex, and one
completeness rule for the form, the submit check and the year page."""

import itertools
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency
from dashboards.models import Assessment
from dashboards.progress import Progress, Status
from indicators.models import Indicator, Plan, Target
from measures.registry import answered_q
from reporting import rules
from reporting.models import IndicatorValue, ReportingYear, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


def result(code, year, language="es"):
    with translation.override(language):
        progress = Progress(Plan.objects.get())
        return progress.indicator(Indicator.objects.get(code=code), year).results[0]


# -- a target "each year" with no number -----------------------------------------------------


def test_each_year_with_no_number_is_met_by_at_least_one(data_2022):
    # 2a: "carry out training for public officials each year"; 355 people trained in 2022.
    trained = result("2a", 2022)
    assert trained.status == Status.ACHIEVED
    assert trained.sentence == (
        "Personas: 355 en 2022; la meta pide al menos una cada año: cumplida."
    )
    # 10: "promote initiatives each year"; SRE reported 1.
    assert result("10", 2022).status == Status.ACHIEVED
    assert result("10", 2022, "en").sentence == (
        "Initiatives: 1 in 2022; the target asks for at least one each year: met."
    )


def test_each_year_with_none_reported_is_behind_and_the_working_group_may_override(report):
    report("SRE", 2023, "10", total=0)
    assert result("10", 2023).status == Status.BEHIND
    Assessment.objects.create(
        target=Target.objects.get(indicator__code="10"),
        year=2023,
        rating="achieved",
        justification="Las iniciativas se presentaron en enero de 2024, con fecha de 2023.",
        by="grupo",
    )
    rated = result("10", 2023)
    assert rated.status == Status.ACHIEVED
    assert "Valorada por el grupo de trabajo" in rated.sentence


def test_the_public_gets_a_verdict_on_more_of_the_2022_data(data_2022):
    """Before, a visitor got a verdict on 5 of the 23 indicators; the targets "each year" with
    no number (2a, 10) now get one too."""
    progress = Progress(Plan.objects.get())
    verdicts = {
        indicator.code
        for indicator in progress.indicators.values()
        if progress.indicator(indicator, 2022).status
        in (Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND)
    }
    assert {"2a", "10"} <= verdicts
    assert {"4a", "4b", "5b", "6a", "6b"} <= verdicts


# -- a year without data ---------------------------------------------------------------------


def test_a_years_sentence_never_quotes_another_year(data_2022, report):
    report("SSPC", 2023, "6a", total=10)  # opens 2023; nothing for 8a
    sentence = result("8a", 2023).sentence
    # 8a's target has no legible number: the sentence may give the plan's cumulative figure,
    # but says that it is cumulative, and that 2023 itself has nothing.
    assert "acumulado 2021-2023: 352" in sentence
    assert "Nada informado para 2023." in sentence
    assert not sentence.startswith("Personas: 352")
    values = report_values(report)
    assert values["8a"]["headline"] is None and values["8a"]["total"] is None


def report_values(_report):
    from django.test import Client

    values = Client().get(reverse("api-values"), {"year": 2023}).json()["values"]
    return {v["indicator"]: v for v in values}


def test_a_year_without_data_is_never_drawn_as_zero(client, data_2022, report):
    report("SSPC", 2023, "6a", total=10)
    response = client.get(reverse("dashboards:indicator", args=["4b"]), {"year": 2023})
    trend = response.context["trend_chart"]
    assert {row[0]: row[1] for row in trend.rows} == {
        "2021": "sin datos",
        "2022": "46",
        "2023": "sin datos",
    }
    # The SVG writes "no data" on the baseline of each missing year, and draws one bar only.
    svg = trend.svg
    assert svg.count("sin datos") == 2
    assert re.findall(r'-bar-(\d{4})"', svg) == ["2022"]


# -- the public's default year and its coverage -------------------------------------------


def test_the_default_year_is_the_latest_with_every_agency_approved(client, data_2022, report):
    report("SSPC", 2023, "6a", total=10)  # SSPC approved for 2023 ...
    year = ReportingYear.objects.get(year=2023)
    for code in ("SEDENA", "SEMAR", "SRE", "INMUJERES"):  # ... the others still drafting
        Submission.objects.get_or_create(reporting_year=year, agency=Agency.objects.get(code=code))
    page = client.get(reverse("dashboards:overview"))
    assert page.context["choice"]["year"] == 2022
    assert "2022: los informes de las 5 dependencias están aprobados." in page.content.decode()
    chosen = client.get(reverse("dashboards:overview"), {"year": 2023}).content.decode()
    assert "Año parcial" in chosen
    assert "2023: 1 de 5 dependencias aprobadas" in chosen


# -- people counted without a split by sex ---------------------------------------------------


def test_people_without_a_split_are_never_compared_with_a_split(data_2022):
    # 8a: SEDENA gave a total of 8 only; SSPC and INMUJERES gave women and men.
    with translation.override("es"):
        progress = Progress(Plan.objects.get())
        indicator = Indicator.objects.get(code="8a")
        combined = progress.combined(indicator, 2022)
        assert (combined.women, combined.men, combined.unsplit, combined.total) == (
            170,
            174,
            8,
            352,
        )
        assert progress.measure(indicator, 2022).describe(combined) == (
            "352 personas (mujeres 170, hombres 174; 8 personas sin desglose por sexo)"
        )


# -- one completeness rule -------------------------------------------------------------------


def test_only_the_women_is_not_an_answer_anywhere(client, people, report):
    value = report("SEDENA", 2023, "4b", status="draft", women=5)
    submission = value.submission
    indicator = value.indicator
    assert not rules.is_answered(indicator, value)
    assert any("4b" in problem for problem in rules.missing_items(submission))
    counted = Submission.objects.with_completeness().get(pk=submission.pk)
    assert counted.answered == 0


def test_the_sql_rule_is_the_python_rule(report):
    """Every combination of entered fields, for every measure: the year page's count (SQL)
    agrees with the form's and the submit check's rule (Python)."""
    submission = report("SEDENA", 2023, "4a", status="draft", total=1).submission
    IndicatorValue.objects.filter(submission=submission).delete()
    indicators = {i.measure: i for i in Indicator.objects.filter(code__in=["4a", "4b", "9", "8b"])}
    indicators.setdefault("qualitative", Indicator.objects.filter(measure="qualitative").first())
    cases = []
    numbers = [None, 0, 3]
    for indicator in indicators.values():
        for women, men, total, numerator, denominator in itertools.product(numbers, repeat=5):
            if numerator is not None and denominator is not None and numerator > denominator:
                continue
            if None not in (women, men, total) and women + men != total:
                continue
            cases.append(
                dict(
                    indicator=indicator,
                    women=women,
                    men=men,
                    total=total,
                    numerator=numerator,
                    denominator=denominator,
                )
            )
        cases.append(dict(indicator=indicator, yes_no=False))
        cases.append(dict(indicator=indicator, text="Una respuesta"))
        cases.append(dict(indicator=indicator, no_data=True, no_data_reason="Sin datos"))
    checked = 0
    for fields in cases:
        value = IndicatorValue.objects.create(submission=submission, **fields)
        in_sql = IndicatorValue.objects.filter(pk=value.pk).filter(answered_q()).exists()
        assert in_sql == rules.is_answered(value.indicator, value), fields
        value.delete()
        checked += 1
    assert checked > 100
