"""An audit trail that survives: old and new values for the plan's targets and texts, years,
accounts and roles; attribution kept as the user name, so deleting an account erases nothing."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from agencies.access import Role
from indicators.models import Plan, Target
from reporting.models import Evidence, IndicatorValue, ReportingYear, Submission
from tests.factories import PersonFactory
from tests.reporting.conftest import form_data

pytestmark = pytest.mark.django_db


def superuser_client():
    client = Client()
    client.force_login(User.objects.create_superuser("raiz", "r@example.org", "clave-larga-12"))
    return client


def test_a_target_changed_in_the_admin_keeps_its_old_value_and_who_changed_it():
    target = Target.objects.filter(value__isnull=False, indicator__code="4a").first()
    old = target.value
    client = Client()
    client.force_login(PersonFactory(role="administrator", username="soporte"))
    target.value = 1002
    # Through the admin, as an administrator would (the form needs every field).
    from django.forms.models import model_to_dict

    data = {k: ("" if v is None else v) for k, v in model_to_dict(target).items()}
    response = client.post(f"/admin/indicators/target/{target.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Target.history.filter(id=target.pk).latest()
    assert latest.value == 1002 and latest.history_user_id == "soporte"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("value", old, 1002)]
    page = client.get(f"/admin/indicators/target/{target.pk}/history/").content.decode()
    assert "soporte" in page


def test_closing_and_reopening_a_year_is_attributed(client):
    group = PersonFactory(role="working_group", first_name="Gabriela", last_name="Grupo")
    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    client.force_login(group)
    client.post("/reporting/2023/close/", {"confirmed": "yes"})
    client.post("/reporting/2023/reopen/", {"confirmed": "yes"})
    page = client.get("/reporting/2023/").content.decode()
    steps = page.split('data-testid="year-steps"')[1].split("</p>")[0]
    assert "Cerrado" in steps and "Reabierto" in steps and "Gabriela Grupo" in steps
    statuses = list(ReportingYear.history.values_list("status", "history_user_id"))
    assert ("closed", group.username) in statuses and ("open", group.username) in statuses


def test_role_changes_are_recorded():
    observer = PersonFactory(role="observer", username="consulta")
    client = superuser_client()
    observer.groups.add(Group.objects.get(name=Role.WORKING_GROUP.value))
    records = observer.history.all()
    assert records.count() >= 2
    latest = records.first()
    assert {g.group.name for g in latest.groups.all()} == {"observer", "working_group"}
    assert client.get(f"/admin/auth/user/{observer.pk}/history/").status_code == 200


def test_deleting_an_account_keeps_who_did_what(client):
    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    submission = Submission.objects.select_related("reporting_year", "agency").get(
        agency__code="SEDENA"
    )
    focal = PersonFactory(role="focal_point", agency="SEDENA", username="enlace.sedena")
    client.force_login(focal)
    client.post("/reporting/2023/SEDENA/edit/", form_data(submission, answers={"4a": {"total": 3}}))
    client.post(
        "/reporting/2023/SEDENA/evidence/", {"description": "Lista", "url": "https://a.org"}
    )
    focal.delete()
    value = IndicatorValue.objects.get(submission=submission, indicator__code="4a")
    assert value.history.latest().history_user_id == "enlace.sedena"
    assert Evidence.objects.get().uploaded_by == "enlace.sedena"
    assert Submission.objects.get(pk=submission.pk).updated_by == "enlace.sedena"
    group = PersonFactory(role="working_group")
    client.force_login(group)
    page = client.get("/reporting/2023/SEDENA/history/").content.decode()
    assert "enlace.sedena" in page
