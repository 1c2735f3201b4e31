"""A plan's country and its subnational regions, as reference data.

Mexico reports by federal entity (32, by their INEGI code); another country has provinces,
departments or regions. They are rows, loaded from a fixture per country and kept in the admin,
never choices in code. The country also names them in its own words ("Entidad federativa").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import audited_history
from nap1325.i18n import TranslatedField


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    code = models.CharField(
        _("code"), max_length=3, unique=True, help_text=_("ISO 3166-1 code (MX).")
    )
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    region_label_es = models.CharField(
        _("what a region is called (Spanish)"), max_length=60, default="Región"
    )
    region_label_en = models.CharField(
        _("what a region is called (English)"), max_length=60, default="Region", blank=True
    )
    # The plan's amounts (budgets) are in the country's currency: one per country, never mixed.
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="MXN",
        help_text=_("ISO 4217 code of the currency the plan's budgets are in (MXN)."),
    )

    name = TranslatedField("name")
    region_label = TranslatedField("region_label")
    history = audited_history()
    objects = CountryManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class RegionManager(models.Manager):
    def get_by_natural_key(self, country_code, code):
        return self.get(country__code=country_code, code=code)


class Region(models.Model):
    """A subnational region where activities take place. Proper names are not translated."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="regions", verbose_name=_("country")
    )
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)

    history = audited_history()
    objects = RegionManager()

    class Meta:
        ordering = ["country__code", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="region_code_unique_in_country"
            ),
            models.UniqueConstraint(
                fields=["country", "name"], name="region_name_unique_in_country"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.country.code, self.code)

    natural_key.dependencies = ["places.country"]
