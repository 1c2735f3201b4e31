"""What every model of the plan shares: texts in two languages with a note on the source, and
one way to scope a query to a plan."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nap1325.i18n import TranslatedField

# Codes that appear in addresses (/plans/MX-PNA1325-2021/): letters, digits and hyphens.
URL_CODE = r"[A-Za-z0-9][A-Za-z0-9-]*"
url_code_validator = RegexValidator(
    rf"^{URL_CODE}\Z",
    _("Use letters, digits and hyphens only, starting with a letter or a digit."),
)


class Bilingual(models.Model):
    source_note_es = models.TextField(
        _("note on the source (Spanish)"),
        blank=True,
        help_text=_("Where Annex 3 is unreadable, or the text was completed from another source."),
    )
    source_note_en = models.TextField(_("note on the source (English)"), blank=True)

    source_note = TranslatedField("source_note")

    class Meta:
        abstract = True


class PlanScopedQuerySet(models.QuerySet):
    """The one scoping point: every query for a plan's goals, indicators, years, submissions,
    ratings, introductions and reports goes through `for_plan(plan)`. Each model says, in
    `plan_field`, how its rows reach their plan."""

    plan_field = "plan"

    def for_plan(self, plan):
        return self.filter(**{self.plan_field: plan})


def scoped(plan_field):
    """The PlanScopedQuerySet of a model whose rows reach their plan through `plan_field`."""
    return type("PlanScopedQuerySet", (PlanScopedQuerySet,), {"plan_field": plan_field})


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
         (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


def roman(number):
    """1 -> I, 11 -> XI, 2024 -> MMXXIV."""
    text = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        text += letters * count
    return text
