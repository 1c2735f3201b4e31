"""Publishing is a deliberate act of the working group: a confirmation that says what will be
published, one version with a file per format, superseding the current one; a withdrawal with a
reason; a public list of what was published, never of previews."""

import hashlib
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.formatting import local_datetime
from indicators.models import Plan
from reporting.models import ReportingYear, Submission
from reports import jobs
from reports.models import PublicationConflict, PublishedFile, PublishedReport, ReportJob
from reports.publishing import data_state
from tests.factories import PersonFactory
from tests.reporting.conftest import login
from tests.reports.conftest import confirmation, publish

pytestmark = pytest.mark.django_db


def versions():
    return list(
        PublishedReport.objects.order_by("number").values_list("number", "status", flat=False)
    )


def test_publish_supersede_and_withdraw(client, people, data_2022, quick):
    group = people["working_group"]
    login(client, group)
    page, _sent = confirmation(client)
    text = page.content.decode()
    latest_approval = Submission.objects.filter(reporting_year__year=2022).latest("approved_at")
    for said in (
        "MX-PNA1325-2021",
        "2022",
        "Español",
        "Documento de Word (DOCX), PDF, Libro de datos (XLSX)",
        local_datetime(latest_approval.approved_at),
        "Versión 1, la primera de este informe.",
        'type="submit">Publicar la versión 1</button>',
    ):
        assert said in text, said
    assert not PublishedReport.objects.exists()  # the confirmation page publishes nothing

    response = publish(client)
    job = ReportJob.objects.get()
    assert response.redirect_chain[-1][0] == reverse("reports:job", args=[job.pk])
    assert job.status == ReportJob.Status.DONE and job.formats_done == 3
    first = job.published
    assert (first.number, first.status, first.published_by) == (1, "published", group.username)
    assert first.data_cutoff == latest_approval.approved_at
    assert "La versión 1 está publicada." in response.content.decode()
    files = {f.format: f for f in first.files.all()}
    assert set(files) == {"docx", "pdf", "xlsx"}
    for fmt, kept in files.items():
        content = client.get(reverse("reports:download", args=[kept.pk])).content
        assert content == f"{fmt} 2022 es v1".encode()  # built once, stamped with its number
        assert kept.sha256 == hashlib.sha256(content).hexdigest()
    assert {report.version for report in quick} == {1}
    assert all(report.preview is False and report.final for report in quick)

    page, _sent = confirmation(client)
    assert "Versión 2. Sustituye a la versión 1, publicada el" in page.content.decode()
    publish(client)
    assert versions() == [(1, "superseded"), (2, "published")]
    # The superseded version's files are still there, unchanged.
    for fmt, kept in files.items():
        assert client.get(reverse("reports:download", args=[kept.pk])).content == (
            f"{fmt} 2022 es v1".encode()
        )

    second = PublishedReport.objects.get(number=2)
    withdraw = reverse("reports:withdraw", args=[second.pk])
    assert "Retirar la versión 2 del informe de 2022" in client.get(withdraw).content.decode()
    refused = client.post(withdraw, {"reason": "   "})
    assert refused.status_code == 400
    assert "Indique el motivo para retirar esta versión." in refused.content.decode()
    done = client.post(withdraw, {"reason": "La cifra de 6a estaba mal sumada."}, follow=True)
    assert "La versión 2 del informe de 2022 (Español) fue retirada." in done.content.decode()
    second.refresh_from_db()
    assert second.status == "withdrawn" and second.withdrawn_by == group.username
    assert second.withdrawal_reason == "La cifra de 6a estaba mal sumada."
    assert [h.status for h in second.history.order_by("history_date")] == [
        "published",
        "withdrawn",
    ]
    assert second.history.latest().history_user_id == group.username
    assert not PublishedReport.objects.current().exists()
    # A withdrawn version cannot be withdrawn again; the next one is version 3.
    again = client.post(withdraw, {"reason": "Otra vez"}, follow=True)
    assert "Esta versión ya fue retirada." in again.content.decode()
    page, _sent = confirmation(client)
    assert "Versión 3. La versión 2 fue retirada" in page.content.decode()


def test_a_confirmation_made_stale_is_refused(client, people, data_2022, quick):
    login(client, people["working_group"])
    _page, sent = confirmation(client)
    # Meanwhile the introduction is saved: the report would no longer be the one confirmed.
    client.post(reverse("reports:introduction", args=[2022]), {"text_es": "Nueva.", "version": 0})
    refused = client.post(reverse("reports:publish"), sent)
    assert refused.status_code == 409
    assert "Algo cambió desde que se cargó esta página" in refused.content.decode()
    assert not ReportJob.objects.exists() and not PublishedReport.objects.exists()
    # The page shown again is up to date: confirming it publishes.
    resent = {name: refused.context["confirm"][name].value() for name in sent}
    client.post(reverse("reports:publish"), resent)
    # A confirmation of version 1 sent after version 1 was published is refused too.
    assert client.post(reverse("reports:publish"), resent).status_code == 409
    assert versions() == [(1, "published")]


