"""Global frameworks: loaded by migration with their sources, titles never invented; links made
by the working group only, with history; shown on the indicator page, in the API and as a
dashboards filter."""

import pytest
from django.urls import reverse

from references.models import Framework, FrameworkItem, FrameworkLink

pytestmark = pytest.mark.django_db


def test_frameworks_are_loaded_with_their_sources(frameworks):
    sg = Framework.objects.get(code="SG-1325")
    assert sg.items.count() == 26
    assert "S/2010/498" in sg.source
    sdg = Framework.objects.get(code="SDG")
    codes = set(sdg.items.values_list("code", flat=True))
    assert {"5.1.1", "5.2.1", "5.5.1", "5.5.2", "5.c.1", "16.1.1", "16.7.1", "16.7.2"} <= codes
    seats = sdg.items.get(code="5.5.1")
    assert seats.title_en.startswith("Proportion of seats held by women")
    assert "unstats.un.org" in sdg.source
    # Where the published title was not at hand, the title is empty and says so.
    for item in FrameworkItem.objects.filter(title_en=""):
        assert "not at hand" in item.title_source


def test_the_working_group_links_an_indicator_with_history(client, people, frameworks, plan):
    client.force_login(people["working_group"])
    client.cookies["django_language"] = "en"
    item = FrameworkItem.objects.get(framework__code="SDG", code="5.5.1")
    url = reverse("references:links", args=["5b"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"item": item.pk, "note_es": "Mujeres en puestos de decisión"})
    assert response.status_code == 302
    link = FrameworkLink.objects.get(indicator__code="5b")
    assert link.item == item and not link.proposed
    record = FrameworkLink.history.get(id=link.pk, history_type="+")
    assert record.history_user_id == people["working_group"].username
    again = client.post(url, {"item": item.pk})
    assert again.status_code == 400
    assert "already linked to SDG 5.5.1" in again.content.decode()
    assert client.post(url, {"item": "999999"}).status_code == 400
    assert client.post(url, {"item": "x' OR 1=1"}).status_code == 400
    page = client.get(reverse("references:sheet", args=["5b"]))
    assert "Linked to SDG 5.5.1" in page.content.decode()
    client.post(reverse("references:unlink", args=["5b", link.pk]))
    assert not FrameworkLink.objects.exists()
    page = client.get(reverse("references:sheet", args=["5b"]))
    assert "Link to SDG 5.5.1 removed" in page.content.decode()


@pytest.mark.parametrize("role", ["focal_point", "observer", "administrator"])
def test_others_cannot_link(client, people, frameworks, link, role):
    made = link("5b", "SDG", "5.5.1", proposed=True)
    client.force_login(people[role])
    item = FrameworkItem.objects.get(framework__code="SDG", code="5.5.2")
    assert (
        client.post(reverse("references:links", args=["5b"]), {"item": item.pk}).status_code == 403
    )
    assert client.post(reverse("references:unlink", args=["5b", made.pk])).status_code == 403
    assert client.post(reverse("references:confirm", args=["5b", made.pk])).status_code == 403
    assert list(FrameworkLink.objects.values_list("item__code", "proposed")) == [("5.5.1", True)]


def test_a_link_of_another_indicator_is_not_found(client, people, link):
    made = link("5b", "SDG", "5.5.1")
    client.force_login(people["working_group"])
    assert client.post(reverse("references:unlink", args=["1a", made.pk])).status_code == 404


def test_the_link_shows_on_the_indicator_page(client, link, sheets):
    link("5b", "SDG", "5.5.1", note_es="Nota de prueba", proposed=True)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("indicator-detail", args=["5b"]))
    text = page.content.decode()
    assert "SDG 5.5.1" in text
    assert "Proportion of seats held by women" in text
    assert "proposal" in text
    other = client.get(reverse("indicator-detail", args=["1a"]))
    assert "SDG 5.5.1" not in other.content.decode()


def test_api_gives_each_indicator_its_sheet_and_frameworks(
    client, link, sheets, django_assert_max_num_queries
):
    link("5b", "SDG", "5.5.1", note_en="Test note")
    with django_assert_max_num_queries(20) as counted:
        data = client.get(reverse("api-plan")).json()
    before = len(counted.captured_queries)
    indicators = {i["code"]: i for a in data["areas"] for g in a["goals"] for i in g["indicators"]}
    assert indicators["5b"]["frameworks"] == [
        {
            "framework": "SDG",
            "code": "5.5.1",
            "title": {
                "es": "",
                "en": "Proportion of seats held by women in (a) national parliaments and (b) "
                "local governments",
            },
            "note": {"es": "", "en": "Test note"},
            "proposed": False,
        }
    ]
    assert indicators["1a"]["frameworks"] == []
    sheet = indicators["9"]["reference_sheet"]
    assert sheet["calculation"]["en"] == (
        "Numerator: personnel trained. Denominator: personnel to be deployed."
    )
    assert sheet["baseline_value"] == "" and sheet["revisions"] == []
    for code in ("1a", "2a", "4b", "6a", "8a"):
        link(code, "SDG", "5.5.2")
    with django_assert_max_num_queries(before):
        client.get(reverse("api-plan"))


def test_api_frameworks_list(client, link):
    link("5b", "SDG", "5.5.1")
    data = client.get(reverse("api-frameworks")).json()
    assert data["plan"] == "MX-PNA1325-2021"
    frameworks = {f["code"]: f for f in data["frameworks"]}
    assert len(frameworks["SG-1325"]["items"]) == 26
    items = {i["code"]: i for i in frameworks["SDG"]["items"]}
    assert items["5.5.1"]["indicators"] == ["5b"]
    assert items["5.5.2"]["indicators"] == []
    assert "S/2010/498" in frameworks["SG-1325"]["source"]
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/frameworks/" in schema and "reference_sheet" in schema


def test_dashboards_filter_by_framework_item(client, link, django_assert_max_num_queries):
    link("5b", "SDG", "5.5.1")
    link("8a", "SDG", "5.5.1")
    everything = client.get(reverse("dashboards:overview"))
    assert 'value="SDG:5.5.1"' in everything.content.decode()
    assert "ODS 5.5.1" in everything.content.decode()
    client.cookies["django_language"] = "en"
    with django_assert_max_num_queries(60):
        page = client.get(reverse("dashboards:overview"), {"framework": "SDG:5.5.1"})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-indicator="5b"' in text and 'data-indicator="8a"' in text
    assert 'data-indicator="1a"' not in text and 'data-indicator="9"' not in text
    assert "Only the indicators linked to SDG 5.5.1." in text
    bad = client.get(reverse("dashboards:overview"), {"framework": "<script>"})
    assert bad.status_code == 400
    assert 'data-indicator="1a"' in bad.content.decode()


def test_confirming_a_proposal_is_in_the_history(client, people, link):
    made = link("5b", "SDG", "5.5.1", proposed=True, note_en="Proposed with the plan")
    client.force_login(people["working_group"])
    client.cookies["django_language"] = "en"
    response = client.post(reverse("references:confirm", args=["5b", made.pk]))
    assert response.status_code == 302
    made.refresh_from_db()
    assert not made.proposed
    text = client.get(reverse("references:sheet", args=["5b"])).content.decode()
    history = text.split('data-testid="sheet-history"')[1]
    assert "Link to SDG 5.5.1 confirmed" in history
    assert "Linked to SDG 5.5.1 (proposal)" in history
    assert "Proposed with the plan" in history
