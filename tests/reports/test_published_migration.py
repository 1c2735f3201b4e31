"""Today's published reports (one file per "final" generation) become versions: the files of one
act (same person, same data, formats not repeated, within an hour) make one version; every
other generation is a version of its own; the last one is current; file ids, names and hashes
are kept."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reports.models import PublishedFile, PublishedReport

BEFORE = [("reports", "0008_plan_keys_required")]
T0 = datetime(2024, 3, 10, 16, 0, tzinfo=UTC)
APPROVED = "2024-03-01T18:30:00+00:00"


def data(total, generated_at):
    return {
        "year": 2022,
        "final": True,
        "generated_at": generated_at.isoformat(),
        "indicators": [{"code": "6a", "value": f"{total} redes"}],
        "sources": [
            {"agency": "SSPC", "approved": APPROVED, "included": True},
            {"agency": "SRE", "approved": "2024-02-01T10:00:00+00:00", "included": True},
            {"agency": "SEMAR", "approved": None, "included": False},
        ],
    }


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_todays_published_reports_become_versions():
    call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)
    old = migrate(BEFORE)
    try:
        plan = old.get_model("indicators", "Plan").objects.get()
        Old = old.get_model("reports", "PublishedReport")
        rows = [
            # (minutes after T0, language, format, by, 6a total)
            (0, "es", "docx", "ana", 630),
            (1, "es", "pdf", "ana", 630),
            (2, "es", "xlsx", "ana", 630),  # one act: version 1, three files
            (3, "es", "pdf", "ana", 630),  # a PDF again: version 2
            (180, "es", "pdf", "ana", 630),  # hours later: version 3
            (181, "es", "docx", "luis", 630),  # someone else: version 4
            (182, "es", "xlsx", "luis", 629),  # other data: version 5, current
            (5, "en", "pdf", "ana", 630),  # the English report: its own version 1
        ]
        ids = []
        for minutes, language, fmt, by, total in rows:
            at = T0 + timedelta(minutes=minutes)
            ids.append(
                Old.objects.create(
                    plan=plan,
                    year=2022,
                    language=language,
                    format=fmt,
                    file=f"published/2022/{minutes:064d}.{fmt}",
                    sha256=f"{minutes:064d}",
                    data=data(total, at),
                    created_at=at,
                    created_by=by,
                ).pk
            )
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

        spanish = PublishedReport.objects.filter(language="es").order_by("number")
        assert [(v.number, v.status, v.published_by) for v in spanish] == [
            (1, "superseded", "ana"),
            (2, "superseded", "ana"),
            (3, "superseded", "ana"),
            (4, "superseded", "luis"),
            (5, "published", "luis"),
        ]
        formats = [sorted(v.files.values_list("format", flat=True)) for v in spanish]
        assert formats == [["docx", "pdf", "xlsx"], ["pdf"], ["pdf"], ["docx"], ["xlsx"]]
        first = spanish[0]
        assert first.published_at == T0 and first.data["indicators"][0]["value"] == "630 redes"
        assert first.data_cutoff == datetime.fromisoformat(APPROVED)
        # Every row's file is kept under the row's id, name and hash.
        for pk, (minutes, _language, fmt, _by, _total) in zip(ids, rows, strict=True):
            kept = PublishedFile.objects.get(pk=pk)
            assert (kept.format, kept.sha256) == (fmt, f"{minutes:064d}")
            assert kept.file.name == f"published/2022/{minutes:064d}.{fmt}"
        english = PublishedReport.objects.get(language="en")
        assert (english.number, english.status) == (1, "published")
        assert PublishedFile.objects.count() == len(rows)
        # The next file gets a new id.
        new = PublishedFile.objects.create(
            report=english, format="docx", file="x", sha256="a" * 64, content_type="x"
        )
        assert new.pk > max(ids)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
