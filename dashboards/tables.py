import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from reporting.models import Activity
from reporting.tables import BaseTable, DayColumn, NumberColumn


class DashboardActivityTable(BaseTable):
    """The activities behind an indicator's figure, read-only."""

    agency = tables.Column(accessor="submission__agency__code", verbose_name=_("Agency"))
    title = tables.Column(verbose_name=_("Activity"))
    start_date = DayColumn(verbose_name=_("From"))
    end_date = DayColumn(verbose_name=_("To"))
    region = tables.Column(verbose_name=_("Region"), default="—")
    quantity = NumberColumn(verbose_name=_("Quantity"))
    women = NumberColumn(verbose_name=_("Women"))
    men = NumberColumn(verbose_name=_("Men"))
    total = NumberColumn(verbose_name=_("Total"))

    class Meta(BaseTable.Meta):
        model = Activity
        fields = [
            "agency",
            "title",
            "start_date",
            "end_date",
            "region",
            "quantity",
            "women",
            "men",
            "total",
        ]
        attrs = {**BaseTable.Meta.attrs, "data-testid": "indicator-activities"}


class TimelinessTable(BaseTable):
    """An agency's reporting, year by year: how complete and how timely."""

    year = tables.Column(verbose_name=_("Year"))
    status = tables.Column(verbose_name=_("Status"))
    completeness = tables.Column(verbose_name=_("Indicators answered"))
    no_data = tables.Column(verbose_name=_("Of which no data"))
    activities = tables.Column(verbose_name=_("Activities"))
    deadline = DayColumn(verbose_name=_("Deadline"))
    submitted = DayColumn(verbose_name=_("Submitted"), default="—")
    timeliness = tables.Column(verbose_name=_("Timeliness"))
    approved = DayColumn(verbose_name=_("Approved"), default="—")

    class Meta(BaseTable.Meta):
        orderable = False
        attrs = {**BaseTable.Meta.attrs, "data-testid": "timeliness"}
