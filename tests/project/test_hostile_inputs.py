"""Hostile and malformed input, through the forms, uploads and query strings people use.

For each case: a status below 500, a message in the person's language (Spanish unless the case
says otherwise), and a database that is unchanged byte for byte (every row of every table but
sessions and sign-in attempts) with no file left in the storage. The count of cases, 5xx and
partial writes is printed (`pytest -s`) for the closing note.
"""

import hashlib
import json
import os
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from reporting.models import Activity
from tests.project.hostile_files import (
    activity_row,
    filled,
    hostile_plan_xlsx,
    hostile_xlsx,
    upload,
)
from tests.worlds import build_world

pytestmark = pytest.mark.django_db

NOT_DATA = ("django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog")
EDIT = "/reporting/2023/SEDENA/edit/"
NEW_ACTIVITY = "/reporting/2023/SEDENA/activities/new/"
EVIDENCE = "/reporting/2023/SEDENA/evidence/"
IMPORT = "/reporting/2023/SEDENA/import/"
PLAN_IMPORT = "/plan-imports/"
PDF = b"%PDF-1.4\n%%EOF"


@dataclass
class Case:
    name: str
    role: str  # a key of World.people, or "anonymous"
    method: str
    url: str
    data: object = None  # a dict, or a function of the world returning one
    message: str = ""  # expected in the response (after redirects), in the case's language
    language: str = "es"
    settings: dict = field(default_factory=dict)


def yearly(world, **changes):
    """The yearly form as the page would post it, with some fields changed."""
    from tests.reporting.conftest import form_data

    data = form_data(world.submissions["SEDENA"])
    data.update(changes)
    return data


def activity(world, **changes):
    data = {
        "title": "Curso",
        "reference": "",
        "line": world.submissions["SEDENA"].agency and _line(world),
        "start_date": "2023-03-01",
        "end_date": "2023-03-02",
        "modality": "in_person",
        "quantity": "1",
    }
    data.update(changes)
    return data


def _line(world):
    from reporting import rules

    return rules.lines_for(world.submissions["SEDENA"])[0].pk


def xlsx(kind):
    return lambda world: {"file": upload("plantilla.xlsx", hostile_xlsx(kind, _sedena(world)))}


def rows(**overrides):
    def make(world):
        content = filled(_sedena(world), [activity_row(_sedena(world), **overrides)])
        return {"file": upload("plantilla.xlsx", content)}

    return make


def plan_xlsx(kind):
    return lambda world: {"file": upload("plan.xlsx", hostile_plan_xlsx(kind))}


def plan_rows(**changes):
    """The small plan of tests.indicators.plan_files with the first rows of some sheets changed
    ({sheet: [changes of row 1, of row 2...]}); rows beyond the plan's are added."""

    def make(world):
        from tests.indicators.plan_files import SMALL_PLAN, filled_plan_workbook

        rows = {key: [dict(row) for row in value] for key, value in SMALL_PLAN.items()}
        for sheet, updates in changes.items():
            updates = updates if isinstance(updates, list) else [updates]
            for index, update in enumerate(updates):
                if index < len(rows[sheet]):
                    rows[sheet][index].update(update)
                else:
                    rows[sheet].append({**rows[sheet][0], **update})
        return {"file": upload("plan.xlsx", filled_plan_workbook(rows))}

    return make


def _sedena(world):
    return world.submissions["SEDENA"]


