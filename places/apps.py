from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Countries and their subnational regions (Mexico's 32 federal entities), as data."""

    name = "places"
    verbose_name = _("Countries and regions")
