"""The working group's own words in a year's report: the introduction and the conclusions, in
Spanish and English, each versioned so that a text saved over someone else's later one is a
conflict shown side by side."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField, audited_history
from core.fields import NARRATIVE_LENGTH, BoundedTextField
from indicators.models import scoped

# A blank line (spaces allowed) between two paragraphs, as people type them.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def paragraphs(text):
    """The paragraphs of a text as the report prints them: separated by blank lines, each one
    trimmed; a single line break stays inside its paragraph."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [part.strip() for part in PARAGRAPH_BREAK.split(text) if part.strip()]


class YearText(models.Model):
    """What the introduction and the conclusions share: a year, who saved it last, a version."""

    year = models.PositiveSmallIntegerField(_("year"))
    updated_by = ActorField(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Bumped by every save: a text saved over someone else's later one is a conflict.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = models.Manager.from_queryset(scoped("plan"))()

    class Meta:
        abstract = True
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def text(self, language):
        """The text in the report's language; the Spanish one where the English is missing."""
        return self.text_en if language == "en" and self.text_en else self.text_es


class ReportIntroduction(YearText):
    """The introduction the working group writes for a year's report."""

    plan = models.ForeignKey(
        "indicators.Plan", on_delete=models.CASCADE, related_name="introductions"
    )
    text_es = BoundedTextField(_("introduction (Spanish)"), blank=True, max_length=NARRATIVE_LENGTH)
    text_en = BoundedTextField(_("introduction (English)"), blank=True, max_length=NARRATIVE_LENGTH)

    history = audited_history()

    class Meta(YearText.Meta):
        verbose_name = _("report introduction")
        verbose_name_plural = _("report introductions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="introduction_one_per_plan_year")
        ]


class ReportConclusion(YearText):
    """The conclusions the working group writes for a year's report."""

    plan = models.ForeignKey(
        "indicators.Plan", on_delete=models.CASCADE, related_name="conclusions"
    )
    text_es = BoundedTextField(_("conclusions (Spanish)"), blank=True, max_length=NARRATIVE_LENGTH)
    text_en = BoundedTextField(_("conclusions (English)"), blank=True, max_length=NARRATIVE_LENGTH)

    history = audited_history()

    class Meta(YearText.Meta):
        verbose_name = _("report conclusions")
        verbose_name_plural = _("report conclusions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="conclusion_one_per_plan_year")
        ]
