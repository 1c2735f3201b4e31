import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from reporting.models import Activity
from reporting.tables import BaseTable


class DashboardActivityTable(BaseTable):
    """The activities behind an indicator's figure, read-only."""

    agency = tables.Column(accessor="submission__agency__code", verbose_name=_("Agency"))
    title = tables.Column(verbose_name=_("Activity"))
    start_date = tables.DateColumn(format="Y-m-d", verbose_name=_("From"))
    end_date = tables.DateColumn(format="Y-m-d", verbose_name=_("To"))
    region = tables.Column(verbose_name=_("Region"), default="—")
    quantity = tables.Column(verbose_name=_("Quantity"), attrs={"td": {"class": "text-end"}})
    women = tables.Column(verbose_name=_("Women"), default="—", attrs={"td": {"class": "text-end"}})
    men = tables.Column(verbose_name=_("Men"), default="—", attrs={"td": {"class": "text-end"}})
    total = tables.Column(verbose_name=_("Total"), default="—", attrs={"td": {"class": "text-end"}})

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
    deadline = tables.DateColumn(format="Y-m-d", verbose_name=_("Deadline"))
    submitted = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("Submitted"), default="—")
    timeliness = tables.Column(verbose_name=_("Timeliness"))
    approved = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("Approved"), default="—")

    class Meta(BaseTable.Meta):
        orderable = False
        attrs = {**BaseTable.Meta.attrs, "data-testid": "timeliness"}
