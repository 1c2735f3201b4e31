"""The reference sheet and global frameworks of an indicator, on the plan's indicator page."""

from django import template

from ..models import FrameworkLink, ReferenceSheet
from ..report import revisions_of, sheet_rows

register = template.Library()


@register.inclusion_tag("references/_on_indicator.html")
def reference_sheet(indicator):
    """Three queries: the sheet, the links with their items, the plan's revisions."""
    sheet = ReferenceSheet.objects.filter(indicator=indicator).first()
    return {
        "indicator": indicator,
        "sheet": sheet,
        "rows": sheet_rows(indicator, sheet, revisions_of(indicator)) if sheet else [],
        "links": FrameworkLink.objects.filter(indicator=indicator).select_related(
            "item__framework"
        ),
    }
