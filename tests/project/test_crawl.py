"""Every URL pattern of the app (the admin's included) × every role × GET and POST, on data in
every workflow state (tests/worlds.py). For each request:

- no server error (5xx, or an exception);
- no secret of a submission the role may not read in the response (page, JSON, CSV, and the text
  inside XLSX, DOCX and PDF files);
- no write the role may not make: a POST that changes the database is checked against what the
  role may change (its own agency's data; the working group any agency's and the year's; the
  administrator reference data), and every POST is rolled back so that the next request sees the
  same data.

The number of requests, errors and breaches is printed (`pytest -s`) for the closing note.
"""

import io
import re
import zipfile
from collections import Counter
from contextlib import contextmanager
from itertools import product

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from pypdf import PdfReader

from agencies.models import Agency, Profile, SubUnit
from budgets.models import BudgetLine
from civil.models import Membership, Organisation, ShadowAssessment
from dashboards.models import Assessment
from indicators.models import Indicator, Plan, Target
from reporting.models import (
    Activity,
    Evidence,
    FigureComment,
    ImportBatch,
    IndicatorValue,
    LineNarrative,
    ReportingYear,
    Submission,
    SubmissionEvent,
)
from reports.models import (
    PublishedFile,
    PublishedReport,
    ReportConclusion,
    ReportIntroduction,
    ReportJob,
)
from tests.worlds import AGENCIES, YEAR, build_world

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "observer", "administrator", "working_group"] + [
    f"focal_{code}" for code in AGENCIES
]
# Tables whose writes are not data: sessions, sign-in attempts, the admin's own log.
NOT_DATA = re.compile(r'"?(django_session|axes_\w+|django_admin_log)"?')
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Pages after which a signed-in role may no longer be signed in.
SIGNS_OUT = re.compile(r"logout|password|/accounts/|/i18n/")


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), pattern, namespace


def samples(world, pattern, namespace=""):
    """Values for each parameter of a URL pattern: own and other agencies' objects, both years,
    good and bad choices."""
    model_admin = getattr(pattern.callback, "model_admin", None)
    first = None
    if model_admin is not None:
        first = model_admin.model.objects.order_by("pk").values_list("pk", flat=True).first()
    # Samples are keyed by the route's full name ("reports:job"), as reverse() knows it.
    name = ":".join(filter(None, [namespace, pattern.name or ""]))
    pks = {
        "reporting:activity-edit": [world.activities["SEDENA"], world.activities["SRE"]],
        "reporting:activity-delete": [world.activities["SEDENA"], world.activities["SRE"]],
        "reporting:evidence-download": [world.evidence["SEDENA"], world.evidence["SRE"]],
        "reporting:evidence-delete": [world.evidence["SEDENA"], world.evidence["SRE"]],
        "reporting:import-confirm": [world.batch],
        "budgets:edit": [world.budget_lines["SEDENA"], world.budget_lines["SRE"]],
        "budgets:delete": [world.budget_lines["SEDENA"], world.budget_lines["SRE"]],
        "reports:download": list(PublishedFile.objects.values_list("pk", flat=True)),
        "reports:withdraw": world.versions,
        "reports:job": [world.job],
        "reports:job-download": [world.job],
        "dashboards:assess": [world.target, world.indicator],
        "revisions:draft": [world.revision],
        "revisions:change-new": [world.revision],
        "revisions:change-delete": [world.revision],
        "revisions:apply": [world.revision],
        "civil:withdraw": world.shadow,
        "civil:publish": world.shadow,
        "civil:hide": world.shadow,
        "civil:answer": world.shadow,
        "civil:organisation": [world.organisation],
        "civil:remove-member": [world.membership],
        "revisions:delete": [world.revision],
    }.get(name, [1])
    kinds = {
        "dashboards:assess": ["target", "indicator"],
        "revisions:change-new": ["target_terms", "period", "nada"],
    }.get(name, ["activities", "values", "target", "indicator", "nada"])
    return {
        "year": [YEAR, 2022],
        "agency": AGENCIES,
        "pk": pks,
        "kind": kinds,
        "change_pk": [world.change],
        "fmt": ["xlsx", "csv", "json", "odt"],
        "action": ["submit", "return", "approve", "reopen", "borrar"],
        "number": [1, 5],
        "code": ["4a", "5b", "SEDENA", "ZZ", world.plan_code],
        "uidb64": ["MQ"],
        "token": ["set-password"],
        "object_id": [first or 1],
        "id": [first or 1],
        "history_id": [1],
        "app_label": ["agencies", "indicators", "auth"],
        "content_type_id": [1],
        "url": ["x"],
    }


