"""Importing 10,000 activity rows from the XLSX template, beside a baseline that reads the same
file with openpyxl in read-only mode and inserts with bulk_create, in one run. The import should
stay within three times the baseline.

    .venv/bin/python bench/bench_import.py [rows]
"""

import datetime
import io
import sys

from common import report, setup_django, timed

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def main():
    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation
    from openpyxl import load_workbook

    from indicators.models import LineOfAction, Plan
    from reporting.models import Activity, ReportingYear
    from reporting.spreadsheet_import import run_import
    from reporting.spreadsheet_reading import read_upload
    from reporting.spreadsheet_template import template_workbook

    translation.activate("es")
    year = ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))
    submission = year.submissions.get(agency__code="SSPC")
    workbook = load_workbook(io.BytesIO(template_workbook(submission)))
    sheet = workbook["Actividades"]
    lines = [
        f"{line.code} {line.text[:40]}" for line in LineOfAction.objects.select_related("goal")
    ]
    networks = next(line for line in lines if line.startswith("6.1 "))
    for n in range(ROWS):
        sheet.append(
            [
                f"SSPC-23-{n:05d}",
                f"Taller de prevención {n}",
                networks if n % 3 == 0 else lines[n % len(lines)],
                "6a" if n % 3 == 0 else "",
                "GN" if n % 2 else "",
                datetime.date(2023, 1 + n % 12, 1),
                datetime.date(2023, 1 + n % 12, 2),
                "Presencial",
                "Tlaxcala",
                "Tlaxcala",
                1,
                n % 30,
                n % 20,
                None,
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    print(f"{ROWS} activity rows, {len(content) // 1024} KB of XLSX")
    line_ids = {line.code: line.pk for line in LineOfAction.objects.select_related("goal")}

    def reset():
        Activity.objects.all().delete()
        Activity.history.model.objects.all().delete()

    def baseline():
        sheet = load_workbook(io.BytesIO(content), read_only=True)["Actividades"]
        activities = []
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if not row[0]:
                continue
            activities.append(
                Activity(
                    submission=submission,
                    reference=row[0],
                    title=row[1],
                    line_id=line_ids[row[2].split()[0]],
                    start_date=row[5],
                    end_date=row[6],
                    municipality=row[9],
                    quantity=row[10],
                    women=row[11],
                    men=row[12],
                    total=(row[11] or 0) + (row[12] or 0),
                )
            )
        Activity.objects.bulk_create(activities, batch_size=1000)

    def preview():
        parsed = read_upload(SimpleUploadedFile("plantilla.xlsx", content), submission)
        run_import(parsed, submission, dry_run=True)

    def apply():
        parsed = read_upload(SimpleUploadedFile("plantilla.xlsx", content), submission)
        outcome = run_import(parsed, submission, dry_run=False)
        assert not outcome.has_errors, outcome.counts

    base = timed(baseline, repeat=3, setup=reset)
    assert Activity.objects.count() == ROWS
    results = [
        ("baseline: openpyxl read-only + bulk_create", *base),
        ("preview (dry run, every row validated)", *timed(preview, repeat=3, setup=reset)),
        ("import, confirmed (with change history)", *timed(apply, repeat=3, setup=reset)),
    ]
    assert Activity.objects.count() == ROWS
    report(results)
    print(f"import / baseline: {results[2][1] / base[0]:.2f}x (target: at most 3x)")


if __name__ == "__main__":
    main()
