"""Roles held apart in the admin: administrators keep reference data and ordinary accounts,
only superusers grant power, and no admin page shows an agency's records."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from agencies.access import Role, can_review
from indicators.models import LineOfAction, Plan
from reporting.models import Activity, ReportingYear, Submission
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return PersonFactory(role="administrator")


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def change_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": user.profile.pk,
        "profile-0-user": user.pk,
        "profile-0-agency": user.profile.agency_id or "",
    }
    data.update(changes)
    return data


def test_an_administrator_cannot_make_itself_superuser_or_working_group(administrator):
    client = admin_client(administrator)
    group = Group.objects.get(name=Role.WORKING_GROUP.value)
    url = f"/admin/auth/user/{administrator.pk}/change/"
    response = client.post(
        url, change_form(administrator, is_superuser="on", is_staff="on", groups=[group.pk])
    )
    assert response.status_code == 403
    administrator.refresh_from_db()
    assert not administrator.is_superuser and not can_review(administrator)


def test_an_administrator_keeps_ordinary_accounts_but_grants_nothing(administrator):
    client = admin_client(administrator)
    observer = PersonFactory(role="observer")
    group = Group.objects.get(name=Role.WORKING_GROUP.value)
    url = f"/admin/auth/user/{observer.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    response = client.post(
        url,
        change_form(
            observer, first_name="Nombre", is_superuser="on", is_staff="on", groups=[group.pk]
        ),
    )
    assert response.status_code == 302
    observer.refresh_from_db()
    assert observer.first_name == "Nombre"  # what an administrator may change
    assert not observer.is_superuser and not observer.is_staff and not can_review(observer)
    # Changing what a role may do is not theirs either.
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "x"})
    assert response.status_code == 403


def test_a_working_group_member_is_changed_only_by_a_superuser(administrator):
    member = PersonFactory(role="working_group")
    client = admin_client(administrator)
    assert client.post(f"/admin/auth/user/{member.pk}/password/", {}).status_code == 403
    assert client.post(f"/admin/auth/user/{member.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=member.pk).exists()
    superuser = User.objects.create_superuser("raiz", "raiz@example.org", "una-clave-larga-1")
    root = admin_client(superuser)
    observer = PersonFactory(role="observer")
    group = Group.objects.get(name=Role.WORKING_GROUP.value)
    response = root.post(
        f"/admin/auth/user/{observer.pk}/change/",
        change_form(observer, groups=[group.pk]),
    )
    assert response.status_code == 302
    assert can_review(User.objects.get(pk=observer.pk))


def test_delete_confirmations_count_agency_records_instead_of_listing_them(administrator):
    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    submission = Submission.objects.get(agency__code="SEDENA")
    line = LineOfAction.objects.filter(goal__number=4).first()
    Activity.objects.create(
        submission=submission,
        line=line,
        title="Borrador confidencial de la SEDENA",
        start_date="2023-03-01",
        end_date="2023-03-01",
    )
    client = admin_client(User.objects.create_superuser("raiz", "r@example.org", "clave-larga-12"))
    page = client.get(f"/admin/indicators/lineofaction/{line.pk}/delete/").content.decode()
    assert "Borrador confidencial" not in page
    assert "Actividad" in page  # the kind of record that prevents deleting, counted
    page = admin_client(administrator).get(f"/admin/agencies/agency/{submission.agency.pk}/delete/")
    assert "Borrador confidencial" not in page.content.decode()
