"""What every admin page of reference data shares: history with old and new values
(django-simple-history), import and export (django-import-export), and a delete confirmation
that never shows agencies' records.

Administrators keep reference data and accounts; an agency's yearly data (drafts included) is not
theirs to read. Django's delete confirmation lists every related record by its text, so deleting a
line of action would show the titles of draft activities that point to it. Here such records are
counted, not named.
"""

from django.contrib.admin.utils import NestedObjects, quote
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin


def deleted_objects_without_their_text(objs, request, admin_site):
    """Django's get_deleted_objects, except that a record the admin does not manage (an agency's
    activity, figure, evidence...) is shown by its kind only."""
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def describe(obj):
        opts = obj._meta
        if not admin_site.is_registered(obj.__class__):
            return capfirst(opts.verbose_name)
        if not admin_site.get_model_admin(obj.__class__).has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=(quote(obj.pk),),
            )
        except NoReverseMatch:
            return f"{capfirst(opts.verbose_name)}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    to_delete = collector.nested(describe)
    protected = [describe(obj) for obj in collector.protected]
    counts = {
        model._meta.verbose_name_plural: len(found) for model, found in collector.model_objs.items()
    }
    return to_delete, counts, perms_needed, protected


class ReferenceAdmin(SimpleHistoryAdmin, ImportExportModelAdmin):
    """The admin of reference data (the plan, agencies): history, import/export, and delete
    confirmations that count agencies' records instead of listing them."""

    def get_deleted_objects(self, objs, request):
        return deleted_objects_without_their_text(objs, request, self.admin_site)