BIG = "9" * 20
CASES = [
    # -- the yearly form --------------------------------------------------------------------
    Case(
        "negative women",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4b-women": "-5"}),
        "mayor o igual a 0",
    ),
    Case(
        "3 billion women",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4b-women": "3000000000"}),
        "menor o igual a 100000000",
    ),
    Case(
        "10^20 total",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4a-total": BIG}),
        "menor o igual a 100000000",
    ),
    Case(
        "text in a number",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4a-total": "cinco"}),
        "Introduzca un número entero",
    ),
    Case(
        "exponent in a number",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4a-total": "1e5"}),
        "Introduzca un número entero",
    ),
    Case(
        "women plus men not total",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4b-women": "3", "i-4b-men": "4", "i-4b-total": "9"}),
        "no 9",
    ),
    Case(
        "numerator over denominator",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-9-numerator": "5", "i-9-denominator": "4"}),
        "no puede ser mayor que el denominador",
    ),
    Case(
        "share without denominator",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-9-numerator": "5", "i-9-denominator": ""}),
        "numerador y el denominador",
    ),
    Case(
        "no data without a reason",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4c-no_data": "on", "i-4c-no_data_reason": ""}),
        "por qué no hay datos",
    ),
    Case(
        "control character in a reason",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4c-no_data": "on", "i-4c-no_data_reason": "a\x01b"}),
        "caracteres de control",
    ),
    Case(
        "null character in a narrative",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"n-4-1-text_es": "a\x00b"}),
        "caracteres nulos",
    ),
    Case(
        "narrative of 50,000 characters",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"n-4-1-text_es": "x" * 50_000}),
        "40000 caracteres",
    ),
    Case(
        "reason of 5,000 characters",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4c-no_data": "on", "i-4c-no_data_reason": "x" * 5000}),
        "4000 caracteres",
    ),
    Case(
        "yes/no neither",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-8b-yes_no": "quizas"}),
        "Escoja una opción válida",
    ),
    Case(
        "forged version and base",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, version="abc", **{"i-4a-base": "{", "i-4a-total": "7"}),
        "Guarde de nuevo",
    ),
    Case(
        "the form of another agency",
        "focal_SEDENA",
        "post",
        "/reporting/2023/SEMAR/edit/",
        lambda w: {"i-4a-total": "7"},
        "Página no encontrada",
    ),
    Case(
        "the form of an approved submission",
        "focal_SRE",
        "post",
        "/reporting/2023/SRE/edit/",
        lambda w: {"i-4a-total": "7"},
        "ahora no se puede modificar",
    ),
    Case(
        "English: 10^20 total",
        "focal_SEDENA",
        "post",
        EDIT,
        lambda w: yearly(w, **{"i-4a-total": BIG}),
        "less than or equal to 100000000",
        language="en",
    ),
    # -- activities ---------------------------------------------------------------------------
    Case(
        "activity without a title",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, title=""),
        "Este campo es obligatorio",
    ),
    Case(
        "title of 301 characters",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, title="t" * 301),
        "300 caracteres",
    ),
    Case(
        "control character in a title",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, title="Curso\x07"),
        "caracteres de control",
    ),
    Case(
        "reference of 60 characters",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, reference="R" * 60),
        "40 caracteres",
    ),
    Case(
        "reference already used",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, reference=Activity.objects.get(pk=w.activities["SEDENA"]).reference),
        "ya tiene la referencia",
    ),
    Case(
        "dates outside the year",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, start_date="2021-01-01", end_date="2021-01-02"),
        "2023",
    ),
    Case(
        "end before start",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, start_date="2023-05-02", end_date="2023-05-01"),
        "no puede terminar antes",
    ),
    Case(
        "a date that does not exist",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, start_date="2023-02-31"),
        "Introduzca una fecha válida",
    ),
    Case(
        "quantity 10^20",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, quantity=BIG),
        "menor o igual a 100000000",
    ),
    Case(
        "negative quantity",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, quantity="-1"),
        "mayor o igual a 0",
    ),
    Case(
        "women and men against the total",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, women="5", men="5", total="3"),
        "no 3",
    ),
    Case(
        "a line that does not exist",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, line="999999"),
        "Escoja una opción válida",
    ),
    Case(
        "a line that is not a number",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, line="x' OR 1=1"),
        "Escoja una opción válida",
    ),
    Case(
        "another agency's indicator",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, indicator=_indicator("6a")),
        "Escoja una opción válida",
    ),
    Case(
        "an unknown modality",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, modality="telepatia"),
        "Escoja una opción válida",
    ),
    Case(
        "an unknown federal entity",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, region="999999"),
        "Escoja una opción válida",
    ),
    Case(
        "municipality of 500 characters",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, municipality="m" * 500),
        "120 caracteres",
    ),
    Case(
        "description of 10,000 characters",
        "focal_SEDENA",
        "post",
        NEW_ACTIVITY,
        lambda w: activity(w, description="d" * 10_000),
        "4000 caracteres",
    ),
    Case(
        "an edit from a stale page",
        "focal_SEDENA",
        "post",
        "/reporting/2023/SEDENA/activities/{SEDENA}/",
        lambda w: activity(w, version="0"),
        "después de que usted la abrió",
    ),
    Case(
        "another agency's activity",
        "focal_SEDENA",
        "post",
        "/reporting/2023/SEDENA/activities/{SRE}/",
        lambda w: activity(w),
        "Página no encontrada",
    ),
    Case(
        "deleting another agency's activity",
        "focal_SEDENA",
        "post",
        "/reporting/2023/SRE/activities/{SRE}/delete/",
        None,
        "No puede hacer esto",
    ),
    # -- evidence -------------------------------------------------------------------------------
    Case(
        "a program as evidence",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x", "file": upload("virus.exe", b"MZ\x90")},
        "extensión",
    ),
    Case(
        "a program named .pdf",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x", "file": upload("a.pdf", b"MZ\x90\x00")},
        "no es un archivo .pdf válido",
    ),
    Case(
        "neither link nor file",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x"},
        "Indique un enlace o un archivo",
    ),
    Case(
        "both link and file",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x", "url": "https://a.org", "file": upload("a.pdf", PDF)},
        "Indique un enlace o un archivo",
    ),
    Case(
        "a javascript: link",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x", "url": "javascript:alert(1)"},
        "Introduzca una URL válida",
    ),
    Case(
        "description of 400 characters",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x" * 400, "url": "https://a.org"},
        "300 caracteres",
    ),
    Case(
        "evidence too big",
        "focal_SEDENA",
        "post",
        EVIDENCE,
        lambda w: {"description": "x", "file": upload("a.pdf", PDF + b"0" * 2 * 1024 * 1024)},
        "el límite es 1 MB",
        settings={"EVIDENCE_MAX_BYTES": 1024 * 1024},
    ),
    # -- spreadsheet uploads --------------------------------------------------------------------
    Case(
        "a text file",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("notas.txt", b"hola")},
        "no es una hoja de cálculo",
    ),
    Case(
        "an empty file",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("vacio.xlsx", b"")},
        "no es una hoja de cálculo",
    ),
    Case(
        "a corrupt zip",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("x.xlsx", b"PK\x03\x04" + os.urandom(2000))},
        "está dañado",
    ),
    Case("a truncated workbook", "focal_SEDENA", "post", IMPORT, xlsx("truncated"), "está dañado"),
    Case(
        "broken XML in a sheet", "focal_SEDENA", "post", IMPORT, xlsx("broken-xml"), "está dañado"
    ),
    Case(
        "an old .xls or password",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("x.xls", b"\xd0\xcf\x11\xe0" + b"0" * 100)},
        "protegido con contraseña",
    ),
    Case("an XXE entity", "focal_SEDENA", "post", IMPORT, xlsx("xxe"), "se rechazó por seguridad"),
    Case(
        "a billion laughs",
        "focal_SEDENA",
        "post",
        IMPORT,
        xlsx("laughs"),
        "se rechazó por seguridad",
    ),
    Case(
        "a DTD in UTF-16",
        "focal_SEDENA",
        "post",
        IMPORT,
        xlsx("dtd-utf16"),
        "se rechazó por seguridad",
    ),
    Case(
        "a DTD after 70 KB of comments",
        "focal_SEDENA",
        "post",
        IMPORT,
        xlsx("dtd-after-comments"),
        "se rechazó por seguridad",
    ),
    Case("a compressed bomb", "focal_SEDENA", "post", IMPORT, xlsx("bomb"), "una vez abierto"),
    Case("600 parts", "focal_SEDENA", "post", IMPORT, xlsx("parts"), "una vez abierto"),
    Case(
        "130,000 empty rows",
        "focal_SEDENA",
        "post",
        IMPORT,
        xlsx("empty-rows"),
        "contando las vacías",
    ),
    Case(
        "too many rows",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {
            "file": upload(
                "a.xlsx",
                filled(_sedena(w), [activity_row(_sedena(w), reference=f"R{i}") for i in range(6)]),
            )
        },
        "como máximo se pueden importar 5",
        settings={"IMPORT_MAX_ROWS": 5},
    ),
    Case(
        "a file too big",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("a.csv", b"x" * (2 * 1024 * 1024))},
        "el límite es 1 MB",
        settings={"IMPORT_MAX_BYTES": 1024 * 1024},
    ),
    Case(
        "a title of 50,000 characters",
        "focal_SEDENA",
        "post",
        IMPORT,
        rows(title="t" * 50_000),
        "300 caracteres",
    ),
    Case(
        "3 billion women in a row",
        "focal_SEDENA",
        "post",
        IMPORT,
        rows(women=3_000_000_000, men=0, total=3_000_000_000),
        "menor o igual a 100000000",
    ),
    Case(
        "quantity 10^20 in a row",
        "focal_SEDENA",
        "post",
        IMPORT,
        rows(quantity=10**20),
        "menor o igual a 100000000",
    ),
    Case(
        "a reference of 60 characters in a row",
        "focal_SEDENA",
        "post",
        IMPORT,
        rows(reference="R" * 60),
        "40 caracteres",
    ),
    Case(
        "a duplicated new reference",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {
            "file": upload(
                "a.xlsx",
                filled(
                    _sedena(w),
                    [
                        activity_row(_sedena(w), reference="DOBLE"),
                        activity_row(_sedena(w), reference="DOBLE"),
                    ],
                ),
            )
        },
        "se usa en las filas",
    ),
    Case("a formula in a cell", "focal_SEDENA", "post", IMPORT, rows(quantity="=1+1"), "fórmulas"),
    Case(
        "a CSV with null bytes",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("a.csv", b"Referencia,T\x00tulo\n")},
        "no es una hoja de cálculo",
    ),
    Case(
        "a CSV with an endless cell",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("a.csv", _csv_header() + b'A,"' + b"x" * 200_000 + b"\n")},
        "demasiado larga",
    ),
    Case(
        "a CSV with missing columns",
        "focal_SEDENA",
        "post",
        IMPORT,
        lambda w: {"file": upload("a.csv", b"Referencia,Titulo\nA,B\n")},
        "Faltan columnas",
    ),
    Case(
        "another agency's import page",
        "focal_SEDENA",
        "post",
        "/reporting/2023/SEMAR/import/",
        xlsx("xxe"),
        "Página no encontrada",
    ),
    Case(
        "English: a compressed bomb",
        "focal_SEDENA",
        "post",
        IMPORT,
        xlsx("bomb"),
        "expands to",
        language="en",
    ),
    # -- a plan's workbook ----------------------------------------------------------------------
    *[
        Case(f"a plan: {name}", "working_group", "post", PLAN_IMPORT, plan_xlsx(kind), message)
        for name, kind, message in [
            ("an XXE entity", "xxe", "se rechazó por seguridad"),
            ("a billion laughs", "laughs", "se rechazó por seguridad"),
            ("a compressed bomb", "bomb", "una vez abierto"),
            ("600 parts", "parts", "una vez abierto"),
            ("130,000 empty rows", "empty-rows", "contando las vacías"),
            ("broken XML", "broken-xml", "está dañado"),
            ("a truncated workbook", "truncated", "está dañado"),
        ]
    ],
    Case(
        "a plan: not a workbook",
        "working_group",
        "post",
        PLAN_IMPORT,
        lambda w: {"file": upload("plan.xlsx", b"hola")},
        "no es un libro de Excel",
    ),
    Case(
        "a plan: an agency's yearly template",
        "working_group",
        "post",
        PLAN_IMPORT,
        lambda w: {"file": upload("plan.xlsx", filled(_sedena(w), []))},
        "no es una plantilla de plan",
    ),
    Case(
        "a plan: a formula",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(indicators=[{"code": "=HYPERLINK(1)"}]),
        "fórmulas",
    ),
    Case(
        "a plan: a code with a slash and a script",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(plan={"code": "<script>/../x"}),
        "Use solo letras, dígitos y guiones",
    ),
    Case(
        "a plan: a year of 10^20",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(plan={"end_year": BIG}),
        "menor o igual a 2100",
    ),
    Case(
        "a plan ending before it starts",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(plan={"start_year": 2030, "end_year": 2025}),
        "El último año no puede ser anterior al primero.",
    ),
    Case(
        "a plan: an indicator code of 500 characters",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(indicators=[{"code": "x" * 500}]),
        "menos de 8 caracteres (tiene 500)",
    ),
    Case(
        "a plan: a goal numbered -3",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(goals=[{"number": -3}]),
        "es negativo",
    ),
    Case(
        "a plan: too many rows",
        "working_group",
        "post",
        PLAN_IMPORT,
        plan_rows(lines=[{"number": n} for n in range(1, 7)]),
        "como máximo se pueden importar 5",
        settings={"IMPORT_MAX_ROWS": 5},
    ),
    Case(
        "a plan, by a focal point",
        "focal_SEDENA",
        "post",
        PLAN_IMPORT,
        plan_rows(),
        "No puede hacer esto",
    ),
    # -- query strings and other forms ----------------------------------------------------------
    Case(
        "a year that is not a number",
        "anonymous",
        "get",
        "/dashboards/?year=abc",
        None,
        "no es un año del plan",
    ),
    Case(
        "a year of 20 digits",
        "anonymous",
        "get",
        f"/dashboards/?year={BIG}",
        None,
        "no es un año del plan",
    ),
    Case(
        "open data, bad year",
        "anonymous",
        "get",
        "/api/values/?year=abc",
        None,
        "debe ser un número",
    ),
    Case(
        "open data, year outside the plan",
        "anonymous",
        "get",
        "/api/values/?year=1900",
        None,
        "abarca de 2021 a 2024",
    ),
    Case(
        "a page that is not a number",
        "focal_SEDENA",
        "get",
        "/reporting/2023/SEDENA/activities/?page=abc",
        None,
        "Actividades",
    ),
    Case(
        "a sort on an unknown column",
        "focal_SEDENA",
        "get",
        "/reporting/2023/SEDENA/activities/?sort=title;DROP",
        None,
        "Actividades",
    ),
    Case(
        "a goal of 20 digits",
        "anonymous",
        "get",
        f"/dashboards/goals/{BIG}/",
        None,
        "Página no encontrada",
    ),
    Case(
        "a reporting year of 20 digits",
        "anonymous",
        "get",
        f"/reporting/{BIG}/",
        None,
        "Página no encontrada",
    ),
    Case(
        "opening the year 1800",
        "working_group",
        "post",
        "/reporting/open/",
        {"year": "1800", "deadline": "2024-01-01"},
        "El plan abarca",
    ),
    Case(
        "opening a year that is a word",
        "working_group",
        "post",
        "/reporting/open/",
        {"year": "dos mil", "deadline": "mañana"},
        "Introduzca un número entero",
    ),
    Case(
        "returning without a comment",
        "working_group",
        "post",
        "/reporting/2023/SEMAR/return/",
        {"comment": "  "},
        "qué debe corregir",
    ),
    Case(
        "reopening without a reason",
        "working_group",
        "post",
        "/reporting/2023/SRE/reopen/",
        {"comment": "", "confirmed": "yes"},
        "motivo para reabrir",
    ),
    Case(
        "a step that does not exist",
        "working_group",
        "post",
        "/reporting/2023/SEMAR/borrar/",
        None,
        "Página no encontrada",
    ),
    Case(
        "a draft of 10^20 courses",
        "focal_SEDENA",
        "post",
        EDIT + "draft/",
        lambda w: yearly(w, parts="i-4a", **{"i-4a-total": BIG}),
        "menor o igual a 100000000",
    ),
    Case(
        "nothing to report with a reason of 5,000 characters",
        "focal_SEDENA",
        "post",
        EDIT + "goals/1/nothing-to-report/",
        {"g1-reason": "x" * 5000, "g1-codes": "1a,1b"},
        "4000 caracteres",
    ),
    Case(
        "nothing to report on indicators of another agency",
        "focal_SEDENA",
        "post",
        EDIT + "goals/2/nothing-to-report/",
        {"g2-reason": "Sin datos.", "g2-codes": "2a,2b"},
        "No hay nada que marcar",
    ),
    Case(
        "a comment on a figure of 5,000 characters",
        "working_group",
        "post",
        "/reporting/2023/SEMAR/figures/4a/comments/",
        {"text": "x" * 5000},
        "a lo más 4000 caracteres",
    ),
    Case(
        "a comment on a figure with a control character",
        "working_group",
        "post",
        "/reporting/2023/SEMAR/figures/4a/comments/",
        {"text": "Revise\x07 la cifra"},
        "caracteres de control",
    ),
    Case(
        "a comment on an indicator of another agency",
        "working_group",
        "post",
        "/reporting/2023/SEMAR/figures/2a/comments/",
        {"text": "¿Y esto?"},
        "Página no encontrada",
    ),
    Case(
        "a rating of 5,000 characters",
        "working_group",
        "post",
        "/dashboards/assess/2022/target/{target}/",
        {"rating": "achieved", "justification": "x" * 5000, "version": "0"},
        "4000 caracteres",
    ),
    Case(
        "a rating that does not exist",
        "working_group",
        "post",
        "/dashboards/assess/2022/target/{target}/",
        {"rating": "perfecto", "justification": "Una justificación larga.", "version": "0"},
        "Escoja una opción válida",
    ),
    Case(
        "an introduction of 50,000 characters",
        "working_group",
        "post",
        "/reports/introduction/2022/",
        {"text_es": "x" * 50_000, "text_en": "", "version": "0"},
        "40000 caracteres",
    ),
    Case(
        "conclusions of 50,000 characters",
        "working_group",
        "post",
        "/reports/conclusions/2022/",
        {"text_es": "x" * 50_000, "text_en": "", "version": "0", "action": "preview"},
        "40000 caracteres",
    ),
    Case(
        "a publication of a year of 20 digits in French",
        "working_group",
        "post",
        "/reports/publish/",
        {"year": "9" * 20, "language": "fr", "number": "1", "state": "x"},
        "Escoja una opción válida",
    ),
    Case(
        "a confirmation with a forged version number and data state",
        "working_group",
        "post",
        "/reports/publish/",
        {"year": "2022", "language": "es", "number": "-5", "state": "x" * 5000},
        "Esta confirmación no es la que envió la página",
    ),
    Case(
        "a withdrawal with a reason of 50,000 characters",
        "working_group",
        "post",
        "/reports/versions/{version}/withdraw/",
        {"reason": "x" * 50_000},
        "4000 caracteres",
    ),
    Case(
        "a withdrawal with no reason, in English",
        "working_group",
        "post",
        "/reports/versions/{version}/withdraw/",
        {"reason": " \n "},
        "Give the reason for withdrawing this version.",
        language="en",
    ),
    Case(
        "a report for 2030 in French",
        "working_group",
        "post",
        "/reports/",
        {"year": "2030", "language": "fr", "format": "odt", "kind": "x"},
        "Escoja una opción válida",
    ),
    Case(
        "a user name of 10,000 characters",
        "anonymous",
        "post",
        "/accounts/login/",
        {"username": "u" * 10_000, "password": "x"},
        "no son correctos",
    ),
    Case(
        "a password reset for a malformed address",
        "anonymous",
        "post",
        "/accounts/password_reset/",
        {"email": "no-es-correo"},
        "correo electrónico válida",
    ),
]


