from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from import_export.admin import ImportExportModelAdmin

from .models import Agency, Profile, SubUnit


class SubUnitInline(admin.TabularInline):
    model = SubUnit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(ImportExportModelAdmin):
    list_display = ["code", "name_es", "name_en", "kind", "coordinates_plan"]
    list_filter = ["kind"]
    search_fields = ["code", "name_es", "name_en"]
    inlines = [SubUnitInline]


@admin.register(SubUnit)
class SubUnitAdmin(ImportExportModelAdmin):
    list_display = ["code", "agency", "name_es", "name_en"]
    list_filter = ["agency"]
    search_fields = ["code", "name_es", "name_en"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    list_select_related = ["profile__agency"]