def urls(world):
    """(route name, concrete URL) for every pattern, its parameters filled with samples."""
    found = []
    for route, pattern, namespace in walk(get_resolver().url_patterns):
        params = re.findall(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>", route)
        names = [p[1] or p[2] for p in params]
        choices = samples(world, pattern, namespace)
        if any(n not in choices for n in names):
            raise AssertionError(f"No sample value for a parameter of {route}")
        for combination in product(*[choices[n] for n in names]):
            url = "/" + route
            for value in combination:
                url = re.sub(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)", str(value), url, count=1)
            url = url.replace("^", "").replace("$", "").replace("\\", "")
            if name_filter(pattern, combination, names):
                found.append((pattern.name or route, url))
    return found


def name_filter(pattern, combination, names):
    """Keep the crawl to what matters: the closed year only for one agency."""
    values = dict(zip(names, combination, strict=True))
    return not (values.get("year") == 2022 and values.get("agency") not in (None, "SEDENA"))


def readable_text(response):
    """What a person could read in the response, files opened."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels"))
            )
    if content.startswith(b"%PDF") or "pdf" in kind:
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", "replace")


@contextmanager
def writes_recorded():
    statements = []

    def record(execute, sql, params, many, context):
        if WRITE.match(sql) and not NOT_DATA.search(sql.split("(")[0].split(" SET ")[0]):
            statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def state():
    """What each kind of data looks like now: per agency, the year's, and reference data."""
    snapshot = {}
    agency_models = [
        IndicatorValue,
        LineNarrative,
        Activity,
        Evidence,
        SubmissionEvent,
        ImportBatch,
        FigureComment,
        BudgetLine,
    ]
    for code in AGENCIES:
        rows = [list(Submission.objects.filter(agency__code=code).order_by("pk").values_list())]
        for model in agency_models:
            rows.append(
                list(
                    model.objects.filter(submission__agency__code=code).order_by("pk").values_list()
                )
            )
        snapshot[f"agency:{code}"] = rows
    snapshot["year"] = [
        list(model.objects.order_by("pk").values_list())
        for model in (
            ReportingYear,
            Assessment,
            ReportIntroduction,
            ReportConclusion,
            PublishedReport,
            PublishedFile,
            ReportJob,
        )
    ]
    snapshot["civil"] = [
        list(model.objects.order_by("pk").values_list())
        for model in (Organisation, Membership, ShadowAssessment)
    ]
    snapshot["reference"] = [
        list(model.objects.order_by("pk").values_list())
        for model in (Plan, Indicator, Target, Agency, SubUnit, Group, Profile)
    ] + [
        # Signing in (force_login before each request) sets last_login: not a change of roles.
        list(User.objects.order_by("pk").values_list("username", "is_staff", "is_superuser")),
        list(User.groups.through.objects.order_by("pk").values_list()),
    ]
    return snapshot


def may_change(role):
    if role == "working_group":
        return {f"agency:{code}" for code in AGENCIES} | {"year", "civil"}
    if role == "administrator":
        return {"reference"}
    if role.startswith("focal_"):
        return {f"agency:{role.removeprefix('focal_')}"}
    return set()


def crawl(world, role, urls_to_visit, baseline):
    """Visit every URL with GET and POST as `role`; return the problems and the counts."""
    user = world.people.get(role)
    client = Client(raise_request_exception=False)
    forbidden = world.forbidden_for(role)
    own = [secret for secret in world.secrets if secret not in forbidden]
    allowed = may_change(role)
    problems, counts = [], Counter()
    if user is not None:
        client.force_login(user)
    for _name, url in urls_to_visit:
        for method in ("get", "post"):
            with transaction.atomic(), writes_recorded() as writes:
                # A POST says yes to the question a step asks first (core.confirm): the crawl
                # reaches the writes themselves.
                data = {"confirmed": "yes"} if method == "post" else None
                response = getattr(client, method)(url, data)
                changed = set()
                if method == "post" and writes:
                    after = state()
                    changed = {k for k in baseline if after[k] != baseline[k]}
                transaction.set_rollback(True)
            client.cookies.pop("django_language", None)
            if user is not None and SIGNS_OUT.search(url):
                client.force_login(user)  # signed out (or the session was renewed): sign in again
            counts["requests"] += 1
            counts["writes"] += bool(changed)
            where = f"{method.upper()} {url} as {role}"
            if response.status_code >= 500:
                counts["5xx"] += 1
                problems.append(f"{where}: {response.status_code}")
                continue
            if changed - allowed:
                counts["breaches"] += 1
                problems.append(f"{where} changed {sorted(changed - allowed)}")
            if response.status_code == 200:
                text = readable_text(response)
                leaked = [s.text or s.number for s in forbidden if s.found_in(text)]
                if leaked:
                    counts["breaches"] += 1
                    problems.append(f"{where} shows {leaked}")
                counts["saw own"] += any(secret.found_in(text) for secret in own)
    return problems, counts


# Three groups of roles, so that parallel test workers share the crawl.
GROUPS = [ROLES[:3], ROLES[3:6], ROLES[6:]]


@pytest.mark.parametrize("roles", GROUPS, ids=["public", "group-and-two-agencies", "agencies"])
def test_every_url_for_every_role(roles, capsys):
    world = build_world()
    baseline = state()
    to_visit = urls(world)
    problems, totals = [], Counter()
    for role in roles:
        found, counts = crawl(world, role, to_visit, baseline)
        problems += found
        totals.update(counts)
        with capsys.disabled():
            print(f"\ncrawl {role}: {dict(counts)}")
        # The checks can fail: those who may read unapproved data do find it, and those who
        # may write do change data.
        if role == "working_group" or role.startswith("focal_"):
            assert counts["saw own"] > 0, role
        if role in ("working_group", "focal_SEDENA"):  # SEDENA's draft can change
            assert counts["writes"] > 0, role
    with capsys.disabled():
        print(f"crawl, {len(to_visit)} URLs x {len(roles)} roles x GET/POST: {dict(totals)}")
    assert not problems, "\n".join(problems[:40])


def test_the_crawl_covers_every_url_pattern():
    """A new view cannot escape the crawl: every pattern is walked (and has sample values, or
    the crawl fails); the app's and the admin's patterns are all there."""
    routes = [route for route, _pattern, _namespace in walk(get_resolver().url_patterns)]
    assert len(routes) > 150
    for expected in ("edit/", "import/<int:pk>/confirm/", "assess/<int:year>", "admin/"):
        assert any(expected in route for route in routes), expected
    for model in admin.site._registry:
        assert any(f"admin/{model._meta.app_label}/{model._meta.model_name}/" in r for r in routes)
