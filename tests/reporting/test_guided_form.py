"""The guided yearly form: goals with their progress (the one completeness rule), each
indicator's guide, "nothing to report" for a goal in one step, and the draft saved per goal
while the person types (JSON), each with its access matrix."""

import json

import pytest
from django.urls import reverse

from indicators.models import Indicator
from reporting.models import IndicatorValue, Submission
from reporting.rules import indicators_for, is_answered
from tests.reporting.conftest import form_data, login

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "observer",
    "focal_point",
    "other_focal_point",
    "working_group",
    "administrator",
]


def edit_url(submission):
    return reverse("reporting:edit", args=[submission.year, submission.agency.code])


def nothing_url(submission, goal):
    return reverse("reporting:nothing-to-report", args=[submission.year, "SEDENA", goal])


def draft_url(submission):
    return reverse("reporting:edit-draft", args=[submission.year, "SEDENA"])


def answer(submission, code, **fields):
    return IndicatorValue.objects.create(
        submission=submission, indicator=Indicator.objects.get(code=code), **fields
    )


# -- the page ----------------------------------------------------------------------------------


def test_goals_show_their_progress_and_fold_once_answered(client, people, submission):
    answer(submission, "1a", total=3)
    answer(submission, "1b", no_data=True, no_data_reason="Sin registro.")
    answer(submission, "4a", total=1)
    answer(submission, "4b", women=2)  # incomplete: not answered (no total)
    login(client, people["focal_point"])
    response = client.get(edit_url(submission))
    html = response.content.decode()
    groups = {g.goal.number: g for g in response.context["groups"]}
    assert (groups[1].answered, groups[1].total, groups[1].open) == (2, 2, False)
    assert (groups[4].answered, groups[4].total, groups[4].open) == (1, 4, True)
    # The page's count is the completeness rule's.
    values = {v.indicator_id: v for v in submission.values.all()}
    expected = sum(is_answered(i, values.get(i.pk)) for i in indicators_for(submission))
    assert expected == 3
    assert "3 de 19 respondidos" in html
    assert '<details class="goal-group card mb-2" id="goal-1"' in html
    assert 'id="goal-1" data-goal="1" data-parts="i-1a,i-1b,n-1-1' in html
    assert 'id="goal-4" data-goal="4"' in html and "open>" in html.split('id="goal-4"')[1][:200]


def test_each_indicator_says_how_it_is_measured_and_last_years_approved_value(
    client, people, submission, approved_history
):
    approved_history("SEDENA", "4b", [2021, 2022], women=14, men=17, total=31)
    approved_history("SEDENA", "9", [2022], numerator=9, denominator=23)
    login(client, people["focal_point"])
    html = client.get(edit_url(submission)).content.decode()
    guide_4b = html.split('data-testid="guide-4b"')[1].split("</p>")[0]
    assert "Un conteo de personas por sexo" in guide_4b
    assert "Aprobado en 2022:" in guide_4b and "31" in guide_4b and "mujeres 14" in guide_4b
    guide_9 = html.split('data-testid="guide-9"')[1].split("</p>")[0]
    assert "Numerador:" in guide_9 and "Denominador:" in guide_9
    assert "39.1" in guide_9 and "9 de 23" in guide_9
    assert reverse("indicator-detail", args=["9"]) in guide_9


def test_the_no_data_reason_is_asked_only_once_no_data_is_ticked(client, people, submission):
    """Without JavaScript the field is in the page; CSS shows it once "no data" is ticked."""
    login(client, people["focal_point"])
    html = client.get(edit_url(submission)).content.decode()
    part = html.split('id="indicator-4a"')[1].split("</fieldset>")[0]
    assert 'class="col-12 col-sm-auto no-data-toggle"' in part
    assert '<div class="no-data-reason">' in part and 'name="i-4a-no_data_reason"' in part


