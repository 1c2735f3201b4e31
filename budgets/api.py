"""Open data: the budget lines of approved submissions, filterable by year and agency."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.serializers import ErrorSerializer
from api.views import OpenData
from indicators.views import plan_or_404

from .models import BudgetLine

MARKER_MEANING = {
    0: "not targeted",
    1: "significant",
    2: "principal",
}


class BudgetLineSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    agency = serializers.CharField(help_text="The agency's code (SEDENA).")
    goal = serializers.IntegerField(help_text="The strategic goal's number.")
    line_of_action = serializers.CharField(help_text="The line of action's code (4.1).")
    source = serializers.ChoiceField(choices=BudgetLine.Source.values)
    partner = serializers.CharField(help_text="The cooperation partner; empty for own budget.")
    programme_key = serializers.CharField(help_text="The budget programme key (P-019), if any.")
    gender_marker = serializers.IntegerField(
        help_text="OECD DAC gender equality marker: 0 not targeted, 1 significant, 2 principal."
    )
    gender_marker_meaning = serializers.CharField()
    programmed = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Null when unknown."
    )
    approved = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Null when unknown."
    )
    spent = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Null when unknown."
    )
    spent_more_than_approved = serializers.BooleanField()
    explanation = serializers.CharField(help_text="Why more was spent than approved, if so.")


class BudgetListSerializer(serializers.Serializer):
    plan = serializers.CharField()
    currency = serializers.CharField(help_text="ISO 4217 code of every amount (MXN).")
    license = serializers.CharField()
    budgets = BudgetLineSerializer(many=True)


def _row(line):
    return {
        "year": line.submission.reporting_year.year,
        "agency": line.submission.agency.code,
        "goal": line.line.goal.number,
        "line_of_action": line.line.code,
        "source": line.source,
        "partner": line.partner,
        "programme_key": line.programme_key,
        "gender_marker": line.marker,
        "gender_marker_meaning": MARKER_MEANING[line.marker],
        "programmed": line.programmed,
        "approved": line.approved,
        "spent": line.spent,
        "spent_more_than_approved": line.overspent,
        "explanation": line.overspend_note,
    }


class BudgetList(OpenData):
    @extend_schema(
        operation_id="budgets_list",
        summary="Budget lines of approved submissions: programmed, approved and spent amounts",
        parameters=[
            OpenApiParameter("year", int, description="One year; every year if absent."),
            OpenApiParameter(
                "agency", str, description="One agency's code (SEDENA); every agency if absent."
            ),
        ],
        responses={200: BudgetListSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        plan = plan_or_404(request)
        lines = (
            BudgetLine.objects.for_plan(plan)
            .approved()
            .select_related("line__goal", "submission__agency", "submission__reporting_year")
            .order_by(
                "submission__reporting_year__year",
                "line__goal__number",
                "line__number",
                "submission__agency__code",
                "pk",
            )
        )
        year = request.query_params.get("year")
        if year not in (None, ""):
            if not year.isdigit() or int(year) not in plan.years:
                return Response(
                    {
                        "error": _("%(value)s is not a year of the plan (%(start)s-%(end)s).")
                        % {"value": year[:10], "start": plan.start_year, "end": plan.end_year}
                    },
                    status=400,
                )
            lines = lines.filter(submission__reporting_year__year=int(year))
        agency = request.query_params.get("agency")
        if agency not in (None, ""):
            lines = lines.filter(submission__agency__code=agency.upper()[:20])
        data = {
            "plan": plan.code,
            "currency": plan.country.currency,
            "license": settings.OPEN_DATA_LICENSE,
            "budgets": [_row(line) for line in lines],
        }
        return Response(BudgetListSerializer(data).data)
