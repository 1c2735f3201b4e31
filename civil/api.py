"""Open data: the shadow assessments the working group has published, for anyone."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.serializers import Bilingual, ErrorSerializer
from api.views import LANGUAGES, OpenData
from dashboards.statuses import Status
from indicators.views import plan_or_404

from .models import ShadowAssessment


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    kind = serializers.CharField(help_text="ngo, academia or other.")
    website = serializers.CharField(allow_blank=True)


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField()
    at = serializers.DateTimeField()


class ShadowAssessmentSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    organisation = OrganisationSerializer()
    rating = serializers.CharField(
        allow_blank=True,
        help_text="On the official statuses' scale (achieved, on_track, behind, not_reported, "
        "needs_assessment); empty for a comment without rating.",
    )
    rating_label = Bilingual()
    justification = serializers.CharField(allow_blank=True)
    comment = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    answer = AnswerSerializer(allow_null=True, help_text="The working group's public answer.")


class ShadowAssessmentsSerializer(serializers.Serializer):
    plan = serializers.CharField()
    license = serializers.CharField()
    statuses = serializers.ListField(child=serializers.CharField())
    assessments = ShadowAssessmentSerializer(many=True)


def _label(rating):
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(Status(rating).label) if rating else ""
    return labels


class ShadowAssessmentList(OpenData):
    @extend_schema(
        operation_id="shadow_assessments_list",
        summary="Civil society's published comments and shadow ratings of indicators' results",
        parameters=[OpenApiParameter("year", int, description="One year of the plan.")],
        responses={200: ShadowAssessmentsSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        plan = plan_or_404(request)
        # Published only, whoever asks: the open data answers alike for everyone.
        published = ShadowAssessment.objects.for_plan(plan).published()
        if "year" in request.GET:
            try:
                year = int(request.GET["year"])
            except ValueError:
                return Response({"error": _("The year must be a number.")}, status=400)
            published = published.filter(year=year)
        published = published.select_related("organisation", "indicator").order_by(
            "year", "indicator__goal__number", "indicator__position", "organisation__name"
        )
        data = {
            "plan": plan.code,
            "license": settings.OPEN_DATA_LICENSE,
            "statuses": [s.value for s in Status],
            "assessments": [
                {
                    "indicator": a.indicator.code,
                    "year": a.year,
                    "organisation": {
                        "name": a.organisation.name,
                        "acronym": a.organisation.acronym,
                        "kind": a.organisation.kind,
                        "website": a.organisation.website,
                    },
                    "rating": a.rating,
                    "rating_label": _label(a.rating),
                    "justification": a.justification,
                    "comment": a.comment,
                    "published_at": a.moderated_at,
                    "answer": {"text": a.answer, "at": a.answered_at} if a.answer else None,
                }
                for a in published
            ],
        }
        return Response(ShadowAssessmentsSerializer(data).data)
