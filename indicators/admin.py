from django.contrib import admin

from core.admin import ReferenceAdmin as BaseReferenceAdmin

from .models import (
    Area,
    Indicator,
    LineOfAction,
    Plan,
    PlanActivity,
    Responsibility,
    StrategicGoal,
    Target,
)


class ReferenceAdmin(BaseReferenceAdmin):
    """Administrators edit the Spanish translation and notes; structure comes from the fixture."""

    search_fields = ["text_es", "text_en"]


@admin.register(Plan)
class PlanAdmin(ReferenceAdmin):
    list_display = ["code", "short_name_es", "start_year", "end_year", "version"]
    search_fields = ["code", "name_es", "name_en"]


@admin.register(Area)
class AreaAdmin(ReferenceAdmin):
    list_display = ["number", "name_es", "name_en"]
    search_fields = ["name_es", "name_en"]


class LineInline(admin.TabularInline):
    model = LineOfAction
    extra = 0


class ActivityInline(admin.TabularInline):
    model = PlanActivity
    extra = 0


class TargetInline(admin.StackedInline):
    model = Target
    extra = 0
    fk_name = "goal"


@admin.register(StrategicGoal)
class StrategicGoalAdmin(ReferenceAdmin):
    list_display = ["number", "text_es", "area"]
    list_filter = ["area"]
    inlines = [LineInline, ActivityInline, TargetInline]


@admin.register(LineOfAction)
class LineOfActionAdmin(ReferenceAdmin):
    list_display = ["__str__", "goal"]
    list_select_related = ["goal"]


@admin.register(PlanActivity)
class PlanActivityAdmin(ReferenceAdmin):
    list_display = ["goal", "numeral", "text_es"]
    list_select_related = ["goal"]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(ReferenceAdmin):
    list_display = ["code", "text_es", "measure", "goal"]
    list_filter = ["measure", "goal__area"]
    list_select_related = ["goal"]
    inlines = [ResponsibilityInline]


@admin.register(Target)
class TargetAdmin(ReferenceAdmin):
    list_display = ["__str__", "kind", "value", "indicator"]
    list_filter = ["kind"]
    list_select_related = ["goal", "indicator"]