def _indicator(code):
    from indicators.models import Indicator

    return Indicator.objects.get(code=code).pk


def _csv_header():
    from reporting.spreadsheet_format import ACTIVITY_COLUMNS

    return (",".join(es for _key, es, _en in ACTIVITY_COLUMNS) + "\n").encode()


def fingerprint():
    """A digest of every row of every table but sessions and sign-in attempts."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in NOT_DATA:
                continue
            pk = model._meta.pk.column
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')  # noqa: S608
            for row in cursor.fetchall():
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def stored_files():
    root = settings.MEDIA_ROOT
    return sorted(
        os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names
    )


def test_hostile_inputs_are_refused_with_a_message_and_change_nothing(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    placeholders = {
        "SEDENA": world.activities["SEDENA"],
        "SRE": world.activities["SRE"],
        "target": world.target,
        "version": world.versions[-1],
    }
    problems, server_errors, partial_writes = [], 0, 0
    for case in CASES:
        client = Client(raise_request_exception=False)
        if case.role != "anonymous":
            client.force_login(world.people[case.role])
        client.cookies["django_language"] = case.language
        url = case.url.format(**placeholders)
        data = case.data(world) if callable(case.data) else case.data
        for name, value in case.settings.items():
            setattr(settings, name, value)
        before, files = fingerprint(), stored_files()
        with transaction.atomic():
            response = getattr(client, case.method)(url, data or {}, follow=True)
            after, files_after = fingerprint(), stored_files()
            transaction.set_rollback(True)
        for name in case.settings:
            setattr(settings, name, getattr(__import__("nap1325.settings").settings, name))
        text = response.content.decode("utf-8", "replace")
        if response.get("Content-Type", "").startswith("application/json"):
            text = json.dumps(response.json(), ensure_ascii=False)
        if response.status_code >= 500:
            server_errors += 1
            problems.append(f"{case.name}: {response.status_code}")
        if after != before or files_after != files:
            partial_writes += 1
            problems.append(f"{case.name}: the database or the files changed")
        if case.message not in text:
            problems.append(f"{case.name}: no “{case.message}” in the answer")
    with capsys.disabled():
        print(
            f"\nhostile inputs: {len(CASES)} cases, {server_errors} server errors, "
            f"{partial_writes} partial writes"
        )
    assert len(CASES) >= 60
    assert not problems, "\n".join(problems)
    # The checks can fail: an accepted input does change the fingerprint.
    client = Client()
    client.force_login(world.people["focal_SEDENA"])
    before = fingerprint()
    assert client.post(NEW_ACTIVITY, activity(world)).status_code == 302
    assert fingerprint() != before
