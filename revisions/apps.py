from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    """The review of a plan: revisions that change it from a year on, earlier years intact."""

    name = "revisions"
    verbose_name = _("Revisions of the plan")
