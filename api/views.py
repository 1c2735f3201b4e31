"""Open data: the plans and their approved yearly values, read-only, for anyone. The OpenAPI
description is served at /api/schema/ and read at /api/."""

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboards.progress import Progress, Source, Status
from indicators.models import Plan, PlanRevision
from indicators.serializers import applied_revisions, plan_as_dict, revision_as_dict
from indicators.views import plan_or_404
from references.serializers import FrameworkListSerializer, frameworks_as_dict
from references.serializers import add_to_plan as add_references

from .serializers import ErrorSerializer, PlanListSerializer, PlanSerializer, ValuesSerializer

LANGUAGES = ("es", "en")


class OpenData(APIView):
    """Read-only, for anyone, from any origin."""

    authentication_classes = []
    permission_classes = []

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


def _plan(request, code):
    """The plan named in the address, or the plan of the request (the current one)."""
    return get_object_or_404(Plan, code=code) if code else plan_or_404(request)


class PlanList(OpenData):
    @extend_schema(
        operation_id="plans_list",
        summary="Every plan kept: code, names, period, version, current or not",
        responses=PlanListSerializer,
    )
    def get(self, request):
        current = Plan.objects.current()
        plans = Plan.objects.select_related("country").annotate(
            applied_revisions=Count(
                "revisions", filter=Q(revisions__status=PlanRevision.Status.APPLIED)
            )
        )
        data = {
            "license": settings.OPEN_DATA_LICENSE,
            "plans": [
                {
                    "code": plan.code,
                    "name": {lang: getattr(plan, f"name_{lang}") for lang in LANGUAGES},
                    "short_name": {lang: getattr(plan, f"short_name_{lang}") for lang in LANGUAGES},
                    "country": plan.country.code,
                    "start_year": plan.start_year,
                    "end_year": plan.end_year,
                    "version": plan.version,
                    "revisions": plan.applied_revisions,
                    "current": current is not None and plan.pk == current.pk,
                    "url": request.build_absolute_uri(reverse("api-plan-of", args=[plan.code])),
                }
                for plan in plans
            ],
        }
        return Response(PlanListSerializer(data).data)


class PlanDetail(OpenData):
    @extend_schema(
        operation_id="plan_retrieve",
        summary="A plan, whole: areas, goals, lines of action, indicators, targets, revisions",
        responses=PlanSerializer,
    )
    def get(self, request, code=None):
        plan = Plan.objects.with_structure().get(pk=_plan(request, code).pk)
        data = add_references(plan, plan_as_dict(plan))
        data["revisions"] = [revision_as_dict(r) for r in applied_revisions(plan)]
        data["license"] = settings.OPEN_DATA_LICENSE
        return Response(PlanSerializer(data).data)


class FrameworkList(OpenData):
    @extend_schema(
        operation_id="frameworks_list",
        summary="The global frameworks (S/2010/498, SDG 5 and 16), their items and sources, "
        "with the current plan's indicators linked to each",
        responses=FrameworkListSerializer,
    )
    def get(self, request):
        plan = request.plan if getattr(request, "plan", None) else None
        return Response(FrameworkListSerializer(frameworks_as_dict(plan)).data)


def _headline(figures):
    """The headline, from the Figure computed in each language, written in that language."""
    figure = figures["es"]
    if figure is None:
        return None
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = figures[language].text()
    return {
        "kind": figure.kind,
        "value": figure.chart() if figure.kind in ("count", "share") else figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "unit": {lang: figures[lang].unit for lang in LANGUAGES},
        "text": texts,
    }


class Values(OpenData):
    @extend_schema(
        operation_id="values_list",
        summary="Approved yearly values of a plan's indicators, with their statuses",
        parameters=[
            OpenApiParameter(
                "year", int, description="One year of the plan; all reported years if absent."
            )
        ],
        responses={200: ValuesSerializer, 400: ErrorSerializer},
    )
    def get(self, request, code=None):
        plan = _plan(request, code)
        progress = Progress(plan, source=Source.APPROVED)
        try:
            years = (
                [int(request.GET["year"])]
                if "year" in request.GET
                else [y for y in plan.years if y <= progress.latest_year]
            )
        except ValueError:
            return Response({"error": _("The year must be a number.")}, status=400)
        if any(y not in plan.years for y in years):
            return Response({"error": _outside(plan, years[0])}, status=400)
        values = []
        for indicator in progress.indicators.values():
            for year in years:
                by_language = {}
                for language in LANGUAGES:
                    with translation.override(language):
                        by_language[language] = progress.indicator(indicator, year)
                result = by_language["es"]
                c = result.combined
                values.append(
                    {
                        "indicator": indicator.code,
                        "year": year,
                        "agencies": list(c.agencies) if c else [],
                        "headline": _headline({k: v.figure for k, v in by_language.items()}),
                        "women": c.women if c else None,
                        "men": c.men if c else None,
                        "unsplit": c.unsplit if c and c.total is not None else None,
                        "total": c.total if c else None,
                        "numerator": c.numerator if c else None,
                        "denominator": c.denominator if c else None,
                        "share": float(c.share) if c and c.share is not None else None,
                        "yes": c.yes if c else None,
                        "status": result.status,
                        "results": [
                            {
                                "target": r_es.target.position if r_es.target else None,
                                "status": r_es.status,
                                "explanation": {"es": r_es.sentence, "en": r_en.sentence},
                            }
                            for r_es, r_en in zip(
                                result.results, by_language["en"].results, strict=True
                            )
                        ],
                    }
                )
        data = {
            "plan": plan.code,
            "license": settings.OPEN_DATA_LICENSE,
            "statuses": [s.value for s in Status],
            "values": values,
        }
        return Response(ValuesSerializer(data).data)


class CurrentPlanDetail(PlanDetail):
    """/api/plan/: the current plan, as /api/plans/<code>/ answers for any plan."""

    @extend_schema(
        operation_id="current_plan_retrieve",
        summary="The current plan, whole",
        responses=PlanSerializer,
    )
    def get(self, request):
        return super().get(request)


class CurrentValues(Values):
    """/api/values/: the current plan's values."""

    @extend_schema(
        operation_id="current_values_list",
        summary="Approved yearly values of the current plan",
        parameters=[OpenApiParameter("year", int, description="One year of the plan.")],
        responses={200: ValuesSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        return super().get(request)


def _outside(plan, year):
    error = _("The plan %(code)s covers %(start)s to %(end)s.") % {
        "code": plan.code,
        "start": plan.start_year,
        "end": plan.end_year,
    }
    other = Plan.objects.filter(start_year__lte=year, end_year__gte=year).first()
    if other is not None:
        error += " " + _("For %(year)s, see %(url)s.") % {
            "year": year,
            "url": reverse("api-values-of", args=[other.code]),
        }
    return error
