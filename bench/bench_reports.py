"""The annual report, every activity listed: the real 2022 year, and a year with 10,000
activities, in DOCX, PDF (Typst) and XLSX, each beside the bare library writing the same rows,
in one run. Targets (the issue's): 10,000 activities in at most 10 s for the PDF and 5 s for
the DOCX; the 2022 year in at most 1 s per format.

    .venv/bin/python bench/bench_reports.py [activities]
"""

import io
import json
import sys

from common import report, setup_django, timed

ACTIVITIES = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def add_activities(total):
    from indicators.models import LineOfAction
    from places.models import Region
    from reporting.models import Activity, Submission

    regions = list(Region.objects.filter(country__code="MX").order_by("code"))
    submissions = list(
        Submission.objects.filter(reporting_year__year=2022).select_related("agency")
    )
    lines = list(LineOfAction.objects.all())
    existing = Activity.objects.count()
    Activity.objects.bulk_create(
        [
            Activity(
                submission=submissions[n % len(submissions)],
                line=lines[n % len(lines)],
                reference=f"B-{n}",
                title=f"Taller de prevención de la violencia de género número {n}",
                start_date="2022-03-01",
                end_date="2022-03-02",
                region=regions[n % 32] if n % 3 else None,
                women=n % 40,
                men=n % 25,
                total=n % 40 + n % 25,
            )
            for n in range(total - existing)
        ],
        batch_size=2000,
    )
    return Activity.objects.count()


def table_rows(page):
    from reports.layout import TableBlock, printed

    return [
        [[printed(c) for c in row] for row in block.table.rows]
        for block in page.blocks
        if isinstance(block, TableBlock)
    ]


def bare_docx(tables):
    """python-docx's own API, one cell at a time."""
    from docx import Document

    document = Document()
    for rows in tables:
        if not rows:
            continue
        table = document.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    document.save(io.BytesIO())


def bare_typst(tables):
    """Typst's own table, the same rows, no styling."""
    import typst

    source = (
        "#let data = json(bytes(sys.inputs.data))\n"
        '#set text(font: "DejaVu Sans", size: 8pt)\n'
        "#for rows in data { table(columns: rows.at(0).len(), ..rows.flatten()) }\n"
    )
    path = "/tmp/bench-bare.typ"
    with open(path, "w") as file:
        file.write(source)
    typst.compile(path, sys_inputs={"data": json.dumps([t for t in tables if t])})


def bare_xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())


def measure(label, plan, repeat):
    from reports.docx import to_docx
    from reports.generator import build
    from reports.layout import layout
    from reports.pdf import to_pdf
    from reports.workbook import to_xlsx

    annual = build(plan, 2022)
    page = layout(annual)
    tables = table_rows(page)
    activities = annual.data_tables["activities"].data_rows
    print(
        f"{label}: {len(activities)} activities, every one listed "
        f"({sum(len(t) for t in tables)} table rows in the DOCX and PDF)"
    )
    return [
        (f"{label}: gather the year (generator)", *timed(lambda: build(plan, 2022), repeat)),
        (f"{label}: lay it out (blocks)", *timed(lambda: layout(annual), repeat)),
        (f"{label}: DOCX", *timed(lambda: to_docx(page), repeat)),
        (f"{label}:   bare python-docx, same rows", *timed(lambda: bare_docx(tables), repeat)),
        (f"{label}: PDF (Typst)", *timed(lambda: to_pdf(page), repeat)),
        (f"{label}:   bare Typst table, same rows", *timed(lambda: bare_typst(tables), repeat)),
        (f"{label}: XLSX", *timed(lambda: to_xlsx(annual, page), repeat)),
        (f"{label}:   bare openpyxl, activity rows", *timed(lambda: bare_xlsx(activities), repeat)),
    ]


def main():
    setup_django()
    from django.core.management import call_command
    from django.utils import translation

    from indicators.models import Plan

    translation.activate("es")
    call_command("loaddata", "data_2022", verbosity=0)
    plan = Plan.objects.get()
    results = measure("2022", plan, repeat=5)
    add_activities(ACTIVITIES)
    results += measure(f"{ACTIVITIES:,} activities", plan, repeat=3)
    report(results)


if __name__ == "__main__":
    main()
