"""What an agency programmes, gets approved and spends for each line of action in a year: the
budget lines of its yearly submission (the plan's section VI: each institution programmes the
financial resources its actions need). Amounts are in the plan's country's currency
(`places.Country.currency`); an empty amount is unknown, which is not the same as 0."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import audited_history
from core.fields import BoundedTextField, TextLineField
from indicators.models import LineOfAction, scoped
from reporting.models import Submission

# No single line of a national plan comes near a trillion (Mexico's whole federal budget is
# about nine); a larger figure is a typing or a spreadsheet mistake.
MAX_AMOUNT = Decimal("999999999999.99")


class AmountField(models.DecimalField):
    """An amount of money, from 0 to MAX_AMOUNT, with cents; empty when unknown."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "validators",
            [
                MinValueValidator(
                    Decimal(0), message=_("An amount cannot be negative: enter 0 or more.")
                ),
                MaxValueValidator(
                    MAX_AMOUNT, message=_("This amount is too large: check the figure.")
                ),
            ],
        )
        super().__init__(verbose_name, **kwargs)


class BudgetLineQuerySet(scoped("submission__reporting_year__plan")):
    def approved(self):
        """What the public may read: lines of approved submissions only."""
        return self.filter(submission__status=Submission.Status.APPROVED)

    def of_year(self, year):
        return self.filter(submission__reporting_year__year=year)


class BudgetLine(models.Model):
    """One amount line of an agency's budget for a line of action in a year."""

    class Source(models.TextChoices):
        OWN = "own", _("Own budget")
        COOPERATION = "cooperation", _("International cooperation")

    class Marker(models.IntegerChoices):
        # The OECD DAC gender-equality policy marker, as the DAC defines its three scores.
        NOT_TARGETED = 0, _("0 — not targeted")
        SIGNIFICANT = 1, _("1 — significant (gender equality is an important objective)")
        PRINCIPAL = 2, _("2 — principal (gender equality is the main objective)")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="budget_lines"
    )
    line = models.ForeignKey(
        LineOfAction,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("line of action"),
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.OWN
    )
    partner = TextLineField(
        _("cooperation partner"),
        max_length=200,
        blank=True,
        help_text=_("Required for international cooperation: who provides the funds."),
    )
    programme_key = TextLineField(
        _("budget programme key"),
        max_length=40,
        blank=True,
        help_text=_(
            "Optional: the budget programme, e.g. one of Annex 13 for equality between women "
            "and men (P-019)."
        ),
    )
    marker = models.PositiveSmallIntegerField(
        _("gender equality marker (OECD DAC)"), choices=Marker.choices
    )
    programmed = AmountField(_("programmed"))
    approved = AmountField(_("approved"))
    spent = AmountField(_("spent"))
    overspend_note = BoundedTextField(
        _("why more was spent than approved"),
        blank=True,
        help_text=_("Required when the amount spent is greater than the amount approved."),
    )
    # Bumped by every save: an edit opened before another person's save is refused, not lost.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = audited_history()
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["line__goal__number", "line__number", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(programmed__isnull=True) | models.Q(programmed__gte=0))
                & (models.Q(approved__isnull=True) | models.Q(approved__gte=0))
                & (models.Q(spent__isnull=True) | models.Q(spent__gte=0)),
                name="budget_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="cooperation") | ~models.Q(partner=""),
                name="budget_cooperation_names_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(marker__in=[0, 1, 2]), name="budget_marker_0_1_2"
            ),
        ]

    def __str__(self):
        return f"{self.submission} {self.line.code} {self.get_source_display()}"

    @property
    def overspent(self):
        """Spent more than approved (both known): allowed, but it must be explained."""
        return self.spent is not None and self.approved is not None and self.spent > self.approved

    @property
    def source_label(self):
        if self.source == self.Source.COOPERATION:
            return f"{self.get_source_display()}: {self.partner}"
        return self.get_source_display()
