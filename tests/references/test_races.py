"""Two members of the working group at the same moment, in real threads with their own database
connections: the same link made twice gives one link; two first saves of a sheet give one sheet
and a message for the other. Never a 500."""

import pytest
from django.core.management import call_command

from indicators.models import Plan
from references.models import FrameworkItem, FrameworkLink, ReferenceSheet
from tests.factories import PersonFactory
from tests.project.test_races import client_for, together


@pytest.fixture
def group(transactional_db):
    call_command("loaddata", "places_mx", "agencies", "plan", "frameworks", verbosity=0)
    return [PersonFactory(role="working_group") for _ in range(2)]


def test_the_same_link_made_twice_at_once(group):
    item = FrameworkItem.objects.get(framework__code="SDG", code="5.5.1")
    for _trial in range(5):
        FrameworkLink.objects.all().delete()

        def add(person):
            return lambda: (
                client_for(person)
                .post("/plan/indicators/5b/frameworks/", {"item": item.pk})
                .status_code
            )

        statuses = together(add(group[0]), add(group[1]))
        assert sorted(statuses) == [302, 400]
        assert FrameworkLink.objects.count() == 1


def test_two_first_saves_of_a_sheet_at_once(group):
    assert Plan.objects.current() is not None
    for trial in range(5):
        ReferenceSheet.objects.all().delete()

        def save(person, text):
            data = {"definition_es": text, "loaded": ""}
            return lambda: (
                client_for(person).post("/plan/indicators/2a/reference/edit/", data).status_code
            )

        statuses = together(save(group[0], f"A {trial}"), save(group[1], f"B {trial}"))
        assert statuses == [302, 302]  # one saved, the other sent back to the form, told
        assert ReferenceSheet.objects.count() == 1
        assert ReferenceSheet.objects.get().definition_es in (f"A {trial}", f"B {trial}")
