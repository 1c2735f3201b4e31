from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Organisation, ShadowAssessment


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "acronym"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "added_by", "added_at"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]


@admin.register(ShadowAssessment)
class ShadowAssessmentAdmin(SimpleHistoryAdmin):
    """To look up; writing and moderating happen in the app, where the rules are."""

    list_display = ["organisation", "indicator", "year", "rating", "state", "by", "at"]
    list_filter = ["state", "year"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
