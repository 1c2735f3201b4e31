import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core import formatting

from .models import Activity


class NumberColumn(tables.Column):
    """A count, right-aligned and written as the language writes it (1,874)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        kwargs.setdefault("default", formatting.DASH)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return formatting.number(value)


class DayColumn(tables.DateColumn):
    """A date as the language writes it short (22/11/2026)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("short", True)
        super().__init__(*args, **kwargs)


class BaseTable(tables.Table):
    """The look shared by every table of the app."""

    class Meta:
        attrs = {"class": "table table-sm table-striped table-hover align-top"}
        template_name = "django_tables2/bootstrap5-responsive.html"


class ActivityTable(BaseTable):
    title = tables.Column(linkify=False, verbose_name=_("Activity"))
    line = tables.Column(
        accessor="line__code",
        verbose_name=_("Line"),
        order_by=("line__goal__number", "line__number"),
    )
    indicator = tables.Column(accessor="indicator__code", verbose_name=_("Indicator"), default="—")
    also = tables.Column(
        accessor="pk", verbose_name=_("Also counts towards"), orderable=False, default="—"
    )
    subunit = tables.Column(accessor="subunit__code", verbose_name=_("Sub-unit"), default="—")
    start_date = DayColumn(verbose_name=_("From"))
    end_date = DayColumn(verbose_name=_("To"))
    region = tables.Column(verbose_name=_("Region"), default="—")
    quantity = NumberColumn(verbose_name=_("Quantity"))
    women = NumberColumn(verbose_name=_("Women"))
    men = NumberColumn(verbose_name=_("Men"))
    total = NumberColumn(verbose_name=_("Total"))

    def render_also(self, record):
        return ", ".join(c.indicator.code for c in record.counts.all()) or "—"

    actions = tables.TemplateColumn(
        template_name="reporting/_activity_actions.html",
        verbose_name=_("Actions"),
        orderable=False,
    )

    class Meta(BaseTable.Meta):
        model = Activity
        fields = [
            "title",
            "line",
            "indicator",
            "also",
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