def test_a_job_confirmed_before_the_data_changed_publishes_nothing(people, data_2022, quick):
    plan = Plan.objects.get()
    state = data_state(plan, 2022).fingerprint
    submission = Submission.objects.get(reporting_year__year=2022, agency__code="SSPC")
    ReportingYear.objects.filter(year=2022).update(status="open", closed_at=None)
    submission.reopen(by=people["working_group"], reason="Corrección de 6a.")
    job = jobs.publication(plan, 2022, "es", 1, state, people["working_group"], now=True)
    assert job.status == "failed" and job.failure == ReportJob.Failure.DATA_CHANGED
    assert not PublishedReport.objects.exists() and not PublishedFile.objects.exists()


def test_nothing_approved_nothing_to_publish(client, people, db):
    ReportingYear.open(Plan.objects.get(), 2023, timezone.localdate())
    login(client, people["working_group"])
    page, sent = confirmation(client, 2023)
    text = page.content.decode()
    assert "Ninguna institución tiene datos aprobados de este año todavía." in text
    assert 'type="submit">Publicar la versión 1</button>' not in text
    assert client.post(reverse("reports:publish"), sent).status_code == 409
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("focal_point", 403), ("observer", 403), ("administrator", 403)],
)
def test_only_the_working_group_previews_publishes_and_withdraws(
    client, people, data_2022, quick, who, status
):
    group = PersonFactory(role="working_group")
    _page, sent = confirmation(login(client, group))
    publish(client)
    version = PublishedReport.objects.get()
    job = ReportJob.objects.get()
    client.logout()
    login(client, people.get(who))
    before = (
        list(PublishedReport.objects.values_list()),
        list(ReportJob.objects.values_list()),
        list(PublishedFile.objects.values_list()),
    )
    withdraw = reverse("reports:withdraw", args=[version.pk])
    preview = {"year": 2022, "language": "es", "format": "xlsx", "kind": "approved"}
    for method, url, data in [
        ("get", reverse("reports:page"), {}),
        ("post", reverse("reports:page"), preview),
        ("get", reverse("reports:publish"), {"year": 2022, "language": "es"}),
        ("post", reverse("reports:publish"), {**sent, "number": 2}),
        ("get", withdraw, {}),
        ("post", withdraw, {"reason": "Porque sí."}),
        ("get", reverse("reports:job", args=[job.pk]), {}),
        ("post", reverse("reports:conclusions", args=[2022]), {"text_es": "X", "version": 0}),
    ]:
        assert getattr(client, method)(url, data).status_code == status, (method, url)
    after = (
        list(PublishedReport.objects.values_list()),
        list(ReportJob.objects.values_list()),
        list(PublishedFile.objects.values_list()),
    )
    assert after == before
    # What is published is public.
    assert client.get(reverse("reports:published")).status_code == 200


def test_anonymous_visitors_see_only_what_was_published(client, people, data_2022, quick):
    group = people["working_group"]
    login(client, group)
    for _number in (1, 2, 3):
        publish(client)
    PublishedReport.objects.get(number=2).withdraw(group, "Datos de la SSPC duplicados.")
    client.post(
        reverse("reports:page"),
        {"year": 2022, "language": "en", "format": "xlsx", "kind": "draft"},
    )
    preview = ReportJob.objects.get(kind="preview")
    assert preview.status == "done" and preview.file
    client.logout()

    page = client.get(reverse("reports:published"))
    text = page.content.decode()
    [shelf] = page.context["shelves"]
    assert shelf.current.number == 3
    assert [(v.number, v.status) for v in shelf.earlier] == [(2, "withdrawn"), (1, "superseded")]
    for label in ("Vigente", "Sustituida", "Retirada", "Datos de la SSPC duplicados."):
        assert label in text, label
    assert "Informe 2022 (Inglés)" not in text  # the English preview is nowhere
    assert "borrador" not in text.lower() and "/reports/jobs/" not in text
    for kept in PublishedFile.objects.select_related("report"):
        assert kept.sha256 in text
        url = reverse("reports:download", args=[kept.pk])
        response = client.get(url)
        if kept.report.is_withdrawn:
            assert url not in text and response.status_code == 404
        else:
            assert url in text and response.status_code == 200
    assert client.get(reverse("reports:job", args=[preview.pk])).status_code == 302
    assert client.get(reverse("reports:job-download", args=[preview.pk])).status_code == 302
    # The working group still reads a withdrawn version's files.
    login(client, group)
    withdrawn = PublishedFile.objects.filter(report__number=2).first()
    assert client.get(reverse("reports:download", args=[withdrawn.pk])).status_code == 200


