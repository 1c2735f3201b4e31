"""The open data's shapes, as DRF serializers: what the API writes passes through them, so the
OpenAPI description (drf-spectacular) and the answers cannot drift apart."""

from rest_framework import serializers

from references.serializers import FrameworkLinkSerializer, ReferenceSheetSerializer


class Bilingual(serializers.Serializer):
    es = serializers.CharField(allow_blank=True)
    en = serializers.CharField(allow_blank=True)


class TermsSerializer(serializers.Serializer):
    from_year = serializers.IntegerField()
    kind = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    comparison = serializers.CharField()
    counted = serializers.CharField()


class TargetSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    indicator = serializers.CharField(allow_null=True, help_text="The indicator that measures it.")
    kind = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    comparison = serializers.CharField()
    counted = serializers.CharField(help_text="all, women or men.")
    text = Bilingual()
    source_note = Bilingual()
    first_year = serializers.IntegerField(allow_null=True)
    last_year = serializers.IntegerField(allow_null=True)
    earlier_terms = TermsSerializer(many=True)


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    line_of_action = serializers.IntegerField(allow_null=True)
    measure = serializers.CharField(help_text="count, people_by_sex, share, yes_no or qualitative.")
    text = Bilingual()
    unit = Bilingual()
    institutions = serializers.ListField(child=serializers.CharField())
    source_note = Bilingual()
    first_year = serializers.IntegerField(allow_null=True)
    last_year = serializers.IntegerField(allow_null=True)
    reference_sheet = ReferenceSheetSerializer(
        allow_null=True, required=False, help_text="The indicator's reference sheet."
    )
    frameworks = FrameworkLinkSerializer(
        many=True, required=False, help_text="The global framework items it is linked to."
    )


class NumberedText(serializers.Serializer):
    number = serializers.IntegerField()
    text = Bilingual()
    source_note = Bilingual()


class ActivitySerializer(serializers.Serializer):
    numeral = serializers.CharField()
    text = Bilingual()
    source_note = Bilingual()


class GoalSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = Bilingual()
    source_note = Bilingual()
    lines_of_action = NumberedText(many=True)
    activities = ActivitySerializer(many=True)
    indicators = IndicatorSerializer(many=True)
    targets = TargetSerializer(many=True)


class AreaSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = Bilingual()
    description = Bilingual()
    goals = GoalSerializer(many=True)


class ChangeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    target = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    goal = serializers.IntegerField(allow_null=True)
    indicator = serializers.CharField(allow_null=True)
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class RevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    from_year = serializers.IntegerField()
    reason = serializers.CharField()
    applied_by = serializers.CharField(allow_blank=True)
    applied_at = serializers.CharField(allow_null=True)
    changes = ChangeSerializer(many=True)


class PlanSerializer(serializers.Serializer):
    code = serializers.CharField()
    country = serializers.CharField()
    name = Bilingual()
    short_name = Bilingual()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    version = serializers.CharField(allow_blank=True)
    published_on = serializers.CharField(allow_null=True)
    source_note = Bilingual()
    areas = AreaSerializer(many=True)
    revisions = RevisionSerializer(many=True)
    license = serializers.CharField()


class PlanSummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = Bilingual()
    short_name = Bilingual()
    country = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    version = serializers.CharField(allow_blank=True)
    revisions = serializers.IntegerField(help_text="Revisions applied.")
    current = serializers.BooleanField()
    url = serializers.URLField()


class PlanListSerializer(serializers.Serializer):
    license = serializers.CharField()
    plans = PlanSummarySerializer(many=True)


class HeadlineSerializer(serializers.Serializer):
    """The figure that stands for the value and is compared with the target."""

    kind = serializers.CharField(help_text="count, share, yes_no or text.")
    value = serializers.JSONField(help_text="A number (a percentage for a share), yes/no or text.")
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    unit = Bilingual()
    text = Bilingual(help_text="As written in each language: 39.1 % (9 de 23).")


class ResultSerializer(serializers.Serializer):
    target = serializers.IntegerField(allow_null=True, help_text="The target's position.")
    status = serializers.CharField()
    explanation = Bilingual()


class ValueSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    agencies = serializers.ListField(child=serializers.CharField())
    headline = HeadlineSerializer(allow_null=True)
    women = serializers.IntegerField(allow_null=True)
    men = serializers.IntegerField(allow_null=True)
    unsplit = serializers.IntegerField(
        allow_null=True, help_text="People counted in the total without a split by sex."
    )
    total = serializers.IntegerField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True, help_text="A percentage.")
    yes = serializers.BooleanField(allow_null=True)
    status = serializers.CharField()
    results = ResultSerializer(many=True)


class ValuesSerializer(serializers.Serializer):
    plan = serializers.CharField()
    license = serializers.CharField()
    statuses = serializers.ListField(child=serializers.CharField())
    values = ValueSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()
