from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who did what, kept as text so that deleting an account erases no attribution."""

    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .baseline import record_baseline
        from .people import forget_names

        user = get_user_model()
        post_save.connect(forget_names, sender=user, dispatch_uid="audit.forget_names_save")
        post_delete.connect(forget_names, sender=user, dispatch_uid="audit.forget_names_delete")
        post_migrate.connect(record_baseline, sender=self, dispatch_uid="audit.record_baseline")
