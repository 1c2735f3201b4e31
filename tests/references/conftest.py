import pytest
from django.core.management import call_command

from indicators.models import Plan
from references.models import FrameworkItem, FrameworkLink
from references.prefill import prefill_sheets


@pytest.fixture
def plan(db):
    return Plan.objects.current()


@pytest.fixture
def sheets(plan):
    """The 23 sheets as the plan supports them (the plan is loaded after `migrate`)."""
    prefill_sheets(plan)
    return plan


@pytest.fixture
def frameworks(db):
    """The global frameworks: loaded by migration; loaded again here, where a test emptied the
    database (live-server tests)."""
    if not FrameworkItem.objects.exists():
        call_command("loaddata", "frameworks", verbosity=0)


@pytest.fixture
def link(plan, frameworks):
    """link("5b", "SDG", "5.5.1") as the working group would make it."""

    def make(code, framework, item, **fields):
        return FrameworkLink.objects.create(
            indicator=plan.indicators.get(code=code),
            item=FrameworkItem.objects.get(framework__code=framework, code=item),
            **fields,
        )

    return make
