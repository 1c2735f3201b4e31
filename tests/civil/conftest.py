import pytest
from django.core.management import call_command

from civil.models import Membership, Organisation, ShadowAssessment
from indicators.models import Indicator, Plan
from tests.factories import PersonFactory

# 2022: the real data of the plan's second report, approved; 4a is one of its indicators.
YEAR = 2022
CODE = "4a"


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


@pytest.fixture
def civil_world(data_2022):
    """Two organisations with a member each, and one person per other role."""
    ours = Organisation.objects.create(name="Observatorio Mujeres y Paz", acronym="OMP")
    theirs = Organisation.objects.create(
        name="Centro Universitario de Estudios de Género",
        acronym="CUEG",
        kind=Organisation.Kind.ACADEMIA,
    )
    people = {
        "member": PersonFactory(role="observer"),
        "other_member": PersonFactory(role="observer"),
        "observer": PersonFactory(role="observer"),
        "focal_point": PersonFactory(role="focal_point", agency="SEDENA"),
        "working_group": PersonFactory(role="working_group"),
    }
    Membership.objects.create(user=people["member"], organisation=ours)
    Membership.objects.create(user=people["other_member"], organisation=theirs)
    plan = Plan.objects.get()
    return {
        "plan": plan,
        "ours": ours,
        "theirs": theirs,
        "people": people,
        "indicator": Indicator.objects.for_plan(plan).get(code=CODE),
    }


def assessment(world, organisation="ours", state=ShadowAssessment.State.PENDING, **fields):
    values = {
        "comment": f"Comentario de {organisation}",
        "rating": "behind",
        "justification": f"Justificación de {organisation}",
        "by": "someone",
    }
    values.update(fields)
    values.setdefault("indicator", world["indicator"])
    return ShadowAssessment.objects.create(
        organisation=world[organisation],
        year=YEAR,
        state=state,
        hidden_reason="Motivo" if state == ShadowAssessment.State.HIDDEN else "",
        **values,
    )


@pytest.fixture(autouse=True)
def english(settings):
    """Pages read in English here (the default is Spanish, checked where it matters)."""
    settings.LANGUAGE_CODE = "en"
