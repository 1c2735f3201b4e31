"""The report's layout as a PDF, typeset by Typst (the `typst` package).

Why Typst: a year with 10,000 activities, every one listed, must render in at most 10 s on a
2-core machine. WeasyPrint, the earlier engine, needed about 45 s for it (and 5.5 s for 640
rows); Typst compiles the same 10,000-row table in about 5 s and the 2022 report well under a
second (`bench/bench_reports.py` measures both beside the bare libraries). Every text goes to
the Typst template as JSON data, never as markup, so nothing an agency types can change the
document."""

import json
from pathlib import Path

import typst
from django.utils.translation import gettext as _

from .layout import (
    Bullets,
    ChartBlock,
    Cover,
    Heading,
    KeyFigures,
    PageBreak,
    Paragraph,
    TableBlock,
    fitted_widths,
    printed,
)

TEMPLATE = Path(__file__).parent / "typst" / "report.typ"
REGIONS = {"es": "MX", "en": "US"}


def _block(block):
    if isinstance(block, PageBreak):
        return {"kind": "pagebreak"}
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": printed(block.text)}
    if isinstance(block, Paragraph):
        return {
            "kind": "paragraph",
            "style": block.style,
            "label": block.label,
            "text": printed(block.text),
        }
    if isinstance(block, Bullets):
        return {"kind": "bullets", "items": [printed(i) for i in block.items]}
    if isinstance(block, KeyFigures):
        return {
            "kind": "figures",
            "figures": [
                {"value": f.value, "label": f.label, "detail": f.detail} for f in block.figures
            ],
        }
    if isinstance(block, TableBlock):
        table = block.table
        return {
            "kind": "table",
            "level": block.level,
            "title": table.title,
            "columns": [str(c.header) for c in table.columns],
            "numeric": [c.numeric for c in table.columns],
            "widths": fitted_widths(table),
            "rows": [[printed(cell) for cell in row] for row in table.rows],
            "total": [printed(cell) for cell in table.total] if table.total else None,
            "note": table.note,
        }
    if isinstance(block, ChartBlock):
        chart = block.chart
        return {
            "kind": "chart",
            "title": chart.title,
            "svg": chart.svg,
            "description": chart.description,
        }
    raise TypeError(block)


def _cover(cover):
    return {
        "kicker": cover.kicker,
        "title": cover.title,
        "subtitle": cover.subtitle,
        "lines": cover.lines,
        "agencies": cover.agencies,
        "institutions": _("Institutions"),
        "generated": cover.generated,
        "notice": cover.notice,
    }


def to_pdf(page):
    """PDF bytes of a report's layout (`layout.layout(report)`)."""
    cover = next(block for block in page.blocks if isinstance(block, Cover))
    data = {
        "title": page.title,
        "lang": page.language,
        "region": REGIONS.get(page.language, ""),
        "header": page.running_header,
        "notice": page.notice,
        "page_of": _("Page {page} of {pages}"),
        "cover": _cover(cover),
        "blocks": [_block(b) for b in page.blocks if not isinstance(b, Cover)],
    }
    return typst.compile(str(TEMPLATE), sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
