"""Reference sheets and global frameworks as open data: on each indicator of the plan API
(`reference_sheet`, `frameworks`) and as the list at /api/frameworks/. Texts in both languages."""

from collections import defaultdict

from rest_framework import serializers

from .models import Framework, FrameworkLink, ReferenceSheet
from .report import _applied_changes

LANGUAGES = ("es", "en")
SHEET_TEXTS = (
    "definition",
    "calculation",
    "disaggregation",
    "data_source",
    "verification",
    "frequency",
    "limitations",
    "sources",
)


class BilingualText(serializers.Serializer):
    es = serializers.CharField(allow_blank=True)
    en = serializers.CharField(allow_blank=True)


class ReferenceSheetSerializer(serializers.Serializer):
    definition = BilingualText()
    calculation = BilingualText(help_text="How it is measured: numerator and denominator.")
    disaggregation = BilingualText()
    data_source = BilingualText()
    verification = BilingualText(help_text="Means of verification.")
    frequency = BilingualText()
    baseline_value = serializers.CharField(allow_blank=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    limitations = BilingualText()
    sources = BilingualText(help_text="Where the sheet's content comes from.")
    revisions = serializers.ListField(
        child=serializers.IntegerField(), help_text="Numbers of the revisions that changed it."
    )
    updated_at = serializers.DateTimeField()


class FrameworkLinkSerializer(serializers.Serializer):
    framework = serializers.CharField(help_text="SG-1325 or SDG.")
    code = serializers.CharField(help_text="As published: 5.5.1.")
    title = BilingualText(help_text="Empty where the published title was not at hand.")
    note = BilingualText()
    proposed = serializers.BooleanField(help_text="A proposal the working group has not confirmed.")


class FrameworkItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    group = BilingualText()
    title = BilingualText()
    title_source = serializers.CharField(allow_blank=True)
    indicators = serializers.ListField(
        child=serializers.CharField(), help_text="The current plan's indicators linked to it."
    )


class FrameworkSerializer(serializers.Serializer):
    code = serializers.CharField()
    short_name = BilingualText()
    name = BilingualText()
    source = serializers.CharField(help_text="Where its codes and titles came from.")
    items = FrameworkItemSerializer(many=True)


class FrameworkListSerializer(serializers.Serializer):
    plan = serializers.CharField(allow_null=True)
    frameworks = FrameworkSerializer(many=True)


def _bilingual(obj, name):
    return {lang: getattr(obj, f"{name}_{lang}") for lang in LANGUAGES}


def sheet_as_dict(sheet, revisions):
    data = {name: _bilingual(sheet, name) for name in SHEET_TEXTS}
    data.update(
        baseline_value=sheet.baseline_value,
        baseline_year=sheet.baseline_year,
        revisions=revisions,
        updated_at=sheet.updated_at,
    )
    return data


def link_as_dict(link):
    return {
        "framework": link.item.framework.code,
        "code": link.item.code,
        "title": _bilingual(link.item, "title"),
        "note": _bilingual(link, "note"),
        "proposed": link.proposed,
    }


def add_to_plan(plan, data):
    """Each indicator of `data` (indicators.serializers.plan_as_dict) gets its sheet and its
    links: three queries for the whole plan."""
    sheets = {
        s.indicator.code: s
        for s in ReferenceSheet.objects.filter(indicator__plan=plan).select_related("indicator")
    }
    links = defaultdict(list)
    for link in FrameworkLink.objects.filter(indicator__plan=plan).select_related(
        "indicator", "item__framework"
    ):
        links[link.indicator.code].append(link_as_dict(link))
    revisions = defaultdict(list)
    for indicator_id, changes in _applied_changes(plan).items():
        revisions[indicator_id] = sorted({c.revision.number for c in changes})
    for area in data["areas"]:
        for goal in area["goals"]:
            for indicator in goal["indicators"]:
                sheet = sheets.get(indicator["code"])
                indicator["reference_sheet"] = (
                    None if sheet is None else sheet_as_dict(sheet, revisions[sheet.indicator_id])
                )
                indicator["frameworks"] = links[indicator["code"]]
    return data


def frameworks_as_dict(plan):
    linked = defaultdict(list)
    if plan is not None:
        for item_id, code in (
            FrameworkLink.objects.filter(indicator__plan=plan)
            .order_by("indicator__goal__number", "indicator__position")
            .values_list("item_id", "indicator__code")
        ):
            linked[item_id].append(code)
    return {
        "plan": plan.code if plan is not None else None,
        "frameworks": [
            {
                "code": framework.code,
                "short_name": _bilingual(framework, "short_name"),
                "name": _bilingual(framework, "name"),
                "source": framework.source,
                "items": [
                    {
                        "code": item.code,
                        "group": _bilingual(item, "group"),
                        "title": _bilingual(item, "title"),
                        "title_source": item.title_source,
                        "indicators": linked[item.pk],
                    }
                    for item in framework.items.all()
                ],
            }
            for framework in Framework.objects.prefetch_related("items")
        ],
    }
