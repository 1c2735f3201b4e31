"""Plan workbooks for tests: the app's own template, filled in as a working group would."""

from io import BytesIO

from django.utils import translation
from openpyxl import load_workbook

from indicators.plan_workbook import CHOICES, SHEETS, plan_workbook

# A small plan of another country: its own regions, an institution whose code has a hyphen,
# an institution already in the monitor (SEDENA) and targets for women and for men separately.
SMALL_PLAN = {
    "plan": [
        {
            "code": "XY-NAP-2025",
            "country": "XY",
            "name_es": "Plan Nacional de Acción de Xylandia",
            "name_en": "Xyland National Action Plan",
            "short_name_es": "PNA Xylandia",
            "short_name_en": "Xyland NAP",
            "start_year": 2025,
            "end_year": 2027,
            "version": "1.0",
        }
    ],
    "countries": [
        {
            "code": "XY",
            "name_es": "Xylandia",
            "name_en": "Xyland",
            "region_label_es": "Provincia",
            "region_label_en": "Province",
        }
    ],
    "regions": [
        {"country": "XY", "code": "N", "name": "Norte"},
        {"country": "XY", "code": "S", "name": "Sur"},
    ],
    "agencies": [
        {
            "code": "MOD-1",
            "name_es": "Ministerio de Defensa",
            "name_en": "Ministry of Defence",
            "kind": "implementing",
        },
        {"code": "SEDENA", "name_es": "SEDENA", "name_en": "SEDENA", "kind": "implementing"},
    ],
    "areas": [
        {"number": 1, "name_es": "Participación", "name_en": "Participation"},
    ],
    "goals": [
        {
            "number": 1,
            "area": 1,
            "text_es": "Aumentar la participación de las mujeres.",
            "text_en": "Increase women's participation.",
        },
    ],
    "lines": [
        {"goal": 1, "number": 1, "text_es": "Capacitar al personal.", "text_en": "Train staff."},
    ],
    "activities": [
        {"goal": 1, "position": 1, "numeral": "a", "text_es": "Cursos anuales."},
    ],
    "indicators": [
        {
            "code": "1a",
            "goal": 1,
            "line": 1,
            "position": 1,
            "measure": "people_by_sex",
            "text_es": "Personas capacitadas.",
            "text_en": "People trained.",
        },
        {
            "code": "1b",
            "goal": 1,
            "line": 1,
            "position": 2,
            "measure": "people_by_sex",
            "text_es": "Mujeres en misiones.",
            "text_en": "Women deployed.",
        },
    ],
    "targets": [
        {
            "goal": 1,
            "position": 1,
            "indicator": "1a",
            "kind": "count_over_plan",
            "value": 300,
            "counted": "women",
            "text_es": "Al menos 300 mujeres capacitadas.",
        },
        {
            "goal": 1,
            "position": 2,
            "indicator": "1a",
            "kind": "count_over_plan",
            "value": 200,
            "counted": "men",
            "text_es": "Al menos 200 hombres capacitados.",
        },
    ],
    "institutions": [
        {"indicator": "1a", "agency": "MOD-1", "position": 1},
        {"indicator": "1b", "agency": "MOD-1", "position": 1},
        {"indicator": "1b", "agency": "SEDENA", "position": 2},
    ],
}


def filled_plan_workbook(rows, language="es", template=None):
    """The empty template in `language` (or `template`, a downloaded one), with `rows`
    ({sheet key: [{column key: value}]}); choices are written as the drop-down lists offer
    them, as labels in that language."""
    with translation.override(language):
        workbook = load_workbook(BytesIO(template or plan_workbook()))
        for key, (names, columns) in SHEETS.items():
            sheet = workbook[names[0] if language == "es" else names[1]]
            keys = [column for column, _es, _en in columns]
            for row in rows.get(key, []):
                sheet.append([_cell(key, column, row.get(column)) for column in keys])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(sheet, column, value):
    choices = CHOICES.get((sheet, column))
    return str(dict(choices).get(value, value)) if choices and value else value
