"""Today's published reports (one file each, one per "final" generation) become versions.

Rows of a plan, year and language are read in the order they were generated. A row joins the
version being built from the rows before it when it is the same act: the same person, the same
data (what the report was built from, its generation time aside), a format that version does not
have yet, within an hour of the previous row. Otherwise it starts a new version. So a DOCX, a PDF
and an XLSX generated one after the other from the same data are one version of three files,
and twelve PDFs generated in an afternoon are twelve versions: each was published as an act of
its own, and the history keeps them all. Versions are numbered in that order; the last one of
each plan, year and language is current, the others superseded. Nothing is deleted: each row's
file becomes a file of its version with the same id (old download links keep working), the same
stored file and the same SHA-256.

The data cut-off of a version is the latest approval its data includes (`sources` of the data
used), or its generation time when the data names none.
"""

from datetime import datetime, timedelta

from django.core.management.color import no_style
from django.db import migrations

SAME_ACT = timedelta(hours=1)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _content(data):
    return {key: value for key, value in (data or {}).items() if key != "generated_at"}


def _cutoff(row):
    approvals = [
        datetime.fromisoformat(source["approved"])
        for source in (row.data or {}).get("sources", [])
        if source.get("approved") and source.get("included", True)
    ]
    return max(approvals) if approvals else row.published_at


def _versions(rows):
    """The rows of one plan, year and language, oldest first, grouped into versions."""
    versions = []
    for row in rows:
        current = versions[-1] if versions else None
        if (
            current is not None
            and row.published_by == current[0].published_by
            and row.format not in {r.format for r in current}
            and _content(row.data) == _content(current[0].data)
            and row.published_at - current[-1].published_at <= SAME_ACT
        ):
            current.append(row)
        else:
            versions.append([row])
    return versions


def to_versions(apps, schema_editor):
    PublishedReport = apps.get_model("reports", "PublishedReport")
    PublishedFile = apps.get_model("reports", "PublishedFile")
    keys = (
        PublishedReport.objects.order_by()
        .values_list("plan_id", "year", "language")
        .distinct()
    )
    for plan_id, year, language in list(keys):
        rows = list(
            PublishedReport.objects.filter(plan_id=plan_id, year=year, language=language).order_by(
                "published_at", "pk"
            )
        )
        versions = _versions(rows)
        for number, group in enumerate(versions, start=1):
            version = group[0]
            version.number = number
            version.status = "published" if number == len(versions) else "superseded"
            version.data_cutoff = max(_cutoff(row) for row in group)
            version.save(update_fields=["number", "status", "data_cutoff"])
            PublishedFile.objects.bulk_create(
                PublishedFile(
                    pk=row.pk,
                    report=version,
                    format=row.format,
                    file=row.file.name,
                    sha256=row.sha256,
                    content_type=CONTENT_TYPES[row.format],
                )
                for row in group
            )
            PublishedReport.objects.filter(pk__in=[row.pk for row in group[1:]]).delete()
    # Files were given their rows' ids: the next new file must not take one of them.
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [PublishedFile]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_published_versions"),
    ]

    operations = [migrations.RunPython(to_versions, migrations.RunPython.noop, elidable=False)]
