"""Agencies, sub-units and accounts in the admin.

Roles are held apart: only a superuser grants superuser or staff status, role groups or
permissions, and only a superuser changes (or sets the password of) an account that holds staff
status or the working group's or administrator's role. An administrator who is not a superuser
keeps the reference data and ordinary accounts (names, e-mail, active flag, agency), and cannot
make anyone, including themselves, more powerful.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReferenceAdmin, deleted_objects_without_their_text

from .access import Role
from .models import Agency, Profile, SubUnit

PRIVILEGED_ROLES = (Role.ADMINISTRATOR.value, Role.WORKING_GROUP.value)
GRANTING_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


class SubUnitInline(admin.TabularInline):
    model = SubUnit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(ReferenceAdmin):
    list_display = ["code", "name_es", "name_en", "kind", "coordinates_plan"]
    list_filter = ["kind"]
    search_fields = ["code", "name_es", "name_en"]
    inlines = [SubUnitInline]


@admin.register(SubUnit)
class SubUnitAdmin(ReferenceAdmin):
    list_display = ["code", "agency", "name_es", "name_en"]
    list_filter = ["agency"]
    search_fields = ["code", "name_es", "name_en"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


def is_privileged(user):
    return (
        user.is_superuser or user.is_staff or user.groups.filter(name__in=PRIVILEGED_ROLES).exists()
    )


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    list_select_related = ["profile__agency"]
    history_list_display = ["is_active", "is_staff", "is_superuser", "email"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [name for name in GRANTING_FIELDS if name not in fields]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser and is_privileged(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser and is_privileged(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        return deleted_objects_without_their_text(objs, request, self.admin_site)
