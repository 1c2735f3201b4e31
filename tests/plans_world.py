"""Three plans side by side, as a monitor holds them after Mexico's review:

- Mexico's plan 2021-2024 (the current one) with the real 2022 data and 2023 open;
- Mexico's next plan 2025-2030, loaded from a workbook made of Mexico's (so its indicators have
  the same codes: 1a, 4b...), plus an 11th area and an 11th goal whose indicator 11a is SEDENA's;
- a plan of another country (Xyland) with its own regions and an institution coded MOD-1,
  which shares indicator 1b with SEDENA.

Each plan has a year with approved figures (SEMAR's in the next plan, MOD-1's in 2025 of
Xyland's), so pages, reports and open data have something to show, and SEDENA's drafts are open
(Xyland's 2026 is open for MOD-1's).
"""

import datetime
from dataclasses import dataclass
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from indicators.models import Plan
from indicators.plan_import import read_plan_upload, run_plan_import
from indicators.plan_workbook import SHEETS, plan_workbook
from reporting.models import IndicatorValue, ReportingYear, Submission
from tests.factories import PersonFactory
from tests.indicators.plan_files import SMALL_PLAN, filled_plan_workbook

MEXICO, NEXT, OTHER = "MX-PNA1325-2021", "MX-PNA1325-2025", "XY-NAP-2025"


def workbook_rows(plan):
    """A plan's workbook read back as {sheet key: [{column key: value}]}."""
    with translation.override("es"):
        workbook = load_workbook(BytesIO(plan_workbook(plan)))
    rows = {}
    for key, ((name_es, _en), columns) in SHEETS.items():
        keys = [column for column, _es, _en2 in columns]
        rows[key] = [
            dict(zip(keys, values, strict=False))
            for values in workbook[name_es].iter_rows(min_row=2, values_only=True)
        ]
    return rows


def next_plan_rows(mexico):
    rows = workbook_rows(mexico)
    rows["plan"][0].update(
        code=NEXT,
        name_es="Plan Nacional de Acción 1325 de México 2025-2030",
        name_en="Mexico's 1325 National Action Plan 2025-2030",
        short_name_es="PNA-1325 2025-2030",
        short_name_en="NAP-1325 2025-2030",
        start_year=2025,
        end_year=2030,
        version="2025",
    )
    rows["areas"] += [
        {"number": n, "name_es": f"Eje {n}", "name_en": f"Area {n}"} for n in range(5, 12)
    ]
    rows["goals"].append(
        {"number": 11, "area": 11, "text_es": "Prevenir la violencia digital.", "text_en": ""}
    )
    rows["lines"].append({"goal": 11, "number": 1, "text_es": "Capacitar en seguridad digital."})
    rows["indicators"].append(
        {
            "code": "11a",
            "goal": 11,
            "line": 1,
            "position": 1,
            "measure": "people_by_sex",
            "text_es": "Personal capacitado en seguridad digital.",
        }
    )
    rows["targets"].append(
        {
            "goal": 11,
            "position": 1,
            "indicator": "11a",
            "kind": "count_per_year",
            "value": 50,
            "counted": "women",
            "text_es": "Al menos 50 mujeres capacitadas al año.",
        }
    )
    rows["institutions"] += [
        {"indicator": "11a", "agency": "SEDENA", "position": 1},
        {"indicator": "11a", "agency": "SEMAR", "position": 2},
    ]
    return rows


def load_plan(rows):
    content = filled_plan_workbook(rows)
    outcome, plan = run_plan_import(
        read_plan_upload(SimpleUploadedFile("plan.xlsx", content)), dry_run=False
    )
    assert not outcome.has_errors, [r for r in outcome.rows if r.status == "error"]
    return plan


def approve(plan, year, agency, code, **figures):
    reporting_year = ReportingYear.objects.get(plan=plan, year=year)
    submission = Submission.objects.get(reporting_year=reporting_year, agency__code=agency)
    IndicatorValue.objects.create(
        submission=submission, indicator=plan.indicators.get(code=code), **figures
    )
    submission.status = Submission.Status.APPROVED
    submission.approved_at = timezone.now()
    submission.save()


@dataclass
class Plans:
    mexico: Plan
    next: Plan
    other: Plan
    people: dict


def build_mexico():
    """Mexico's plan with its 2022 data, and 2023 open."""
    call_command("loaddata", "data_2022", verbosity=0)
    ReportingYear.open(Plan.objects.get(code=MEXICO), 2023, datetime.date(2099, 3, 31))


def build_plans(mexico_built=False):
    if not mexico_built:
        build_mexico()
    mexico = Plan.objects.get(code=MEXICO)
    deadline = datetime.date(2099, 3, 31)
    following = load_plan(next_plan_rows(mexico))
    other = load_plan(SMALL_PLAN)
    ReportingYear.open(following, 2025, deadline)
    ReportingYear.open(other, 2025, deadline)
    ReportingYear.open(other, 2026, deadline)
    approve(following, 2025, "SEMAR", "11a", women=60, men=40, total=100)
    approve(other, 2025, "MOD-1", "1a", women=320, men=150, total=470)
    people = {
        "administrator": PersonFactory(role="administrator"),
        "working_group": PersonFactory(role="working_group"),
        "observer": PersonFactory(role="observer"),
        "focal_SEDENA": PersonFactory(role="focal_point", agency="SEDENA"),
        "focal_MOD-1": PersonFactory(role="focal_point", agency="MOD-1"),
    }
    return Plans(mexico, following, other, people)
