from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    DOCX = "docx", _("Word document (DOCX)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Data workbook (XLSX)")


def report_filename(plan, year, language, fmt, final, version=None):
    """informe-MX-PNA1325-2021-2022-es-final.pdf: from the plan's code, in the report's language;
    a published version says which one (…-2022-es-v2.pdf), a preview says "borrador"."""
    words = {"es": ("informe", "final", "borrador"), "en": ("report", "final", "draft")}
    report, final_word, draft_word = words.get(language, words["es"])
    kind = final_word if final else draft_word
    if final and version:
        kind = f"v{version}"
    return f"{report}-{plan.code}-{year}-{language}-{kind}.{fmt}"
