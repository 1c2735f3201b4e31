"""The dashboards' "global framework" filter: the goals and indicators linked to one item."""

from django.utils.translation import gettext as _

from .models import FrameworkItem, FrameworkLink


def linked_items(plan):
    """The framework items some indicator of `plan` is linked to, as filter choices (one query)."""
    items = (
        FrameworkItem.objects.filter(links__indicator__plan=plan)
        .select_related("framework")
        .distinct()
    )
    return [(item.key, f"{item} — {item.title or _('title not at hand')}") for item in items]


def item_by_key(key):
    return FrameworkItem.objects.by_key(key).select_related("framework").first()


def linked_indicator_ids(item, plan):
    """The ids of `plan`'s indicators linked to `item` (one query)."""
    return set(
        FrameworkLink.objects.filter(item=item, indicator__plan=plan).values_list(
            "indicator_id", flat=True
        )
    )
