"""The progress rules, for every kind of target and the edge cases."""

from decimal import Decimal

import pytest
from django.utils import translation

from dashboards.models import Assessment
from dashboards.progress import OutsidePlan, Progress, Source, Status
from indicators.models import Indicator, Plan, StrategicGoal, Target

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rate(code, year, **kwargs):
    progress = Progress(Plan.objects.get(), **kwargs)
    return progress.indicator(Indicator.objects.get(code=code), year)


def only(result):
    assert len(result.results) == 1
    return result.results[0]


# -- a count per year: 60 uniformed women trained per year (4b) -----------------------------


def test_count_per_year_behind_says_how_far(report):
    report("SEDENA", 2022, "4b", women=14, men=17, total=31)
    report("SEMAR", 2022, "4b", women=32, men=42, total=74)
    result = only(rate("4b", 2022))
    assert result.status == Status.BEHIND
    assert result.actual == 46  # women are counted: the target counts women
    assert result.sentence == "Women: 46 in 2022 against 60 a year (77% of the target)."


def test_count_per_year_exactly_on_target_is_achieved(report):
    report("SEMAR", 2022, "4b", women=60, men=0, total=60)
    assert only(rate("4b", 2022)).status == Status.ACHIEVED


def test_count_per_year_with_no_figure_is_not_reported(report):
    result = only(rate("6a", 2022))
    assert result.status == Status.NOT_REPORTED
    assert result.sentence == "No figure has been reported for 2022."
    report("SSPC", 2022, "6a", no_data=True, no_data_reason="Sin recursos del FASP.")
    result = only(rate("6a", 2022))
    assert result.status == Status.NOT_REPORTED
    assert "No agency had data for 2022" in result.sentence


def test_figures_of_some_agencies_only(report):
    report("SSPC", 2022, "6a", total=30)
    report("INMUJERES", 2022, "6a", no_data=True, no_data_reason="Sin FOBAM.")
    progress = rate("6a", 2022)
    assert progress.combined.total == 30 and progress.combined.agencies == ("SSPC",)
    assert only(progress).status == Status.BEHIND


# -- a count over the whole plan: two specialized courses by CECOPAM over 2021-2024 (4a) ----


def test_count_over_plan_on_track_and_behind_the_expected_path(report):
    report("SEDENA", 2022, "4a", total=1)
    on_track = only(rate("4a", 2022))  # 1 by 2022; 2 x 2/4 = 1 expected
    assert on_track.status == Status.ON_TRACK
    assert on_track.sentence == (
        "Courses: 1 against 2 planned over 2021-2024 (cumulative); 1 expected by 2022. 2022: 1."
    )
    behind = only(rate("4a", 2023))  # still 1 in 2023; 1.5 expected
    assert behind.status == Status.BEHIND and behind.expected == 1.5
    # The cumulative figure is said to be cumulative; the year's own is that nothing came in.
    assert "1.5 expected by 2023. Nothing reported for 2023." in behind.sentence


def test_count_over_plan_is_cumulative_and_achieved(report):
    report("SEDENA", 2021, "4a", total=1)
    report("SEDENA", 2023, "4a", total=1)
    result = only(rate("4a", 2023))
    assert result.actual == 2 and result.status == Status.ACHIEVED
    assert result.sentence.endswith("(cumulative): target met. 2023: 1.")
    assert only(rate("4a", 2021)).status == Status.ON_TRACK  # 1 by 2021; 0.5 expected


def test_fifteen_specialized_units(report):
    report("SSPC", 2022, "3.2", total=3)
    result = only(rate("3.2", 2022))  # 7.5 expected by 2022
    assert result.status == Status.BEHIND
    assert "3 against 15 planned over 2021-2024 (cumulative); 7.5 expected by 2022" in (
        result.sentence
    )


# -- a share threshold: more than 15 percent of deployed personnel are women (5b) ----------


def test_share_is_recomputed_from_the_agencies_figures(report):
    report("SEDENA", 2022, "5b", women=5, men=10, total=15)
    report("SEMAR", 2022, "5b", women=4, men=4, total=8)
    result = only(rate("5b", 2022))
    assert result.status == Status.ACHIEVED
    assert round(result.actual, 1) == Decimal("39.1")
    assert result.sentence == "39.1% (9 of 23) in 2022 against a target of more than 15%."


def test_more_than_is_strict(report):
    report("SEDENA", 2022, "5b", women=3, men=17, total=20)  # exactly 15 %
    result = only(rate("5b", 2022))
    assert result.status == Status.BEHIND


def test_at_least_includes_the_threshold(report):
    target = Target.objects.get(indicator__code="5b")
    target.comparison = Target.Comparison.AT_LEAST
    target.save()
    report("SEDENA", 2022, "5b", women=3, men=17, total=20)
    assert only(rate("5b", 2022)).status == Status.ACHIEVED


def test_zero_denominator_cannot_be_rated(report):
    report("SEDENA", 2022, "5b", women=0, men=0, total=0)
    result = only(rate("5b", 2022))
    assert result.status == Status.NOT_REPORTED
    assert "nobody was counted" in result.sentence


def test_share_measure_with_numerator_and_denominator(report):
    target = Target.objects.get(indicator__code="9")
    target.value = 90
    target.save()
    report("SEDENA", 2022, "9", numerator=90, denominator=100)
    report("SEMAR", 2022, "9", numerator=1, denominator=10)
    result = only(rate("9", 2022))  # 91 / 110 = 82.7 %, not the average 50 %
    assert result.status == Status.BEHIND
    assert "82.7%" in result.sentence


# -- a milestone: an academic program in the SSPC (8b) -------------------------------------