def test_errors_are_summarised_at_the_top_with_a_link_to_each_field(client, people, submission):
    login(client, people["focal_point"])
    data = form_data(submission, answers={"4b": {"women": 14, "men": 17, "total": 30}})
    response = client.post(edit_url(submission), data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('data-testid="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_i-4b-total"' in summary
    assert "Mujeres (14) más hombres (17) suman 31, no 30." in summary


# -- nothing to report -------------------------------------------------------------------------


def test_nothing_to_report_marks_the_goals_empty_indicators_with_one_reason(
    client, people, submission
):
    answer(submission, "4a", total=2)
    login(client, people["focal_point"])
    version = Submission.objects.get(pk=submission.pk).version
    response = client.post(
        nothing_url(submission, 4),
        {"g4-reason": "No hubo despliegues en 2023.", "g4-codes": "4b,4c,4d"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#goal-4")
    values = {v.indicator.code: v for v in submission.values.select_related("indicator")}
    assert values["4a"].total == 2 and not values["4a"].no_data
    for code in ("4b", "4c", "4d"):
        assert (
            values[code].no_data and values[code].no_data_reason == "No hubo despliegues en 2023."
        )
    assert "1a" not in values  # another goal: untouched
    assert Submission.objects.get(pk=submission.pk).version == version + 1
    html = client.get(edit_url(submission)).content.decode()
    assert "Marcados «sin datos este año»: 4b, 4c, 4d." in html


def test_nothing_to_report_keeps_what_someone_entered_since_and_needs_a_reason(
    client, people, submission
):
    login(client, people["focal_point"])
    # The page showed 4a..4d empty; meanwhile someone entered 4c.
    answer(submission, "4c", total=5)
    client.post(nothing_url(submission, 4), {"g4-reason": "Sin datos.", "g4-codes": "4a,4b,4c,4d"})
    values = {v.indicator.code: v for v in submission.values.select_related("indicator")}
    assert values["4c"].total == 5 and not values["4c"].no_data
    assert all(values[c].no_data for c in ("4a", "4b", "4d"))
    page = client.get(edit_url(submission)).content.decode()
    assert "Alguien capturó cifras en 4c" in page
    before = IndicatorValue.objects.count()
    response = client.post(nothing_url(submission, 1), {"g1-reason": "  ", "g1-codes": "1a,1b"})
    assert response.status_code == 302 and IndicatorValue.objects.count() == before


def test_nothing_to_report_is_refused_once_submitted(client, people, submission):
    for indicator in indicators_for(submission):
        if indicator.goal.number != 4:
            answer(submission, indicator.code, no_data=True, no_data_reason="x")
    login(client, people["focal_point"])
    client.post(nothing_url(submission, 4), {"g4-reason": "Sin datos.", "g4-codes": "4a,4b,4c,4d"})
    Submission.objects.get(pk=submission.pk).submit(by=people["focal_point"])
    IndicatorValue.objects.filter(indicator__code="4a").delete()
    count = IndicatorValue.objects.count()
    response = client.post(
        nothing_url(submission, 4), {"g4-reason": "Otra vez.", "g4-codes": "4a"}, follow=True
    )
    assert IndicatorValue.objects.count() == count
    assert "No se marcó nada." in response.content.decode()


NOTHING_STATUS = {
    "anonymous": 302,
    "observer": 404,
    "focal_point": 302,
    "other_focal_point": 404,
    "working_group": 403,
    "administrator": 404,
}


@pytest.mark.parametrize("who", WHO)
def test_nothing_to_report_access(client, people, submission, who):
    login(client, people.get(who))
    response = client.post(nothing_url(submission, 4), {"g4-reason": "x", "g4-codes": "4a"})
    assert response.status_code == NOTHING_STATUS[who]
    written = IndicatorValue.objects.filter(submission=submission).exists()
    assert written == (who == "focal_point")
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]


# -- the draft saved while typing --------------------------------------------------------------


def draft(client, submission, parts, **fields):
    data = {"parts": ",".join(parts), "version": Submission.objects.get(pk=submission.pk).version}
    full = form_data(submission)
    for part in parts:
        data.update({k: v for k, v in full.items() if k.startswith(part + "-")})
    data.update(fields)
    return client.post(draft_url(submission), data)


def test_a_goal_is_saved_as_a_draft_and_its_new_bases_come_back(client, people, submission):
    login(client, people["focal_point"])
    response = draft(client, submission, ["i-4a", "i-4b"], **{"i-4a-total": "2"})
    answer_ = response.json()
    assert response.status_code == 200 and answer_["status"] == "saved"
    assert IndicatorValue.objects.get(indicator__code="4a").total == 2
    assert answer_["version"] == Submission.objects.get(pk=submission.pk).version
    assert json.loads(answer_["bases"]["i-4a-base"])["total"] == 2
    assert (answer_["answered"], answer_["total"]) == (1, 19)


def test_a_draft_saves_the_valid_parts_and_answers_the_errors(client, people, submission):
    login(client, people["focal_point"])
    response = draft(
        client,
        submission,
        ["i-4a", "i-4b"],
        **{"i-4a-total": "2", "i-4b-women": "14", "i-4b-men": "17", "i-4b-total": "30"},
    )
    answer_ = response.json()
    assert answer_["status"] == "invalid"
    assert answer_["errors"]["id_i-4b-total"] == ["Mujeres (14) más hombres (17) suman 31, no 30."]
    assert IndicatorValue.objects.get(indicator__code="4a").total == 2
    assert not IndicatorValue.objects.filter(indicator__code="4b").exists()


def test_two_people_drafting_different_figures_both_keep_their_work(client, people, submission):
    """The merge is figure by figure: a draft posted with the bases of a page loaded before
    someone else's save keeps both; the same figure changed by both is a conflict."""
    login(client, people["focal_point"])
    loaded = form_data(submission)
    answer(submission, "4a", total=7)  # someone else saved 4a after this page was loaded
    data = {k: v for k, v in loaded.items() if k.startswith(("i-4a-", "i-4b-"))}
    data.update({"parts": "i-4a,i-4b", "version": loaded["version"], "i-4b-total": "31"})
    first = client.post(draft_url(submission), data).json()
    assert first["status"] == "saved"
    values = {v.indicator.code: v for v in submission.values.select_related("indicator")}
    assert values["4a"].total == 7 and values["4b"].total == 31
    assert "i-4a-base" not in first["bases"]  # still the old base: theirs is kept next time
    data["i-4a-total"] = "9"
    second = client.post(draft_url(submission), data).json()
    assert second["status"] == "conflict"
    assert second["conflicts"][0]["prefix"] == "i-4a"
    assert IndicatorValue.objects.get(indicator__code="4a").total == 7


def test_a_draft_after_submission_is_refused(client, people, submission):
    login(client, people["focal_point"])
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.SUBMITTED)
    response = draft(client, submission, ["i-4a"], **{"i-4a-total": "2"})
    assert response.status_code == 409 and response.json()["status"] == "locked"
    assert not IndicatorValue.objects.exists()


DRAFT_STATUS = {
    "anonymous": (401, "signed_out"),
    "observer": (403, "forbidden"),
    "focal_point": (200, "saved"),
    "other_focal_point": (403, "forbidden"),
    "working_group": (403, "forbidden"),
    "administrator": (403, "forbidden"),
}


@pytest.mark.parametrize("who", WHO)
def test_draft_access(client, people, submission, who):
    login(client, people.get(who))
    response = draft(client, submission, ["i-4a"], **{"i-4a-total": "2"})
    assert (response.status_code, response.json()["status"]) == DRAFT_STATUS[who]
    assert IndicatorValue.objects.exists() == (who == "focal_point")


def test_signed_out_mid_form_the_save_leads_back_to_the_form(client, people, submission):
    """An expired session: the form's save goes to the sign-in page, which leads back to the
    form (where the browser offers the entries it kept)."""
    response = client.post(
        edit_url(submission), form_data(submission, answers={"4a": {"total": 2}})
    )
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={edit_url(submission)}"
    assert not IndicatorValue.objects.exists()
