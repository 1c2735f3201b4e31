from django.db import migrations, models

import reports.models


def move_contents_to_storage(apps, schema_editor):
    """Published reports kept in the database move to the file storage, byte for byte."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    PublishedReport = apps.get_model("reports", "PublishedReport")
    for report in PublishedReport.objects.iterator():
        name = default_storage.save(
            reports.models.published_path(report, ""), ContentFile(bytes(report.content))
        )
        PublishedReport.objects.filter(pk=report.pk).update(file=name)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_historicalreportintroduction_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedreport",
            name="file",
            field=models.FileField(
                default="",
                max_length=300,
                upload_to=reports.models.published_path,
                verbose_name="file",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(move_contents_to_storage, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="publishedreport", name="content"),
    ]
