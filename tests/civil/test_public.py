"""What the public reads of civil society's voice: beside the official status on the dashboards,
in open data and in the annual report's annex; published only, in a fixed number of queries."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from civil.models import ShadowAssessment
from indicators.models import Indicator
from reports.formatters import render
from reports.generator import build
from tests.civil.conftest import CODE, YEAR, assessment

pytestmark = pytest.mark.django_db

State = ShadowAssessment.State


@pytest.fixture
def voices(civil_world):
    """Ours published with an answer, theirs waiting, a hidden one on another indicator."""
    published = assessment(
        civil_world,
        state=State.PUBLISHED,
        rating="behind",
        justification="PUBLICADA-JUSTIFICACION",
        comment="PUBLICADO-COMENTARIO",
        answer="RESPUESTA-DEL-GRUPO",
    )
    assessment(civil_world, "theirs", justification="PENDIENTE-SECRETA")
    other = Indicator.objects.for_plan(civil_world["plan"]).get(code="5b")
    assessment(civil_world, indicator=other, state=State.HIDDEN, justification="OCULTA-SECRETA")
    return published


SECRETS = ("PENDIENTE-SECRETA", "OCULTA-SECRETA")


def test_dashboards_show_the_published_rating_beside_the_official_status(client, voices):
    pages = [
        reverse("dashboards:indicator", args=[CODE]),
        reverse("dashboards:goal", args=[voices.indicator.goal.number]),
        reverse("dashboards:overview"),
    ]
    for url in pages:
        page = re.sub(r"\s+", " ", client.get(url, {"year": YEAR}).content.decode())
        assert page.count('data-testid="shadow"') == 1, url
        assert "Civil society assessment:" in page
        assert 'data-status="behind">Behind</span> (OMP)' in page
        assert reverse("civil:indicator", args=[CODE, YEAR]) in page
    # Another year: nothing.
    page = client.get(pages[0], {"year": 2023}).content.decode()
    assert 'data-testid="shadow"' not in page


def test_the_label_in_spanish(client, voices):
    client.cookies["django_language"] = "es"
    page = client.get(reverse("dashboards:indicator", args=[CODE]), {"year": YEAR})
    assert "Evaluación de la sociedad civil:" in page.content.decode()


def test_public_pages_queries_do_not_grow(client, civil_world, django_assert_max_num_queries):
    """Ten more published assessments cost no query more on any public page."""

    def counts():
        found = {}
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for name, url in [
            ("index", reverse("civil:index")),
            ("indicator", reverse("civil:indicator", args=[CODE, YEAR])),
            ("dashboard", reverse("dashboards:indicator", args=[CODE]) + f"?year={YEAR}"),
            ("overview", reverse("dashboards:overview") + f"?year={YEAR}"),
            ("api", reverse("api-shadow-assessments")),
        ]:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found[name] = len(queries)
        return found

    assessment(civil_world, state=State.PUBLISHED)
    before = counts()
    from civil.models import Organisation

    for n in range(10):
        organisation = Organisation.objects.create(name=f"OSC {n}", acronym=f"O{n}")
        civil_world[f"o{n}"] = organisation
        assessment(civil_world, f"o{n}", state=State.PUBLISHED, answer="Gracias")
    after = counts()
    assert after == before
    with django_assert_max_num_queries(12):
        client.get(reverse("civil:indicator", args=[CODE, YEAR]))


def test_open_data_shows_only_published(client, voices, civil_world):
    client.force_login(civil_world["people"]["working_group"])  # the same for everyone
    response = client.get(reverse("api-shadow-assessments"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["plan"] == civil_world["plan"].code
    assert [(a["indicator"], a["year"], a["rating"]) for a in data["assessments"]] == [
        (CODE, YEAR, "behind")
    ]
    entry = data["assessments"][0]
    assert entry["organisation"]["acronym"] == "OMP"
    assert entry["rating_label"] == {"es": "Rezagada", "en": "Behind"}
    assert entry["answer"]["text"] == "RESPUESTA-DEL-GRUPO"
    assert not any(secret in response.content.decode() for secret in SECRETS)
    assert client.get(reverse("api-shadow-assessments"), {"year": 2023}).json()["assessments"] == []
    bad = client.get(reverse("api-shadow-assessments"), {"year": "dos mil"})
    assert bad.status_code == 400 and "error" in bad.json()
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/shadow-assessments/" in schema and "ShadowAssessment" in schema


def _docx_text(content):
    document = Document(io.BytesIO(content))
    return "\n".join(
        [p.text for p in document.paragraphs]
        + ["\t".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    )


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_report_annex_in_docx_pdf_and_xlsx(voices, civil_world, language):
    report = build(civil_world["plan"], YEAR, language=language)
    heading = {"es": "sociedad civil", "en": "civil society's assessments"}[language]
    status = {"es": "Rezagada", "en": "Behind"}[language]
    docx = _docx_text(render(report, "docx")[0])
    pdf_content = render(report, "pdf")[0]
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_content)).pages)
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")[0]))
    sheet = None
    for name in workbook.sheetnames:
        if name in ("Sociedad civil", "Civil society"):
            sheet = workbook[name]
    assert sheet is not None, workbook.sheetnames
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert [CODE, "Observatorio Mujeres y Paz (OMP)", status] == rows[1][:3]
    for text in (docx, re.sub(r"\s+", " ", pdf)):
        assert heading in text.lower()
        assert "Observatorio Mujeres y Paz (OMP)" in text
        assert "PUBLICADA-JUSTIFICACION" in text
        assert "RESPUESTA-DEL-GRUPO" in text
        assert status in text
        assert not any(secret in text for secret in SECRETS)


def test_the_annex_says_when_nothing_was_published(civil_world):
    report = build(civil_world["plan"], YEAR, language="en")
    docx = _docx_text(render(report, "docx")[0])
    assert "No assessment by civil society was published for 2022." in docx


def test_the_working_groups_preview_shows_the_annex(client, voices, civil_world):
    client.force_login(civil_world["people"]["working_group"])
    page = client.get(reverse("reports:preview", args=[YEAR]), {"language": "es"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Anexo: evaluaciones de la sociedad civil" in text
    assert "PUBLICADA-JUSTIFICACION" in text and "RESPUESTA-DEL-GRUPO" in text
    assert not any(secret in text for secret in SECRETS)
