from django.contrib import admin

from .models import Framework, FrameworkItem


class FrameworkItemInline(admin.TabularInline):
    model = FrameworkItem
    fields = ["code", "group_es", "group_en", "title_es", "title_en", "title_source", "position"]
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Administrators complete a published title once it is at hand, and say where it was read."""

    list_display = ["code", "short_name_es", "name_es"]
    inlines = [FrameworkItemInline]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "title_en", "title_source"]
    list_filter = ["framework"]
    search_fields = ["code", "title_es", "title_en"]
