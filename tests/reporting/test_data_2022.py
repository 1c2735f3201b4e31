"""The real 2022 data of the plan's second report, as the agencies would have entered it."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Indicator
from places.models import Region
from reporting import rules
from reporting.models import Activity, IndicatorValue, ReportingYear, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)
    return ReportingYear.objects.get(year=2022)


def combined(code):
    return rules.approved_values_by_year(Indicator.objects.get(code=code))[2022]


def test_every_agency_answered_every_indicator_and_passes_the_rules(data_2022):
    submissions = data_2022.submissions.select_related("agency")
    assert sorted(s.agency.code for s in submissions) == [
        "INMUJERES",
        "SEDENA",
        "SEMAR",
        "SRE",
        "SSPC",
    ]
    for submission in submissions:
        assert submission.status == Submission.Status.APPROVED
        assert rules.missing_items(submission) == [], submission.agency.code
    assert not data_2022.is_open


def test_the_reports_figures(data_2022):
    assert combined("6a").total == 630  # networks formed: 442 (SSPC, FASP) + 188 (INMUJERES, FOBAM)
    assert combined("6b").total == 3  # meetings or forums
    assert combined("7a").total == 15  # multilateral forums and meetings
    assert combined("7b").total == 15  # initiatives
    assert combined("4a").total == 1  # specialized courses at CECOPAM
    assert combined("5c").total == 3  # measures: barrier assessments in SEDENA, SEMAR, SSPC
    inmujeres_2a = IndicatorValue.objects.get(
        submission__agency__code="INMUJERES", indicator__code="2a"
    )
    assert (inmujeres_2a.women, inmujeres_2a.men, inmujeres_2a.total) == (256, 99, 355)
    deployed = combined("5b")
    assert (deployed.women, deployed.total) == (9, 23)
    assert round(Decimal(deployed.women) * 100 / deployed.total, 1) == Decimal("39.1")


def test_networks_by_federal_entity_add_up_to_the_fasp_table(data_2022):
    created = Activity.objects.filter(submission__agency__code="SSPC", indicator__code="6a")
    assert created.count() == 27
    assert sum(a.quantity for a in created) == 442
    assert sum(a.women for a in created) == 8246
    tlaxcala = created.get(region__code="29")
    assert (tlaxcala.quantity, tlaxcala.women) == (129, 1925)


def test_the_reports_own_inconsistency_is_caught(data_2022):
    """The report prints 1,121 men for INMUJERES' online training; its table adds up to 1,120.
    Entering the printed figures is refused: women + men must equal the total."""
    errors = {}
    rules.check_activity(
        data_2022.submissions.get(agency__code="INMUJERES"),
        {"women": 986, "men": 1121, "total": 2106},
        add_error=errors.setdefault,
    )
    assert "2,107" in errors["total"]
    online = Activity.objects.filter(submission__agency__code="INMUJERES", indicator__code="3.1")
    assert (sum(a.women for a in online), sum(a.men for a in online)) == (986, 1120)


def test_2022_is_public(client, data_2022):
    response = client.get(reverse("reporting:submission", args=[2022, "SSPC"]))
    assert response.status_code == 200
    assert "Con el FASP del SESNSP se crearon 442 Redes" in response.content.decode()
    page = client.get(
        reverse("reporting:activities", args=[2022, "SSPC"]),
        {"region": Region.objects.get(code="29").pk},
    )
    assert page.context["table"].paginator.count == 3  # created, strengthened, national forum


def test_setup_demo_loads_2022_once_and_opens_2023(capsys):
    call_command("setup_demo")
    call_command("setup_demo")
    assert ReportingYear.objects.get(year=2022).submissions.approved().count() == 5
    assert Activity.objects.filter(submission__reporting_year__year=2022).count() == 137
    assert ReportingYear.objects.get(year=2023).is_open
