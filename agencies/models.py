from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import audited_history
from nap1325.i18n import TranslatedField

# Agency codes appear in addresses: what the URL converter accepts, the model requires.
AGENCY_CODE = r"[A-Za-z0-9][A-Za-z0-9-]*"
agency_code_validator = RegexValidator(
    rf"^{AGENCY_CODE}\Z",
    _("Use letters, digits and hyphens only, starting with a letter or a digit."),
)


class AgencyQuerySet(models.QuerySet):
    def in_charge_of(self, plan):
        """The agencies (and partners) in charge of at least one indicator of `plan`: the one
        definition of "the plan's agencies", for pages, filters and reports."""
        return self.filter(responsibilities__indicator__plan=plan).distinct()

    def implementing(self):
        return self.filter(kind=Agency.Kind.IMPLEMENTING)


class AgencyManager(models.Manager.from_queryset(AgencyQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Agency(models.Model):
    """A government institution in charge of the plan, or a partner such as UN Women."""

    class Kind(models.TextChoices):
        IMPLEMENTING = "implementing", _("Implementing agency")
        PARTNER = "partner", _("Partner organization")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[agency_code_validator],
        help_text=_("Used in addresses (/reporting/2023/SEDENA/): letters, digits and hyphens."),
    )
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    coordinates_plan = models.BooleanField(
        _("coordinates the plan"),
        default=False,
        help_text=_("The agency that coordinates the inter-agency working group (SRE)."),
    )

    name = TranslatedField("name")
    history = audited_history()
    objects = AgencyManager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["coordinates_plan"],
                condition=models.Q(coordinates_plan=True),
                name="agency_single_coordinator",
            ),
        ]
        permissions = [
            ("enter_agency_data", _("Can enter and submit the data of one's own agency")),
            ("review_all_agencies", _("Can read and review every agency's submissions")),
        ]

    def __str__(self):
        return self.code

    def natural_key(self):
        return (self.code,)


class SubUnitManager(models.Manager):
    def get_by_natural_key(self, agency_code, code):
        return self.get(agency__code=agency_code, code=code)


class SubUnit(models.Model):
    """A body that reports through an agency, such as CECOPAM under SEDENA."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="subunits", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=30)
    name_es = models.CharField(_("name (Spanish)"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)

    name = TranslatedField("name")
    history = audited_history()
    objects = SubUnitManager()

    class Meta:
        ordering = ["agency__code", "code"]
        verbose_name = _("sub-unit")
        verbose_name_plural = _("sub-units")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="subunit_code_unique_in_agency")
        ]

    def __str__(self):
        return f"{self.code} ({self.agency.code})"

    def natural_key(self):
        return (self.agency.code, self.code)

    natural_key.dependencies = ["agencies.agency"]


class Profile(models.Model):
    """What the app knows of a user beyond Django's auth: the agency a focal point works for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("agency"),
        help_text=_("Required for focal points: they see and change only this agency's data."),
    )

    history = audited_history()

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return f"{self.user} ({self.agency or '-'})"