def test_milestone_done_stays_done_with_its_evidence(report):
    from reporting.models import Evidence

    value = report("SSPC", 2022, "8b", yes_no=True)
    Evidence.objects.create(
        submission=value.submission,
        line=value.indicator.line,
        description="Programa académico de la Universidad de la Guardia Nacional",
        url="https://example.org/programa",
    )
    result = only(rate("8b", 2023))
    assert result.status == Status.ACHIEVED
    assert result.sentence == "Done (reported in 2022)."
    assert [e.description for e in result.evidence] == [
        "Programa académico de la Universidad de la Guardia Nacional"
    ]


def test_milestone_not_done(report):
    report("SSPC", 2022, "8b", yes_no=False)
    assert only(rate("8b", 2022)).status == Status.BEHIND
    assert only(rate("8b", 2021)).status == Status.NOT_REPORTED


# -- qualitative targets and targets without a number: the working group rates them --------


def test_qualitative_needs_assessment_until_rated(report, people):
    report("SRE", 2022, "7a", total=15)
    result = only(rate("7a", 2022))
    assert result.status == Status.NEEDS_ASSESSMENT
    assert result.sentence.startswith("2022: 15 forums or meetings.")
    Assessment.objects.create(
        target=Target.objects.get(indicator__code="7a"),
        year=2022,
        rating="achieved",
        justification="Mujeres mexicanas participaron en 15 foros multilaterales.",
        by=people["working_group"].username,
    )
    rated = only(rate("7a", 2022))
    assert rated.status == Status.ACHIEVED
    assert "Rated by the working group: Mujeres mexicanas participaron" in rated.sentence
    assert only(rate("7a", 2023)).status == Status.NEEDS_ASSESSMENT  # a rating is per year


def test_indicator_without_target_and_goal_wide_targets():
    progress = Progress(Plan.objects.get())
    assert only(progress.indicator(Indicator.objects.get(code="4c"), 2022)).status == (
        Status.NEEDS_ASSESSMENT
    )
    goal_one = progress.goal(StrategicGoal.objects.get(number=1), 2022)
    assert [r.target.position for r in goal_one.goal_wide] == [1, 2]
    assert all(r.status == Status.NEEDS_ASSESSMENT for r in goal_one.goal_wide)


# -- sources, roll-ups, years ---------------------------------------------------------------


def test_submitted_data_only_for_whoever_asks_and_marked(report):
    report("SSPC", 2022, "6a", total=70, status="submitted")
    assert only(rate("6a", 2022)).status == Status.NOT_REPORTED
    result = only(rate("6a", 2022, source=Source.SUBMITTED))
    assert result.status == Status.ACHIEVED and result.unapproved


def test_an_agencys_contribution(report):
    report("SSPC", 2022, "6a", total=40)
    report("INMUJERES", 2022, "6a", total=20)
    from agencies.models import Agency

    result = only(rate("6a", 2022, agency=Agency.objects.get(code="INMUJERES")))
    assert result.actual == 20 and result.status == Status.BEHIND


def test_goal_rolls_up_without_hiding_any_status(report):
    report("SEDENA", 2022, "4a", total=1)  # on track
    report("SEDENA", 2022, "4b", women=14, men=17, total=31)  # behind
    goal = Progress(Plan.objects.get()).goal(StrategicGoal.objects.get(number=4), 2022)
    assert goal.status == Status.BEHIND
    assert {item.status: item.count for item in goal.tally} == {
        Status.ON_TRACK: 1,
        Status.BEHIND: 1,
        Status.NOT_REPORTED: 1,  # 4d
        Status.NEEDS_ASSESSMENT: 1,  # 4c, no target
    }


def test_plan_so_far_for_a_yearly_target(report):
    for year in (2021, 2022):
        report("SSPC", year, "6a", total=60)
    report("SSPC", 2023, "6a", total=10)
    progress = Progress(Plan.objects.get())
    indicator = Indicator.objects.get(code="6a")
    assert only(progress.indicator_so_far(indicator, 2022)).status == Status.ACHIEVED
    behind = only(progress.indicator_so_far(indicator, 2023))
    assert behind.status == Status.BEHIND
    assert behind.sentence == "Target met in 2 of 3 reported years (3 years from 2021 to 2023)."


def test_a_year_outside_the_plan():
    progress = Progress(Plan.objects.get())
    with pytest.raises(OutsidePlan) as error:
        progress.indicator(Indicator.objects.get(code="6a"), 2026)
    assert "outside the plan's period (2021-2024)" in str(error.value)


def test_sentences_in_spanish(report):
    report("SEDENA", 2022, "4b", women=14, men=17, total=31)
    with translation.override("es"):
        assert only(rate("4b", 2022)).sentence == (
            "Mujeres: 14 en 2022 frente a una meta de 60 al año (23\u00a0% de la meta)."
        )


def test_progress_runs_a_fixed_number_of_queries(report, django_assert_max_num_queries):
    report("SEDENA", 2022, "4b", women=14, men=17, total=31)
    plan = Plan.objects.get()
    with django_assert_max_num_queries(16):
        progress = Progress(plan)
        progress.overview(2022)
        progress.overview(2022, so_far=True)
    for year in (2021, 2023):
        for code in ("4a", "6a", "7a", "10"):
            report(
                "SRE" if code in ("7a", "10") else "SSPC" if code == "6a" else "SEDENA",
                year,
                code,
                total=3,
            )
    plan = Plan.objects.get()
    with django_assert_max_num_queries(16):
        progress = Progress(plan)
        progress.overview(2022)
        progress.overview(2023, so_far=True)
