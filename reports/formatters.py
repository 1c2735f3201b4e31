"""The report's formats: each renders the report's one layout (`layout.layout`), so every
format has the same sections, labels and order. They only lay out; every figure, status and
sentence comes from the generator."""

from django.utils import translation

from core import spreadsheets

from .docx import to_docx
from .layout import layout
from .models import Format
from .pdf import to_pdf
from .workbook import to_xlsx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(report, page):
    return to_docx(page)


def _pdf(report, page):
    return to_pdf(page)


FORMATTERS = {
    Format.DOCX: (_docx, DOCX_TYPE),
    Format.PDF: (_pdf, "application/pdf"),
    Format.XLSX: (to_xlsx, spreadsheets.XLSX_TYPE),
}


def render(report, fmt):
    """(bytes, content type) of the report in a format, in the report's language."""
    function, content_type = FORMATTERS[Format(fmt)]
    with translation.override(report.language):
        return function(report, layout(report)), content_type
