import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.models import LineOfAction
from places.models import Region

from .models import Activity


def _date_range_widget():
    """Two date fields under one label: each says which end of the range it is (a label's `for`
    can name only one of them)."""
    widget = django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
    widget.widgets[0].attrs["aria-label"] = _("Starts on or after")
    widget.widgets[1].attrs["aria-label"] = _("Starts on or before")
    return widget


class ActivityFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains", label=_("Title contains"))
    line = django_filters.ModelChoiceFilter(
        queryset=LineOfAction.objects.none(), label=_("Line of action")
    )
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.none(), label=_("Region"))
    modality = django_filters.ChoiceFilter(choices=Activity.Modality.choices, label=_("Modality"))
    start_date = django_filters.DateFromToRangeFilter(
        label=_("Starts between"),
        widget=_date_range_widget(),
    )

    class Meta:
        model = Activity
        fields = ["title", "line", "indicator", "subunit", "modality", "region"]

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        from . import rules

        plan = submission.reporting_year.plan
        self.filters["line"].queryset = (
            LineOfAction.objects.for_plan(plan)
            .select_related("goal")
            .order_by("goal__number", "number")
        )
        self.filters["region"].queryset = plan.country.regions.all()
        self.filters["region"].label = plan.country.region_label
        self.filters["indicator"].queryset = rules.indicators_for(submission)
        self.filters["subunit"].queryset = submission.agency.subunits.all()
        self.filters["line"].field.label_from_instance = lambda line: line.code
        self.filters["indicator"].field.label_from_instance = lambda i: i.code
        self.filters["subunit"].field.label_from_instance = lambda s: s.code