def test_the_database_refuses_a_second_current_version_and_a_silent_withdrawal(data_2022):
    plan = Plan.objects.get()
    common = {"plan": plan, "year": 2022, "language": "es", "data": {}}
    PublishedReport.objects.create(number=1, data_cutoff=timezone.now(), **common)
    for wrong in (
        {"number": 2},  # a second current version
        {"number": 1, "status": "superseded"},  # a number taken
        {"number": 2, "status": "withdrawn", "withdrawn_at": timezone.now()},  # no reason
        {"number": 0, "status": "superseded"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            PublishedReport.objects.create(data_cutoff=timezone.now(), **common, **wrong)


def test_the_command_line_publishes_only_when_asked(data_2022, tmp_path, capsys, quick):
    output = tmp_path / "x.xlsx"
    call_command("annual_report", "2022", "--lang", "es", "--format", "xlsx", "--output", output)
    assert output.read_bytes().startswith(b"PK")
    assert "a preview, not published" in capsys.readouterr().out
    assert not PublishedReport.objects.exists() and not ReportJob.objects.exists()
    with pytest.raises(CommandError, match="never published"):
        call_command("annual_report", "2022", "--draft", "--publish")
    with pytest.raises(CommandError, match="not a member of the working group"):
        call_command("annual_report", "2022", "--publish", "--by", "nadie")

    group = PersonFactory(role="working_group")
    published = tmp_path / "publicado.pdf"
    call_command(
        "annual_report", "2022", "--publish", "--by", group.username, "--format", "pdf",
        "--output", published,
    )  # fmt: skip
    version = PublishedReport.objects.get()
    assert (version.number, version.status, version.published_by) == (
        1,
        "published",
        group.username,
    )
    files = {f.format: f for f in version.files.all()}
    assert set(files) == {"docx", "pdf", "xlsx"}
    out = capsys.readouterr().out
    assert "Published version 1 of the MX-PNA1325-2021 2022 report (es)" in out
    for kept in files.values():
        assert f"{kept.sha256}" in out and kept.filename in out
        with kept.file.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == kept.sha256
    assert published.read_bytes() == b"pdf 2022 es v1"
    assert hashlib.sha256(published.read_bytes()).hexdigest() == files["pdf"].sha256


@pytest.mark.django_db(transaction=True)
def test_two_publications_at_once_make_one_current_version():
    call_command("loaddata", "places_mx", "agencies", "plan", "data_2022", verbosity=0)
    plan = Plan.objects.get()
    contents = {"xlsx": (b"PK-prueba", "test/xlsx")}
    outcomes = []
    for trial in range(10):
        number = PublishedReport.next_number(plan, 2022, "es")
        barrier = threading.Barrier(2)
        results = []

        def attempt(who, number=number, barrier=barrier, results=results):
            try:
                barrier.wait()
                PublishedReport.publish(plan, 2022, "es", number, contents, {}, timezone.now(), who)
                results.append("published")
            except PublicationConflict:
                results.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt, args=(f"p{n}",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == ["published", "refused"], (trial, results)
        assert PublishedReport.objects.current().count() == 1, trial
        assert PublishedReport.objects.count() == trial + 1
        outcomes.append(results)
    numbers = list(PublishedReport.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 11))
    assert PublishedFile.objects.count() == 10  # the refused ones left no file behind


def test_administrators_see_published_reports_read_only(client, people, data_2022, quick):
    login(client, people["working_group"])
    publish(client)
    version = PublishedReport.objects.get()
    client.logout()
    login(client, people["administrator"])
    listing = client.get("/admin/reports/publishedreport/")
    assert listing.status_code == 200 and "2022" in listing.content.decode()
    url = f"/admin/reports/publishedreport/{version.pk}/change/"
    page = client.get(url).content.decode()
    for kept in version.files.all():
        assert kept.sha256 in page and kept.filename in page
    assert 'name="_save"' not in page and "/delete/" not in page
    assert client.post(url, {"withdrawal_reason": "x"}).status_code == 403
    assert client.get(f"/admin/reports/publishedreport/{version.pk}/delete/").status_code == 403
    assert client.get("/admin/reports/publishedreport/add/").status_code == 403
    assert client.get(f"/admin/reports/publishedreport/{version.pk}/history/").status_code == 200
    version.refresh_from_db()
    assert version.status == "published" and not version.withdrawal_reason
