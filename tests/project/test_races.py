"""Races, with real threads on their own database connections (SQLite or PostgreSQL, whichever
the suite runs on), through the views people use.

- A save of the yearly form against a submission followed by an approval, 200 times: nothing
  lands after the approval, and a save that was acknowledged is part of what was approved.
- An import confirmation against a submission and an approval: the same.
- Every figure of the form saved by a different person at the same moment: all of them stay.
- 20 people saving or signing in at the same moment: no error ("database is locked" on SQLite).

The counts are printed (`pytest -s`) for the closing note.
"""

import datetime
import threading
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from indicators.models import Plan
from reporting import rules, snapshots
from reporting.models import Activity, IndicatorValue, ReportingYear, Submission, SubmissionEvent
from tests.factories import PASSWORD, PersonFactory
from tests.project.hostile_files import activity_row, filled, upload
from tests.reporting.conftest import form_data

EDIT = "/reporting/2023/SEDENA/edit/"


@pytest.fixture
def race(transactional_db):
    call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)
    ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    submission = Submission.objects.select_related("reporting_year", "agency").get(
        agency__code="SEDENA"
    )
    for indicator in rules.indicators_for(submission):
        IndicatorValue.objects.create(
            submission=submission, indicator=indicator, no_data=True, no_data_reason="Sin datos."
        )
    return {
        "submission": submission,
        "focal": PersonFactory(role="focal_point", agency="SEDENA"),
        "group": PersonFactory(role="working_group"),
    }


def together(*steps):
    """Run the steps at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(steps))
    results = [None] * len(steps)
    errors = []

    def run(index, step):
        try:
            barrier.wait()
            results[index] = step()
        except Exception as error:  # reported below with the trial
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def submit_and_approve(race):
    def step():
        focal, group = client_for(race["focal"]), client_for(race["group"])
        submitted = focal.post("/reporting/2023/SEDENA/submit/", {"confirmed": "yes"})
        approved = group.post("/reporting/2023/SEDENA/approve/", {"confirmed": "yes"})
        return submitted.status_code, approved.status_code

    return step


def back_to_draft(submission):
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.DRAFT, approved_at=None
    )


def approved_state(submission):
    """What was approved last, and what is stored now (figures and activities)."""
    approval = submission.events.filter(action=SubmissionEvent.Action.APPROVED).last()
    now = snapshots.snapshot(Submission.objects.get(pk=submission.pk))
    return approval, now


def test_a_save_never_lands_after_an_approval(race, capsys):
    submission = race["submission"]
    counts = Counter()
    for trial in range(200):
        back_to_draft(submission)
        figure = 1000 + trial
        # The page was loaded while the submission was a draft.
        page = form_data(submission, answers={"4a": {"no_data": False, "total": figure}})
        save = client_for(race["focal"])
        saved, (submitted, approved) = together(
            lambda page=page, save=save: save.post(EDIT, page).status_code,
            submit_and_approve(race),
        )
        counts[f"save {saved}"] += 1
        assert saved in (302, 409) and submitted == approved == 302, (trial, saved, submitted)
        approval, now = approved_state(submission)
        assert Submission.objects.get(pk=submission.pk).status == Submission.Status.APPROVED
        # Nothing changed after the approval, and an acknowledged save is what was approved.
        assert now == approval.snapshot, trial
        stored = IndicatorValue.objects.get(submission=submission, indicator__code="4a").total
        assert (stored == figure) == (saved == 302), (trial, saved, stored)
        landed_after = IndicatorValue.history.filter(
            submission_id=submission.pk, history_date__gt=approval.at
        ).count()
        assert landed_after == 0, trial
    with capsys.disabled():
        print(f"\nraces, save vs submit+approve: 200 trials, {dict(counts)}, 0 after approval")


def test_an_import_never_lands_after_an_approval(race, capsys):
    submission = race["submission"]
    focal = client_for(race["focal"])
    counts = Counter()
    for trial in range(12):
        back_to_draft(submission)
        rows = [
            activity_row(submission, reference=f"T{trial}-{n}", title=f"Curso {n}")
            for n in range(150)
        ]
        preview = focal.post(
            "/reporting/2023/SEDENA/import/", {"file": upload("a.xlsx", filled(submission, rows))}
        )
        assert preview.status_code == 200, preview.content[:500]
        batch = preview.context["batch"].pk
        before = Activity.objects.filter(submission=submission).count()
        confirm = client_for(race["focal"])
        confirmed, (submitted, approved) = together(
            lambda confirm=confirm, batch=batch: confirm.post(
                f"/reporting/2023/SEDENA/import/{batch}/confirm/"
            ),
            submit_and_approve(race),
        )
        imported = Activity.objects.filter(submission=submission).count() - before
        counts["imported" if imported else "refused"] += 1
        assert imported in (0, 150), imported
        assert submitted == approved == 302
        approval, now = approved_state(submission)
        assert now == approval.snapshot, trial
        assert len(approval.snapshot["activities"]) == before + imported
    with capsys.disabled():
        print(f"races, import confirm vs submit+approve: 12 trials, {dict(counts)}")


def test_every_figure_saved_at_once_by_different_people_stays(race):
    submission = race["submission"]
    people = [PersonFactory(role="focal_point", agency="SEDENA") for _ in range(19)]
    indicators = list(rules.indicators_for(submission))
    count_indicators = [i for i in indicators if i.measure == "count"]
    pages = [
        form_data(submission, answers={i.code: {"no_data": False, "total": 50 + n}})
        for n, i in enumerate(count_indicators)
    ]
    steps = [
        (lambda page=page, person=person: client_for(person).post(EDIT, page).status_code)
        for page, person in zip(pages, people, strict=False)
    ]
    assert set(together(*steps)) == {302}
    for n, indicator in enumerate(count_indicators):
        value = IndicatorValue.objects.get(submission=submission, indicator=indicator)
        assert value.total == 50 + n and not value.no_data


def test_twenty_people_at_once_raise_no_error(race):
    """On the default database (SQLite under `make run`): 10 saves and 10 sign-ins at once."""
    submission = race["submission"]
    people = [PersonFactory(role="focal_point", agency="SEDENA") for _ in range(10)]
    indicator = next(i for i in rules.indicators_for(submission) if i.code == "4a")
    pages = [
        form_data(submission, narratives={"4.1": f"Narrativa {n}"}, answers={}) for n in range(10)
    ]
    saves = [
        (lambda page=page, person=person: client_for(person).post(EDIT, page).status_code)
        for page, person in zip(pages, people, strict=True)
    ]
    sign_ins = [
        (
            lambda person=person: (
                Client(raise_request_exception=False)
                .post("/accounts/login/", {"username": person.username, "password": PASSWORD})
                .status_code
            )
        )
        for person in people
    ]
    results = together(*saves, *sign_ins)
    assert all(status in (302, 409) for status in results[:10]), results
    assert results[10:] == [302] * 10, results
    assert IndicatorValue.objects.filter(indicator=indicator).exists()
