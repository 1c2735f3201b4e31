from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    DOCX = "docx", _("Word document (DOCX)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Data workbook (XLSX)")


class ReportIntroduction(models.Model):
    """The introduction the working group writes for a year's report."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    text_es = models.TextField(_("introduction (Spanish)"), blank=True)
    text_en = models.TextField(_("introduction (English)"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("report introduction")
        verbose_name_plural = _("report introductions")

    def __str__(self):
        return str(self.year)


class PublishedReport(models.Model):
    """A final report as it was generated: the file and the data it was built from, so that it
    can be downloaded again unchanged after later corrections."""

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    content = models.BinaryField(_("file"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    data = models.JSONField(_("data used"))
    created_at = models.DateTimeField(_("generated at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")

    def __str__(self):
        return f"{self.year} {self.language} {self.format} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def filename(self):
        return report_filename(self.year, self.language, self.format, final=True)


def report_filename(year, language, fmt, final):
    kind = "final" if final else "borrador"
    return f"informe-pna1325-{year}-{language}-{kind}.{fmt}"
