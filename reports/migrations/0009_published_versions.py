"""Published reports become versions: each keeps plan, year, language and the data used, and
gains a number, a status and a withdrawal record; its files move to PublishedFile, one per
format. This migration adds the new columns and tables; 0010 fills them from today's rows; 0011
removes the columns that moved and adds the constraints."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.db import migrations, models

import audit.fields
import core.fields
import reports.models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0008_plan_keys_required"),
    ]

    operations = [
        migrations.RenameField(
            model_name="publishedreport", old_name="created_at", new_name="published_at"
        ),
        migrations.RenameField(
            model_name="publishedreport", old_name="created_by", new_name="published_by"
        ),
        migrations.AlterField(
            model_name="publishedreport",
            name="published_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="published at"
            ),
        ),
        migrations.AlterField(
            model_name="publishedreport",
            name="published_by",
            field=audit.fields.ActorField(
                blank=True,
                default="",
                editable=False,
                max_length=150,
                verbose_name="published by",
            ),
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="number",
            field=models.PositiveIntegerField(null=True, verbose_name="version"),
        ),
        # The old ordering names created_at, renamed above: a query with it would fail.
        migrations.AlterModelOptions(
            name="publishedreport",
            options={
                "ordering": ["-year", "language", "-number"],
                "verbose_name": "published report",
                "verbose_name_plural": "published reports",
            },
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="status",
            field=models.CharField(
                choices=[
                    ("published", "Current"),
                    ("superseded", "Superseded"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="published",
                max_length=12,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="data_cutoff",
            field=models.DateTimeField(null=True, verbose_name="data approved up to"),
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="withdrawn at"),
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="withdrawn_by",
            field=audit.fields.ActorField(
                blank=True, default="", editable=False, max_length=150, verbose_name="withdrawn by"
            ),
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="withdrawal_reason",
            field=core.fields.BoundedTextField(
                blank=True, max_length=4000, verbose_name="reason for the withdrawal"
            ),
        ),
        migrations.CreateModel(
            name="PublishedFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("docx", "Word document (DOCX)"),
                            ("pdf", "PDF"),
                            ("xlsx", "Data workbook (XLSX)"),
                        ],
                        max_length=5,
                        verbose_name="format",
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=300,
                        upload_to=reports.models.published_path,
                        verbose_name="file",
                    ),
                ),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("content_type", models.CharField(max_length=100, verbose_name="content type")),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="files",
                        to="reports.publishedreport",
                    ),
                ),
            ],
            options={
                "verbose_name": "published file",
                "verbose_name_plural": "published files",
                "ordering": ["report", "format"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPublishedReport",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "language",
                    models.CharField(
                        choices=[("es", "Spanish"), ("en", "English")],
                        max_length=5,
                        verbose_name="language",
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("published", "Current"),
                            ("superseded", "Superseded"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="published",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("data_cutoff", models.DateTimeField(verbose_name="data approved up to")),
                (
                    "published_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="published at"
                    ),
                ),
                (
                    "published_by",
                    audit.fields.ActorField(
                        blank=True,
                        default="",
                        editable=False,
                        max_length=150,
                        verbose_name="published by",
                    ),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="withdrawn at"),
                ),
                (
                    "withdrawn_by",
                    audit.fields.ActorField(
                        blank=True,
                        default="",
                        editable=False,
                        max_length=150,
                        verbose_name="withdrawn by",
                    ),
                ),
                (
                    "withdrawal_reason",
                    core.fields.BoundedTextField(
                        blank=True, max_length=4000, verbose_name="reason for the withdrawal"
                    ),
                ),
                (
                    "history_user_id",
                    models.CharField(blank=True, max_length=150, null=True, verbose_name="by"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="indicators.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical published report",
                "verbose_name_plural": "historical published reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
