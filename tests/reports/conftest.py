import pytest
from django.core.management import call_command
from django.urls import reverse

from reports import jobs


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


@pytest.fixture
def quick(monkeypatch):
    """Publications laid out as a few bytes per format, saying what the report was stamped
    with: for tests about versions, not layouts (a real PDF takes seconds)."""
    stamped = []

    def render(report, fmt):
        stamped.append(report)
        text = f"{fmt} {report.year} {report.language} v{report.version}"
        return text.encode(), f"test/{fmt}"

    monkeypatch.setattr(jobs, "render", render)
    return stamped


def confirmation(client, year=2022, language="es"):
    """The confirmation page, and what its form would send."""
    page = client.get(reverse("reports:publish"), {"year": year, "language": language})
    confirm = page.context["confirm"] if page.status_code == 200 else None
    sent = {name: confirm[name].value() for name in confirm.fields} if confirm else {}
    return page, sent


def publish(client, year=2022, language="es"):
    """Load the confirmation page and confirm it, as a person would."""
    _page, sent = confirmation(client, year, language)
    return client.post(reverse("reports:publish"), sent, follow=True)
