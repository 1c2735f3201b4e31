"""What each indicator means and how it is measured (its reference sheet), and the global
yardsticks it is tied to: the Secretary-General's global indicators on resolution 1325
(S/2010/498) and the Sustainable Development Goals.

Frameworks and their items are reference data loaded by a migration from
`references/fixtures/frameworks.json`; each item says where its code and title came from, and a
title that was not at hand is left empty rather than written from memory. Sheets and the links
from indicators to framework items are edited by the working group, with their history.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField, audited_history
from core.fields import BoundedTextField, TextLineField
from indicators.models import Indicator
from nap1325.i18n import TranslatedField, active_language


class FrameworkManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Framework(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    short_name_es = models.CharField(_("short name (Spanish)"), max_length=40)
    short_name_en = models.CharField(_("short name (English)"), max_length=40)
    name_es = models.CharField(_("name (Spanish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    source = models.TextField(
        _("source"), help_text=_("Where its codes and titles came from: a document or address.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_name = TranslatedField("short_name")
    name = TranslatedField("name")
    objects = FrameworkManager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("global framework")
        verbose_name_plural = _("global frameworks")

    def __str__(self):
        return self.short_name

    def natural_key(self):
        return (self.code,)


class FrameworkItemQuerySet(models.QuerySet):
    def by_key(self, key):
        """An item by its key, "SDG:5.5.1": the form a filter puts in an address."""
        framework, _sep, code = (key or "").partition(":")
        return self.filter(framework__code=framework, code=code)


class FrameworkItemManager(models.Manager.from_queryset(FrameworkItemQuerySet)):
    def get_by_natural_key(self, framework_code, code):
        return self.get(framework__code=framework_code, code=code)


class FrameworkItem(models.Model):
    """A global indicator (or an SDG goal or target) that a plan's indicators may be tied to."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=20, help_text=_("As published: 5.5.1, 7."))
    group_es = models.CharField(_("group (Spanish)"), max_length=200, blank=True)
    group_en = models.CharField(
        _("group (English)"),
        max_length=200,
        blank=True,
        help_text=_("The pillar or goal it belongs to, as published."),
    )
    title_es = models.TextField(_("title (Spanish)"), blank=True)
    title_en = models.TextField(_("title (English)"), blank=True)
    title_source = models.TextField(
        _("source of the title"),
        blank=True,
        help_text=_("Where the published title was read, or why it is empty."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    group = TranslatedField("group")
    objects = FrameworkItemManager()

    class Meta:
        ordering = ["framework__position", "framework__code", "position", "code"]
        verbose_name = _("global framework item")
        verbose_name_plural = _("global framework items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="framework_item_code_unique")
        ]

    def __str__(self):
        return f"{self.framework.short_name} {self.code}"

    def natural_key(self):
        return (self.framework.code, self.code)

    natural_key.dependencies = ["references.framework"]

    @property
    def title(self):
        """The published title in the active language; else the one published in the other
        (most were published in English only); empty where none was at hand."""
        own = getattr(self, f"title_{active_language()}", "")
        return own or self.title_en or self.title_es

    @property
    def key(self):
        return f"{self.framework.code}:{self.code}"

    @property
    def label(self):
        """ "ODS 5.5.1 Proportion of seats..." or, without a title at hand, the code alone."""
        return f"{self} {self.title}".strip()


def _text(verbose_name, **kwargs):
    return BoundedTextField(verbose_name, blank=True, **kwargs)


class ReferenceSheet(models.Model):
    """An indicator's reference sheet (ficha técnica). The unit, the institutions in charge and
    the revisions that changed the indicator are read from the plan itself, not copied here."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="reference_sheet"
    )
    definition_es = _text(_("definition (Spanish)"))
    definition_en = _text(_("definition (English)"))
    calculation_es = _text(
        _("how it is measured (Spanish)"),
        help_text=_("The count, or the numerator and the denominator of a share."),
    )
    calculation_en = _text(_("how it is measured (English)"))
    disaggregation_es = _text(_("disaggregation (Spanish)"))
    disaggregation_en = _text(_("disaggregation (English)"))
    data_source_es = _text(_("data source (Spanish)"))
    data_source_en = _text(_("data source (English)"))
    verification_es = _text(_("means of verification (Spanish)"))
    verification_en = _text(_("means of verification (English)"))
    frequency_es = TextLineField(_("frequency (Spanish)"), max_length=120, blank=True)
    frequency_en = TextLineField(_("frequency (English)"), max_length=120, blank=True)
    baseline_value = TextLineField(
        _("baseline value"),
        max_length=120,
        blank=True,
        help_text=_("As the source states it; empty when the plan states none."),
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    limitations_es = _text(_("known limitations (Spanish)"))
    limitations_en = _text(_("known limitations (English)"))
    sources_es = _text(
        _("where this sheet's content comes from (Spanish)"),
        help_text=_("The documents the sheet was filled in from."),
    )
    sources_en = _text(_("where this sheet's content comes from (English)"))
    updated_by = ActorField(_("last changed by"))
    updated_at = models.DateTimeField(_("last changed on"), auto_now=True)

    definition = TranslatedField("definition")
    calculation = TranslatedField("calculation")
    disaggregation = TranslatedField("disaggregation")
    data_source = TranslatedField("data_source")
    verification = TranslatedField("verification")
    frequency = TranslatedField("frequency")
    limitations = TranslatedField("limitations")
    sources = TranslatedField("sources")
    history = audited_history(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["indicator__goal__number", "indicator__position"]
        verbose_name = _("reference sheet")
        verbose_name_plural = _("reference sheets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(baseline_year__isnull=True)
                | models.Q(baseline_year__gte=1900, baseline_year__lte=2100),
                name="reference_sheet_baseline_year_plausible",
            )
        ]

    def __str__(self):
        return f"{self.indicator.code}"


class FrameworkLink(models.Model):
    """An indicator of a plan tied to a global framework item, with an optional note. A link
    loaded with the plan is a proposal until the working group confirms it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="framework_links"
    )
    item = models.ForeignKey(
        FrameworkItem,
        on_delete=models.PROTECT,
        related_name="links",
        verbose_name=_("global framework item"),
    )
    note_es = _text(_("note (Spanish)"))
    note_en = _text(_("note (English)"))
    proposed = models.BooleanField(
        _("proposal"),
        default=False,
        help_text=_("A proposed link that the working group has not confirmed."),
    )
    created_by = ActorField(_("linked by"))

    note = TranslatedField("note")
    history = audited_history()

    class Meta:
        ordering = [
            "indicator__goal__number",
            "indicator__position",
            "item__framework__position",
            "item__position",
        ]
        verbose_name = _("link to a global framework")
        verbose_name_plural = _("links to global frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "item"], name="framework_link_unique_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} → {self.item}"
