"""The agency's yearly form: what a focal point sees, saves, and is refused (nothing saved)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from indicators.models import Indicator
from reporting.models import Activity, IndicatorValue, LineNarrative, Submission
from tests.reporting.conftest import form_data, login

pytestmark = pytest.mark.django_db


def edit_url(submission):
    return reverse("reporting:edit", args=[submission.year, submission.agency.code])


def post(client, submission, **kwargs):
    return client.post(edit_url(submission), form_data(submission, **kwargs))


def saved(submission):
    return {
        v.indicator.code: v
        for v in IndicatorValue.objects.filter(submission=submission).select_related("indicator")
    }


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_focal_point_sees_every_indicator_of_its_agency_and_no_other(client, people, submission):
    login(client, people["focal_point"])
    html = client.get(edit_url(submission)).content.decode()
    sedena = set(
        Indicator.objects.filter(responsibilities__agency__code="SEDENA").values_list(
            "code", flat=True
        )
    )
    shown = {code for code in sedena if f'data-indicator="{code}"' in html}
    assert shown == sedena and len(sedena) == 19
    assert 'data-indicator="2a"' not in html  # INMUJERES and UN Women's indicator
    assert 'data-line="4.1"' in html


def test_fields_follow_the_indicators_measure(client, people, submission):
    login(client, people["focal_point"])
    html = client.get(edit_url(submission)).content.decode()
    assert 'name="i-4b-women"' in html and 'name="i-4b-men"' in html  # people by sex
    assert 'name="i-4a-total"' in html and 'name="i-4a-women"' not in html  # a count
    assert 'name="i-9-numerator"' in html and 'name="i-9-denominator"' in html  # a share
    assert 'name="i-8b-yes_no"' in html  # yes or no
    assert 'name="i-4c-no_data_reason_en"' in html  # the reason in English, for the report
    assert 'name="n-4-1-text_en"' in html  # the narrative in English


def test_save_a_partial_draft_and_come_back(client, people, submission):
    login(client, people["focal_point"])
    response = post(
        client,
        submission,
        answers={"4b": {"women": 14, "men": 17, "total": ""}, "4a": {"total": 1}},
        narratives={"4.1": "Curso Esencial de Pre-despliegue con enfoque de género."},
    )
    assert response.status_code == 302
    values = saved(submission)
    assert (values["4b"].women, values["4b"].men, values["4b"].total) == (14, 17, 31)
    assert values["4a"].total == 1
    assert set(values) == {"4a", "4b"}  # empty indicators are not stored
    assert LineNarrative.objects.get(submission=submission, line__goal__number=4).text_es
    submission.refresh_from_db()
    assert submission.version == 2 and submission.updated_by == people["focal_point"].username
    page = client.get(edit_url(submission)).content.decode()
    assert 'value="14"' in page and 'value="31"' in page


@pytest.mark.parametrize(
    "answers, field, message",
    [
        ({"4b": {"women": -3, "men": 17}}, "i-4b-women", "mayor o igual a 0"),
        ({"4a": {"total": "2.5"}}, "i-4a-total", "número entero"),
        ({"4a": {"total": "dos"}}, "i-4a-total", "número entero"),
        ({"4b": {"women": 14, "men": 17, "total": 30}}, "i-4b-total", "make 31"),
        ({"9": {"numerator": 40, "denominator": 30}}, "i-9-numerator", "cannot be larger"),
        ({"9": {"numerator": 40, "denominator": ""}}, "i-9-denominator", "both the numerator"),
        (
            {"1a": {"no_data": True, "no_data_reason": ""}},
            "i-1a-no_data_reason",
            "why there is no data",
        ),
        (
            {"1a": {"no_data": True, "no_data_reason": "x", "no_data_reason_en": "x" * 4001}},
            "i-1a-no_data_reason_en",
            "4000 caracteres",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    client, people, submission, answers, field, message, settings
):
    login(client, people["focal_point"])
    client.post(reverse("set_language"), {"language": "es"})
    good = {"4d": {"total": 2}}  # a valid answer in the same post: it must not be saved either
    response = post(client, submission, answers={**good, **answers})
    assert response.status_code == 400
    html = response.content.decode()
    form = next(f for f in response.context["form"].value_forms if field.startswith(f.prefix + "-"))
    errors = " ".join(form.errors.get(field.removeprefix(form.prefix + "-"), []))
    translated = {
        "make 31": "suman 31",
        "cannot be larger": "no puede ser mayor",
        "both the numerator": "numerador y el denominador",
        "why there is no data": "por qué no hay datos",
    }.get(message, message)
    assert translated in errors, errors
    assert translated in html
    assert "No se guardó nada" in html
    assert IndicatorValue.objects.filter(submission=submission).count() == 0
    submission.refresh_from_db()
    assert submission.version == 1
    # The user's input is still there to correct.
    assert 'value="2"' in html


def test_no_data_with_a_reason_is_an_answer(client, people, submission):
    login(client, people["focal_point"])
    post(
        client,
        submission,
        answers={
            "1a": {
                "no_data": True,
                "no_data_reason": "Sin cursos en 2023.",
                "no_data_reason_en": "No courses in 2023.",
            }
        },
    )
    value = saved(submission)["1a"]
    assert value.no_data and value.no_data_reason == "Sin cursos en 2023."
    assert value.no_data_reason_en == "No courses in 2023."


def add_activity(submission, indicator_code, **people):
    indicator = Indicator.objects.get(code=indicator_code)
    return Activity.objects.create(
        submission=submission,
        line=indicator.line,
        indicator=indicator,
        title=f"Curso {Activity.objects.count() + 1}",
        start_date=f"{submission.year}-05-01",
        end_date=f"{submission.year}-05-10",
        **people,
    )


def test_figure_must_agree_with_its_activities_or_be_explained(client, people, submission):
    add_activity(submission, "4b", women=10, men=5, total=15)
    add_activity(submission, "4b", women=4, men=12, total=16)
    login(client, people["focal_point"])
    response = post(client, submission, answers={"4b": {"women": 20, "men": 17}})
    assert response.status_code == 400
    errors = (
        response.context["form"]
        .value_forms[[f.indicator.code for f in response.context["form"].value_forms].index("4b")]
        .errors["activities_note"][0]
    )
    assert "mujeres 14, hombres 17, total 31" in errors
    assert not IndicatorValue.objects.filter(submission=submission).exists()
    # Explaining the difference is accepted.
    response = post(
        client,
        submission,
        answers={"4b": {"women": 20, "men": 17, "activities_note": "6 mujeres de la SEMAR."}},
    )
    assert response.status_code == 302
    assert saved(submission)["4b"].activities_note == "6 mujeres de la SEMAR."
    # And a figure that agrees needs no explanation.
    response = post(
        client,
        submission,
        answers={"4b": {"women": 14, "men": 17, "total": "", "activities_note": ""}},
    )
    assert response.status_code == 302
    assert saved(submission)["4b"].total == 31


def test_counts_agree_with_the_sum_of_activity_quantities(client, people, submission):
    add_activity(submission, "3.1", quantity=14)
    add_activity(submission, "3.1", quantity=66)
    login(client, people["focal_point"])
    response = post(client, submission, answers={"3.1": {"total": 95}})
    assert response.status_code == 400
    assert "suman 80" in response.content.decode()
    assert post(client, submission, answers={"3.1": {"total": 80}}).status_code == 302


def test_a_value_far_from_previous_years_is_a_warning_not_an_error(
    client, people, submission, approved_history
):
    approved_history("SEDENA", "4a", [2021, 2022], total=2)
    login(client, people["focal_point"])
    response = client.post(
        edit_url(submission), form_data(submission, answers={"4a": {"total": 40}}), follow=True
    )
    assert response.status_code == 200
    texts = messages_of(response)
    assert any("4a" in t and "lejos del promedio" in t for t in texts), texts
    assert saved(submission)["4a"].total == 40


def _two_colleagues(client, people):
    from tests.factories import PersonFactory

    colleague = PersonFactory(
        role="focal_point", agency="SEDENA", first_name="Carla", last_name="Ruiz"
    )
    first, second = client, type(client)()
    login(first, colleague)
    login(second, people["focal_point"])
    return first, second


def test_the_same_figure_saved_by_two_people_is_a_conflict_shown_side_by_side(
    client, people, submission
):
    first, second = _two_colleagues(client, people)
    # Both open the form before either saves: each page carries the state it was loaded with.
    first_page = form_data(submission, answers={"4a": {"total": 1}})
    second_page = form_data(submission, answers={"4a": {"total": 5}, "4b": {"women": 3, "men": 4}})
    assert first.post(edit_url(submission), first_page).status_code == 302
    response = second.post(edit_url(submission), second_page)
    assert response.status_code == 409
    html = response.content.decode()
    conflict = response.context["form"].conflicts["i-4a"]
    assert conflict.who == "Carla Ruiz" and ("Cursos", "1", "5") in conflict.rows
    assert "Carla Ruiz" in html and conflict.when_local in html  # who and when, local time
    assert 'value="5"' in html  # the second person's entry is on screen, not lost
    values = saved(submission)
    assert values["4a"].total == 1  # the first one's figure is kept...
    assert (values["4b"].women, values["4b"].men) == (3, 4)  # ...and the rest merged
    # Saving again from the conflict page keeps the second person's figure, knowingly.
    again = second.post(edit_url(submission), response.context["form"].data)
    assert again.status_code == 302
    assert saved(submission)["4a"].total == 5


def test_different_figures_saved_at_once_both_stay(client, people, submission):
    first, second = _two_colleagues(client, people)
    first_page = form_data(submission, answers={"4a": {"total": 1}})
    second_page = form_data(
        submission, answers={"4b": {"women": 3, "men": 4}}, narratives={"4.1": "Cursos."}
    )
    assert first.post(edit_url(submission), first_page).status_code == 302
    assert second.post(edit_url(submission), second_page).status_code == 302
    values = saved(submission)
    assert values["4a"].total == 1 and values["4b"].total == 7
    submission.refresh_from_db()
    assert submission.version == 3


def test_database_refuses_inconsistent_rows(submission):
    indicator = Indicator.objects.get(code="4b")
    for bad in (
        {"women": 14, "men": 17, "total": 30},
        {"numerator": 5, "denominator": 4},
        {"no_data": True, "no_data_reason": ""},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            IndicatorValue.objects.create(submission=submission, indicator=indicator, **bad)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(submission=submission, indicator=indicator, women=-1)]
        )


def test_other_agency_cannot_open_or_post_the_form(client, people, submission):
    login(client, people["other_focal_point"])
    assert client.get(edit_url(submission)).status_code == 404
    assert post(client, submission, answers={"4a": {"total": 3}}).status_code == 404
    assert not IndicatorValue.objects.exists()


def test_form_refuses_changes_once_submitted(client, people, submission):
    login(client, people["focal_point"])
    page = form_data(submission, answers={"4a": {"total": 3}})  # opened while still a draft
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.SUBMITTED)
    response = client.post(edit_url(submission), page)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Sus cambios no se guardaron" in html and "ahora no se puede modificar" in html
    assert 'value="3"' in html  # the entry stays on screen
    assert not IndicatorValue.objects.exists()
    # Opening the form again is refused with the reason.
    assert client.get(edit_url(submission)).status_code == 302
