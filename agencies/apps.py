from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies and people")

    def ready(self):
        from .roles import ensure_role_groups

        # After every migrate (permissions exist by then): the role groups and their permissions.
        post_migrate.connect(ensure_role_groups, dispatch_uid="agencies.ensure_role_groups")
