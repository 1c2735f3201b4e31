"""The "Fichas técnicas" document: every indicator's reference sheet and global framework links,
laid out with the annual report's own blocks and DOCX renderer so both read alike."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import formatting
from reports.docx import to_docx
from reports.layout import Cover, Layout, PageBreak, references_annex

from .report import gather


def sheets_docx(plan, language=None):
    """(DOCX bytes, file name) in `language` (the active one by default)."""
    language = language or translation.get_language() or "es"
    language = language.split("-")[0]
    with translation.override(language):
        title = _("Indicator reference sheets")
        page = Layout(
            language=language,
            title=title,
            running_header=f"{plan.short_name} · {title}",
            notice="",
        )
        page.add(
            Cover(
                kicker=plan.short_name,
                title=title,
                subtitle=plan.name,
                lines=[plan.country.name],
                agencies=[],
                generated=_("Generated on %(date)s.")
                % {"date": formatting.local_datetime(timezone.now())},
                notice="",
            ),
            PageBreak(),
        )
        references_annex(page, gather(plan))
        name = _("reference-sheets-%(plan)s.docx") % {"plan": plan.code}
        return to_docx(page), name
