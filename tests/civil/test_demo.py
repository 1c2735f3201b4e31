import pytest
from django.core.management import call_command
from django.urls import reverse

from civil.models import Membership, ShadowAssessment

pytestmark = pytest.mark.django_db


def test_setup_demo_makes_observador_a_member_of_an_example_organisation(client, capsys):
    call_command("setup_demo")
    call_command("setup_demo")  # again: nothing doubled
    membership = Membership.objects.select_related("organisation").get(user__username="observador")
    assert "demo" in membership.organisation.name.lower()
    assert not ShadowAssessment.objects.exists()  # no invented assessment
    assert "example organisation (demo)" in capsys.readouterr().out
    client.force_login(membership.user)
    page = client.get(reverse("civil:indicator", args=["6a", 2022]))
    assert 'name="justification"' in page.content.decode()
