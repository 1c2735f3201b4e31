import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.models import LineOfAction

from .geography import FederalEntity
from .models import Activity


class ActivityFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains", label=_("Title contains"))
    line = django_filters.ModelChoiceFilter(
        queryset=LineOfAction.objects.select_related("goal").order_by("goal__number", "number"),
        label=_("Line of action"),
    )
    federal_entity = django_filters.ChoiceFilter(
        choices=FederalEntity.choices, label=_("Federal entity")
    )
    modality = django_filters.ChoiceFilter(choices=Activity.Modality.choices, label=_("Modality"))
    start_date = django_filters.DateFromToRangeFilter(
        label=_("Starts between"),
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Activity
        fields = ["title", "line", "indicator", "subunit", "modality", "federal_entity"]

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        from . import rules

        self.filters["indicator"].queryset = rules.indicators_for(submission.agency)
        self.filters["subunit"].queryset = submission.agency.subunits.all()
        self.filters["line"].field.label_from_instance = lambda line: line.code
        self.filters["indicator"].field.label_from_instance = lambda i: i.code
        self.filters["subunit"].field.label_from_instance = lambda s: s.code
