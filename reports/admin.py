"""Published reports for administrators: to look up, never to change. Files and hashes are read
only; a withdrawal goes through the working group's own page, with its confirmation and reason."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.middleware import plan_reverse

from .models import PublishedFile, PublishedReport


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PublishedFileInline(ReadOnly, admin.TabularInline):
    model = PublishedFile
    fields = ["format", "sha256", "content_type", "download"]
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("file"))
    def download(self, kept):
        # Through the app, which serves a withdrawn version's files to the working group only.
        url = plan_reverse(kept.report.plan, "reports:download", args=[kept.pk])
        return format_html('<a href="{}">{}</a>', url, kept.filename)


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = [
        "year",
        "language",
        "number",
        "status",
        "plan",
        "published_at",
        "published_by",
        "withdrawn_at",
    ]
    list_filter = ["status", "language", "year", "plan"]
    list_select_related = ["plan"]
    date_hierarchy = "published_at"
    fields = [
        "plan",
        "year",
        "language",
        "number",
        "status",
        "data_cutoff",
        "published_at",
        "published_by",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
    ]
    readonly_fields = fields
    inlines = [PublishedFileInline]
