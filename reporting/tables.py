import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Activity


class BaseTable(tables.Table):
    """The look shared by every table of the app."""

    class Meta:
        attrs = {"class": "table table-sm table-striped table-hover align-top"}
        template_name = "django_tables2/bootstrap5.html"


class ActivityTable(BaseTable):
    title = tables.Column(linkify=False, verbose_name=_("Activity"))
    line = tables.Column(
        accessor="line__code",
        verbose_name=_("Line"),
        order_by=("line__goal__number", "line__number"),
    )
    indicator = tables.Column(accessor="indicator__code", verbose_name=_("Indicator"), default="—")
    subunit = tables.Column(accessor="subunit__code", verbose_name=_("Sub-unit"), default="—")
    start_date = tables.DateColumn(format="Y-m-d", verbose_name=_("From"))
    end_date = tables.DateColumn(format="Y-m-d", verbose_name=_("To"))
    region = tables.Column(verbose_name=_("Region"), default="—")
    quantity = tables.Column(verbose_name=_("Quantity"), attrs={"td": {"class": "text-end"}})
    women = tables.Column(verbose_name=_("Women"), default="—", attrs={"td": {"class": "text-end"}})
    men = tables.Column(verbose_name=_("Men"), default="—", attrs={"td": {"class": "text-end"}})
    total = tables.Column(verbose_name=_("Total"), default="—", attrs={"td": {"class": "text-end"}})
    actions = tables.TemplateColumn(
        template_name="reporting/_activity_actions.html",
        verbose_name="",
        orderable=False,
    )

    class Meta(BaseTable.Meta):
        model = Activity
        fields = [
            "title",
            "line",
            "indicator",
            "subunit",
            "start_date",
            "end_date",
            "modality",
            "region",
            "quantity",
            "women",
            "men",
            "total",
        ]
        sequence = [*fields, "actions"]
        attrs = {**BaseTable.Meta.attrs, "data-testid": "activities"}
