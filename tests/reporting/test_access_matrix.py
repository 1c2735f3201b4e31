"""Every reporting view against every role, for a draft and for approved data.

anonymous / focal point of the agency / focal point of another agency / working group /
observer / administrator. Drafts: only the agency's own focal points and the working group read
them, only the agency's own focal points write. Approved data: everyone reads, nobody writes.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator
from reporting.models import Activity, IndicatorValue, Submission
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "focal_point",
    "other_focal_point",
    "working_group",
    "observer",
    "administrator",
]

READ_VIEWS = ["reporting:submission", "reporting:activities", "reporting:history"]
WRITE_VIEWS = ["reporting:edit", "reporting:activity-new"]

# Expected status of GET on a draft: read views, then write views.
DRAFT_GET = {
    "anonymous": (302, 302),
    "focal_point": (200, 200),
    "other_focal_point": (404, 404),
    "working_group": (200, 403),
    "observer": (404, 404),
    "administrator": (404, 404),
}
APPROVED_GET = {
    "anonymous": (200, 302),
    "focal_point": (200, 302),  # the owner is sent back: approved data is locked
    "other_focal_point": (200, 403),
    "working_group": (200, 403),
    "observer": (200, 403),
    "administrator": (200, 403),
}


@pytest.fixture
def activity(submission):
    indicator = Indicator.objects.get(code="4a")
    return Activity.objects.create(
        submission=submission,
        line=indicator.line,
        indicator=indicator,
        title="Curso",
        start_date="2023-03-01",
        end_date="2023-03-02",
    )


def urls(submission, names, activity=None):
    result = [reverse(name, args=[submission.year, submission.agency.code]) for name in names]
    if activity is not None and names is WRITE_VIEWS:
        result.append(
            reverse("reporting:activity-edit", args=[submission.year, "SEDENA", activity.pk])
        )
    return result


@pytest.mark.parametrize("who", WHO)
def test_draft_views(client, people, submission, activity, who):
    login(client, people.get(who))
    read, write = DRAFT_GET[who]
    for url in urls(submission, READ_VIEWS):
        assert client.get(url).status_code == read, url
    for url in urls(submission, WRITE_VIEWS, activity):
        assert client.get(url).status_code == write, url


@pytest.mark.parametrize("who", WHO)
def test_approved_views(client, people, submission, activity, who):
    Submission.objects.filter(pk=submission.pk).update(
        status="approved", approved_at=timezone.now()
    )
    login(client, people.get(who))
    read, write = APPROVED_GET[who]
    for url in urls(submission, READ_VIEWS):
        assert client.get(url).status_code == read, url
    for url in urls(submission, WRITE_VIEWS, activity):
        assert client.get(url).status_code == write, url


@pytest.mark.parametrize("who", [w for w in WHO if w != "focal_point"])
@pytest.mark.parametrize("status", ["draft", "approved"])
def test_nobody_else_writes(client, people, submission, activity, who, status):
    if status == "approved":
        Submission.objects.filter(pk=submission.pk).update(
            status=status, approved_at=timezone.now()
        )
    login(client, people.get(who))
    indicator = Indicator.objects.get(code="4a")
    posts = [
        (reverse("reporting:edit", args=[2023, "SEDENA"]), {"version": 1, "i-4a-total": 7}),
        (
            reverse("reporting:activity-new", args=[2023, "SEDENA"]),
            {
                "title": "Intruso",
                "line": indicator.line_id,
                "start_date": "2023-01-01",
                "end_date": "2023-01-01",
                "modality": "online",
                "quantity": 1,
            },
        ),
        (
            reverse("reporting:activity-edit", args=[2023, "SEDENA", activity.pk]),
            {
                "title": "Cambiado",
                "line": indicator.line_id,
                "start_date": "2023-01-01",
                "end_date": "2023-01-01",
                "modality": "online",
                "quantity": 1,
                "version": 1,
            },
        ),
        (
            reverse("reporting:activity-delete", args=[2023, "SEDENA", activity.pk]),
            {"confirmed": "yes"},
        ),
        (
            reverse("reporting:evidence-add", args=[2023, "SEDENA"]),
            {"description": "x", "url": "https://a.org"},
        ),
        (reverse("reporting:action", args=[2023, "SEDENA", "submit"]), {"confirmed": "yes"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403, 404), url
    assert not IndicatorValue.objects.exists()
    assert list(Activity.objects.values_list("title", flat=True)) == ["Curso"]
    submission.refresh_from_db()
    assert submission.status == status and submission.version == 1


def test_own_focal_point_of_a_partner_has_no_submission(client, people):
    """UN Women is a partner: it has no yearly form, so no URL for it exists."""
    login(client, people["working_group"])
    assert client.get("/reporting/2023/ONUMUJERES/").status_code == 404
