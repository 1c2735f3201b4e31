"""The columns that moved to PublishedFile go; every version has a number and a data cut-off;
the database refuses two current versions of a report, two versions with one number, and a
withdrawal without its reason."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0010_published_versions_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="publishedreport", name="format"),
        migrations.RemoveField(model_name="publishedreport", name="file"),
        migrations.RemoveField(model_name="publishedreport", name="sha256"),
        migrations.AlterField(
            model_name="publishedreport",
            name="number",
            field=models.PositiveIntegerField(verbose_name="version"),
        ),
        migrations.AlterField(
            model_name="publishedreport",
            name="data_cutoff",
            field=models.DateTimeField(verbose_name="data approved up to"),
        ),
        migrations.AddConstraint(
            model_name="publishedreport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "published")),
                fields=("plan", "year", "language"),
                name="published_report_one_current",
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedreport",
            constraint=models.UniqueConstraint(
                fields=("plan", "year", "language", "number"),
                name="published_report_number_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedreport",
            constraint=models.CheckConstraint(
                condition=models.Q(("number__gte", 1)), name="published_report_number_from_one"
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedreport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("status", "withdrawn"),
                        ("withdrawn_at__isnull", False),
                        models.Q(("withdrawal_reason", ""), _negated=True),
                    ),
                    models.Q(
                        models.Q(("status", "withdrawn"), _negated=True),
                        ("withdrawn_at__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="published_report_withdrawn_with_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedfile",
            constraint=models.UniqueConstraint(
                fields=("report", "format"), name="published_file_one_per_format"
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedfile",
            constraint=models.CheckConstraint(
                condition=models.Q(("sha256__regex", "^[0-9a-f]{64}$")),
                name="published_file_sha256_hex",
            ),
        ),
    ]
