"""Combining agencies' values, and the rules behind consistency and warnings."""

from decimal import Decimal

import pytest

from agencies.models import Agency
from indicators.models import Indicator
from reporting import rules
from reporting.models import IndicatorValue, Submission

pytestmark = pytest.mark.django_db


def value(submission_by_agency, code, indicator_code, **fields):
    return IndicatorValue(
        submission=submission_by_agency[code],
        indicator=Indicator.objects.get(code=indicator_code),
        **fields,
    )


@pytest.fixture
def by_agency(reporting_year):
    return {s.agency.code: s for s in reporting_year.submissions.select_related("agency")}


def test_counts_are_summed(by_agency):
    combined = rules.combine(
        Indicator.objects.get(code="6a"),
        [value(by_agency, "SSPC", "6a", total=442), value(by_agency, "INMUJERES", "6a", total=188)],
    )
    assert combined.total == 630 and combined.agencies == ("INMUJERES", "SSPC")


def test_people_by_sex_sum_each_column(by_agency):
    combined = rules.combine(
        Indicator.objects.get(code="5b"),
        [
            value(by_agency, "SEDENA", "5b", women=5, men=10, total=15),
            value(by_agency, "SEMAR", "5b", women=4, men=4, total=8),
        ],
    )
    assert (combined.women, combined.men, combined.total) == (9, 14, 23)


def test_shares_are_recomputed_never_averaged(by_agency):
    combined = rules.combine(
        Indicator.objects.get(code="9"),
        [
            value(by_agency, "SEDENA", "9", numerator=1, denominator=2),  # 50 %
            value(by_agency, "SEMAR", "9", numerator=1, denominator=98),  # about 1 %
        ],
    )
    assert (combined.numerator, combined.denominator) == (2, 100)
    assert combined.share == Decimal(2)  # not the 25.5 % an average of percentages would give


def test_no_data_and_zero_denominators(by_agency):
    indicator = Indicator.objects.get(code="9")
    combined = rules.combine(
        indicator,
        [
            value(by_agency, "SEDENA", "9", no_data=True, no_data_reason="Sin despliegues."),
            value(by_agency, "SEMAR", "9", numerator=0, denominator=0),
        ],
    )
    assert combined.agencies == ("SEMAR",) and combined.share is None
    assert rules.combine(indicator, []).share is None


def test_yes_if_any_agency_says_yes(by_agency):
    indicator = Indicator.objects.get(code="8b")
    assert rules.combine(
        indicator,
        [
            value(by_agency, "SSPC", "8b", yes_no=True),
            value(by_agency, "SEDENA", "8b", yes_no=False),
        ],
    ).yes
    assert rules.combine(indicator, [value(by_agency, "SEDENA", "8b", yes_no=False)]).yes is False


def test_approved_values_by_year_ignore_unapproved(by_agency, approved_history):
    approved_history("SSPC", "6a", [2021], total=300)
    IndicatorValue.objects.create(
        submission=by_agency["SSPC"], indicator=Indicator.objects.get(code="6a"), total=999
    )
    combined = rules.approved_values_by_year(Indicator.objects.get(code="6a"))
    assert list(combined) == [2021] and combined[2021].total == 300


@pytest.mark.parametrize(
    "figure, previous, warns",
    [
        (40, [2, 2], True),
        (2, [2, 3], False),
        (0, [30, 30], True),
        (10, [30], False),
        (5, [], False),
        (5, [0], False),
    ],
)
def test_unusual_values(figure, previous, warns):
    assert bool(rules.unusual_warning(figure, previous)) is warns


def test_unusual_values_compare_with_the_agencys_own_approved_years(
    reporting_year, approved_history
):
    approved_history("SEDENA", "4a", [2021, 2022], total=2)
    approved_history("SEMAR", "4a", [2021], total=900)
    sedena = Submission.objects.get(
        reporting_year=reporting_year, agency=Agency.objects.get(code="SEDENA")
    )
    previous = rules.previous_headlines(sedena)
    assert previous[Indicator.objects.get(code="4a").pk] == [2, 2]


def test_a_total_without_split_by_sex_is_compared_on_its_total():
    indicator = Indicator.objects.get(code="8a")
    totals = rules.ActivityTotals(records=1, quantity=1, women=0, men=0, total=8)
    assert rules.activities_mismatch(indicator, None, None, 8, totals) is None
    assert rules.activities_mismatch(indicator, None, None, 9, totals)
    assert rules.activities_mismatch(indicator, 3, None, 8, totals)  # 3 women stated, 0 recorded


def test_a_figure_not_entered_yet_is_not_a_mismatch():
    totals = rules.ActivityTotals(records=2, quantity=2, women=3, men=4, total=7)
    assert (
        rules.activities_mismatch(Indicator.objects.get(code="4a"), None, None, None, totals)
        is None
    )
    assert rules.activities_mismatch(Indicator.objects.get(code="4a"), None, None, 1, totals)
