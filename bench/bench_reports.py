"""The annual report of a year with 10,000 activities: DOCX, PDF and XLSX build times, each beside
the bare library (python-docx, WeasyPrint, openpyxl) writing the same rows, in one run.

    .venv/bin/python bench/bench_reports.py [activities]
"""

import io
import sys
import time

from common import report, setup_django, timed

from places.models import Region

ACTIVITIES = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def build_data():
    regions = list(Region.objects.filter(country__code="MX").order_by("code"))
    from django.core.management import call_command

    from indicators.models import LineOfAction
    from reporting.models import Activity, Submission

    call_command("loaddata", "data_2022", verbosity=0)
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
                title=f"Taller de prevención de la violencia de género número {n}",
                start_date="2022-03-01",
                end_date="2022-03-02",
                region=regions[n % 32],
                women=n % 40,
                men=n % 25,
                total=n % 40 + n % 25,
            )
            for n in range(ACTIVITIES - existing)
        ],
        batch_size=2000,
    )
    return Activity.objects.count()


def bare_docx(tables):
    from docx import Document

    document = Document()
    for rows in tables:
        table = document.add_table(rows=1, cols=len(rows[0]))
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = str(value)
    document.save(io.BytesIO())


def bare_pdf(tables):
    from weasyprint import HTML

    body = "".join(
        "<table>"
        + "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
        + "</table>"
        for rows in tables
    )
    HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def bare_xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())


def tables_of(annual):
    """The rows the DOCX and PDF lay out: activity tables, indicator tables, the summary."""
    tables = []
    for _area, goals in annual.areas:
        for goal in goals:
            for line in goal.lines:
                if line.activities:
                    tables.append(
                        [[a.title, a.agency, a.women, a.men, a.total] for a in line.activities]
                    )
                if line.indicators:
                    tables.append(
                        [
                            [r.indicator.code, r.targets, r.value, r.cumulative, r.status_label]
                            for r in line.indicators
                        ]
                    )
    tables.append(
        [
            [r.indicator.code, r.targets, r.previous, r.value, r.status_label, r.explanation]
            for r in annual.summary
        ]
    )
    return tables


def main():
    setup_django()
    from django.utils import translation

    from indicators.models import Plan
    from reports.formatters import to_docx, to_pdf, to_xlsx
    from reports.generator import build

    count = build_data()
    print(f"Year 2022 with {count} activities")
    translation.activate("es")
    annual = build(Plan.objects.get(), 2022)
    everything = build(Plan.objects.get(), 2022, all_activities=True)
    rows = [
        (
            a.line,
            a.agency,
            a.title,
            a.indicator,
            a.start,
            a.end,
            a.entity,
            a.quantity,
            a.women,
            a.men,
            a.total,
        )
        for a in annual.activities
    ]
    shown = sum(
        len(line.activities) for _a, goals in annual.areas for g in goals for line in g.lines
    )
    print(
        f"DOCX/PDF list {shown} activity rows (at most 40 per line of action); "
        f"XLSX lists {len(rows)}"
    )
    results = [
        (
            "gather the year's data (generator)",
            *timed(lambda: build(Plan.objects.get(), 2022), repeat=5),
        ),
        ("DOCX (python-docx)", *timed(lambda: to_docx(annual), repeat=5)),
        ("  bare python-docx, same rows", *timed(lambda: bare_docx(tables_of(annual)), repeat=5)),
        ("PDF (WeasyPrint)", *timed(lambda: to_pdf(annual), repeat=3)),
        ("  bare WeasyPrint, same rows", *timed(lambda: bare_pdf(tables_of(annual)), repeat=3)),
        ("XLSX (openpyxl)", *timed(lambda: to_xlsx(annual), repeat=5)),
        ("  bare openpyxl, same activity rows", *timed(lambda: bare_xlsx(rows), repeat=5)),
    ]
    start = time.perf_counter()
    to_docx(everything)
    all_docx = time.perf_counter() - start
    start = time.perf_counter()
    bare_docx(tables_of(everything))
    bare_all_docx = time.perf_counter() - start
    results += [
        ("DOCX listing every activity (--all-activities), 1 run", all_docx, all_docx),
        ("  bare python-docx, same rows, 1 run", bare_all_docx, bare_all_docx),
    ]
    report(results)


if __name__ == "__main__":
    main()
