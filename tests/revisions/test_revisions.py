"""A revision of the plan, as the working group records it for the plan's review (section V):
each change applies from a year on, and nothing about earlier years changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from agencies.models import Agency
from dashboards.progress import Progress, Status
from indicators.models import Indicator, Plan, PlanRevision, RevisionChange, Target
from indicators.versions import PlanVersions
from reporting import rules
from reporting.models import ReportingYear, Submission
from reports.generator import build
from revisions.revising import apply_revision

pytestmark = pytest.mark.django_db

Kind = RevisionChange.Kind


def plan():
    return Plan.objects.current()


def target_of(code):
    return Target.objects.for_plan(plan()).get(indicator__code=code)


def revise(first_year, *changes, by="grupo"):
    revision = PlanRevision.objects.create(
        plan=plan(), first_year=first_year, reason="Revisión de medio término", created_by=by
    )
    for kind, fields in changes:
        RevisionChange.objects.create(revision=revision, kind=kind, **fields)
    return revision


def rating(code, year):
    progress = Progress(plan())
    indicator = Indicator.objects.for_plan(plan()).get(code=code)
    return progress.indicator(indicator, year).results[0]


def terms(value, kind="count_per_year", counted="women"):
    return {"kind": kind, "value": str(value), "comparison": "at_least", "counted": counted}


# -- through the pages ----------------------------------------------------------------------------


def test_the_working_group_records_and_applies_a_revision_and_everyone_sees_it(client, people):
    client.force_login(people["working_group"])
    response = client.post(
        "/plan/revisions/new/", {"first_year": 2024, "reason": "Revisión a los tres años"}
    )
    assert response.status_code == 302
    revision = PlanRevision.objects.get()
    draft = f"/plan/revisions/{revision.pk}/"
    response = client.post(
        f"{draft}changes/target_terms/",
        {
            "target": target_of("4b").pk,
            "target_kind": "count_per_year",
            "value": "40",
            "comparison": "at_least",
            "counted": "women",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(f"{draft}changes/period/", {"start_year": 2021, "end_year": 2027})
    assert response.status_code == 302
    # nothing applies before the confirmation
    client.post(f"{draft}apply/", {})
    assert plan().end_year == 2024 and target_of("4b").value == 60
    response = client.post(f"{draft}apply/", {"confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert plan().end_year == 2027 and target_of("4b").value == 40

    client.logout()
    page = client.get("/plan/").content.decode()
    assert "Revisión a los tres años" in page and "2024" in page
    assert "2021–2027" in page
    data = client.get("/api/plan/").json()
    assert data["end_year"] == 2027
    assert data["revisions"][0]["from_year"] == 2024
    assert {c["kind"] for c in data["revisions"][0]["changes"]} == {"target_terms", "period"}


@pytest.mark.parametrize("role", ["focal_point", "observer"])
def test_only_the_working_group_revises_the_plan(client, people, role):
    client.force_login(people[role])
    response = client.post("/plan/revisions/new/", {"first_year": 2024, "reason": "x"})
    assert response.status_code == 403
    assert not PlanRevision.objects.exists()


# -- what a revision changes, and what it leaves alone --------------------------------------------


def test_a_target_revised_from_2024_changes_the_2024_rating_not_the_2023_one(report):
    for year in (2023, 2024):
        report("SEDENA", year, "4b", women=46, men=10, total=56)
    assert rating("4b", 2023).status == rating("4b", 2024).status == Status.BEHIND

    apply_revision(
        revise(2024, (Kind.TARGET_TERMS, {"target": target_of("4b"), "after": terms(40)})), "grupo"
    )

    assert rating("4b", 2023).status == Status.BEHIND  # still against 60 a year
    assert rating("4b", 2023).terms.value == 60
    assert rating("4b", 2024).status == Status.ACHIEVED  # against 40 a year from 2024
    assert rating("4b", 2024).terms.value == 40


def test_the_annual_report_says_which_version_it_used(report):
    call_command("loaddata", "data_2022", verbosity=0)
    report("SEDENA", 2024, "4b", women=46, men=10, total=56)
    apply_revision(
        revise(2024, (Kind.TARGET_TERMS, {"target": target_of("4b"), "after": terms(40)})), "grupo"
    )
    with translation.override("es"):
        assert (
            build(plan(), 2022, "es").plan_version == "Plan en su versión 2021, tal como se adoptó."
        )
        assert (
            build(plan(), 2024, "es", final=True).plan_version
            == "Plan en su versión 2021, con la revisión 1."
        )


def test_a_reworded_indicator_reads_as_it_was_in_earlier_years():
    indicator = Indicator.objects.for_plan(plan()).get(code="4b")
    old = indicator.text_es
    apply_revision(
        revise(
            2024,
            (Kind.INDICATOR_TEXT, {"indicator": indicator, "after": {"text_es": "Nuevo texto"}}),
        ),
        "grupo",
    )
    indicator.refresh_from_db()
    versions = PlanVersions(plan())
    with translation.override("es"):
        assert versions.text(indicator, 2023) == old
        assert versions.text(indicator, 2024) == "Nuevo texto"


def test_an_indicator_added_and_one_retired_from_2024_leave_2023_as_it_was():
    goal = plan().goals.get(number=4)
    year_2023 = ReportingYear.open(plan(), 2023, datetime.date(2099, 3, 31))
    year_2024 = ReportingYear.open(plan(), 2024, datetime.date(2099, 3, 31))
    ssp_2024 = Submission.objects.get(reporting_year=year_2024, agency__code="SEDENA")
    before_2024 = {i.code for i in rules.indicators_for(ssp_2024)}
    added = {
        "goal": goal.pk,
        "code": "4e",
        "measure": "count",
        "text_es": "Cursos nuevos",
        "agencies": ["SEDENA"],
    }
    apply_revision(
        revise(
            2024,
            (Kind.INDICATOR_ADDED, {"goal": goal, "after": added}),
            (Kind.INDICATOR_RETIRED, {"indicator": Indicator.objects.get(code="4a")}),
        ),
        "grupo",
    )
    sedena_2023 = Submission.objects.get(reporting_year=year_2023, agency__code="SEDENA")
    codes_2023 = {i.code for i in rules.indicators_for(sedena_2023)}
    codes_2024 = {i.code for i in rules.indicators_for(ssp_2024)}
    assert "4e" not in codes_2023 and "4a" in codes_2023
    assert codes_2024 == (before_2024 - {"4a"}) | {"4e"}
    assert Indicator.objects.get(code="4a").last_year == 2023


def test_an_agency_put_in_charge_by_a_revision_gets_its_draft_of_the_open_year():
    ReportingYear.open(plan(), 2023, datetime.date(2099, 3, 31))
    assert not Submission.objects.filter(agency__code="ONUMUJERES").exists()  # a partner
    goal = plan().goals.get(number=1)
    added = {
        "goal": goal.pk,
        "code": "1c",
        "measure": "count",
        "text_es": "Nuevo",
        "agencies": ["ONUMUJERES"],
    }
    Agency.objects.filter(code="ONUMUJERES").update(kind="implementing")
    apply_revision(revise(2023, (Kind.INDICATOR_ADDED, {"goal": goal, "after": added})), "g")
    assert Submission.objects.filter(reporting_year__year=2023, agency__code="ONUMUJERES").exists()


def test_a_period_extended_lets_2025_be_opened_and_earlier_years_keep_theirs():
    with pytest.raises(ValidationError):
        ReportingYear.open(plan(), 2025, datetime.date(2099, 3, 31))
    apply_revision(
        revise(2024, (Kind.PERIOD, {"after": {"start_year": 2021, "end_year": 2027}})), "g"
    )
    assert ReportingYear.open(plan(), 2025, datetime.date(2099, 3, 31)).year == 2025
    versions = PlanVersions(plan())
    assert versions.period(2023).end_year == 2024
    assert versions.period(2025).end_year == 2027


def test_a_period_that_would_leave_out_an_opened_year_is_refused_and_nothing_applies():
    ReportingYear.open(plan(), 2024, datetime.date(2099, 3, 31))
    revision = revise(
        2023,
        (Kind.TARGET_TERMS, {"target": target_of("4b"), "after": terms(40)}),
        (Kind.PERIOD, {"after": {"start_year": 2021, "end_year": 2023}}),
    )
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        apply_revision(revision, "g")
    assert "2024" in refused.value.messages[0]
    assert target_of("4b").value == 60 and plan().end_year == 2024
    revision.refresh_from_db()
    assert revision.status == PlanRevision.Status.DRAFT
