import pytest
from django.core.management import call_command

from audit.baseline import record_baseline
from tests.factories import PersonFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the plan (Annex 3) and the agencies once for the whole session."""
    with django_db_blocker.unblock():
        call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)
        record_baseline()


@pytest.fixture
def people(db):
    """One person per role, plus a focal point of a second agency (the outsider)."""
    return {
        "administrator": PersonFactory(role="administrator"),
        "working_group": PersonFactory(role="working_group"),
        "focal_point": PersonFactory(role="focal_point", agency="SEDENA"),
        "other_focal_point": PersonFactory(role="focal_point", agency="SEMAR"),
        "observer": PersonFactory(role="observer"),
    }
