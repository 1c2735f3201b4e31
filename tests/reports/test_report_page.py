"""The working group's report page: who may preview, the introduction and the conclusions,
bad choices."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.models import (
    PublishedReport,
    ReportConclusion,
    ReportIntroduction,
    ReportJob,
    paragraphs,
)
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(db):
    call_command("loaddata", "data_2022", verbosity=0)
    from datetime import date

    from indicators.models import Plan
    from reporting.models import ReportingYear

    ReportingYear.open(Plan.objects.get(), 2023, date(2099, 3, 31))


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 302),
        ("focal_point", 403),
        ("observer", 403),
        ("administrator", 403),
        ("working_group", 302),
    ],
)
def test_only_the_working_group_previews(client, people, years, who, status):
    login(client, people.get(who))
    assert client.get(reverse("reports:page")).status_code == (
        200 if who == "working_group" else status
    )
    response = client.post(
        reverse("reports:page"),
        {"year": 2022, "language": "es", "format": "xlsx", "kind": "approved"},
    )
    assert response.status_code == status
    # A preview is a job of the working group's; generating publishes nothing.
    assert ReportJob.objects.count() == (1 if who == "working_group" else 0)
    assert not PublishedReport.objects.exists()
    assert client.get(reverse("reports:published")).status_code == 200  # published: public


def test_introduction_per_year(client, people, years):
    login(client, people["working_group"])
    url = reverse("reports:introduction", args=[2022])
    text = {"text_es": "Introducción de 2022.", "text_en": "Introduction for 2022."}
    response = client.post(url, {**text, "version": 0}, follow=True)
    assert "Introducción de 2022 guardada." in response.content.decode()
    # Back on the page, the 2022 introduction is the one shown, not the latest year's.
    assert response.context["year"] == 2022
    assert "Introducción de 2022." in response.content.decode()
    assert ReportIntroduction.objects.get(year=2022).updated_by == people["working_group"].username
    page = client.get(reverse("reports:page"), {"year": 2023})
    assert page.context["year"] == 2023 and "Introducción de 2022." not in page.content.decode()
    # A text sent from a page loaded before that save is shown beside the saved one, not lost.
    stale = client.post(url, {"text_es": "Otra introducción.", "text_en": "", "version": 0})
    assert stale.status_code == 409
    rows = stale.context["blocks"][0].conflict.rows
    assert ("Introducción (español)", "Introducción de 2022.", "Otra introducción.") in rows
    assert "Otra introducción." in stale.content.decode()
    assert ReportIntroduction.objects.get(year=2022).text_es == "Introducción de 2022."
    assert ReportIntroduction.history.filter(year=2022).count() == 1


def test_conclusions_with_a_preview_of_how_they_read(client, people, years):
    login(client, people["working_group"])
    url = reverse("reports:conclusions", args=[2022])
    text = "Primer párrafo,\ncon un salto de línea.\n\n  \nSegundo párrafo."
    preview = client.post(url, {"text_es": text, "text_en": "", "version": 0, "action": "preview"})
    assert preview.status_code == 200
    shown = preview.content.decode()
    assert "<p>Primer párrafo,<br>con un salto de línea.</p>" in shown
    assert "<p>Segundo párrafo.</p>" in shown and "(vacío)" in shown
    assert not ReportConclusion.objects.exists()  # a preview saves nothing
    # The form keeps the text and the version the page was loaded at.
    form = preview.context["blocks"][1].form
    assert form["text_es"].value() == text and preview.context["blocks"][1].version == 0
    saved = client.post(
        url, {"text_es": text, "text_en": "Conclusions.", "version": 0}, follow=True
    )
    assert "Conclusiones de 2022 guardadas." in saved.content.decode()
    stored = ReportConclusion.objects.get(year=2022)
    assert (stored.version, stored.updated_by) == (1, people["working_group"].username)
    assert paragraphs(stored.text("es")) == [
        "Primer párrafo,\ncon un salto de línea.",
        "Segundo párrafo.",
    ]
    assert stored.text("en") == "Conclusions."
    # Saving over a later version is a conflict, side by side; the introduction is untouched.
    stale = client.post(url, {"text_es": "Otras.", "text_en": "", "version": 0})
    assert stale.status_code == 409
    assert ("Conclusiones (español)", text, "Otras.") in stale.context["blocks"][1].conflict.rows
    assert ReportConclusion.history.filter(year=2022).count() == 1
    assert not ReportIntroduction.objects.exists()


def test_bad_choices_are_refused(client, people, years):
    login(client, people["working_group"])
    response = client.post(
        reverse("reports:page"), {"year": 2030, "language": "fr", "format": "odt", "kind": "x"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"year", "language", "format", "kind"}
    assert "Escoja una opción válida" in response.content.decode()
    assert not PublishedReport.objects.exists() and not ReportJob.objects.exists()
