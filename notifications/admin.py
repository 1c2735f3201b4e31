from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """The e-mails sent, for administrators to answer "I never received it": read-only, and
    without the bodies (a return comment is for the agency and the working group only)."""

    list_display = [
        "created_at",
        "kind",
        "submission",
        "email",
        "language",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["email", "submission__agency__code", "subject"]
    list_select_related = ["submission__agency", "submission__reporting_year"]
    date_hierarchy = "created_at"
    fields = [
        "kind",
        "submission",
        "days_from_deadline",
        "email",
        "language",
        "subject",
        "status",
        "attempts",
        "error",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
