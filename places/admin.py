from django.contrib import admin

from core.admin import ReferenceAdmin

from .models import Country, Region


class RegionInline(admin.TabularInline):
    model = Region
    extra = 0


@admin.register(Country)
class CountryAdmin(ReferenceAdmin):
    list_display = ["code", "name_es", "name_en", "region_label_es"]
    search_fields = ["code", "name_es", "name_en"]
    inlines = [RegionInline]


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    list_display = ["code", "name", "country"]
    list_filter = ["country"]
    search_fields = ["code", "name"]
