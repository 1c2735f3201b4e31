"""A plan as a workbook: the template a working group fills to load a new plan with no code, and
the export of an existing plan in the same shape (so that a plan exported and imported again is
the same plan).

Sheets, in the order they are read: the plan itself (one row), its country and regions, the
institutions (and their sub-units), then areas, goals, lines of action, the plan's activities,
indicators, targets and the institutions in charge of each indicator. Headers are in Spanish or
English; both are read. Choices (how an indicator is measured, a target's kind...) are written as
labels in the user's language and read as labels in either language or as codes.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from agencies.models import Agency, SubUnit
from core import spreadsheets
from places.models import Region

from .models import Indicator, Target

TEMPLATE_VERSION = "1"
META_SHEET = "_plan"
YES, NO = ("Sí", "Yes"), ("No", "No")

NOTES = [
    ("source_note_es", "Nota sobre la fuente (español)", "Note on the source (Spanish)"),
    ("source_note_en", "Nota sobre la fuente (inglés)", "Note on the source (English)"),
]
IN_FORCE = [
    ("first_year", "En vigor desde (año)", "In force from (year)"),
    ("last_year", "En vigor hasta (año)", "In force until (year)"),
]
TEXTS = [
    ("text_es", "Texto (español)", "Text (Spanish)"),
    ("text_en", "Texto (inglés)", "Text (English)"),
]

# sheet key -> ((Spanish name, English name), [(column key, Spanish header, English header)])
SHEETS = {
    "plan": (
        ("Plan", "Plan"),
        [
            ("code", "Código", "Code"),
            ("country", "País", "Country"),
            ("name_es", "Nombre (español)", "Name (Spanish)"),
            ("name_en", "Nombre (inglés)", "Name (English)"),
            ("short_name_es", "Nombre corto (español)", "Short name (Spanish)"),
            ("short_name_en", "Nombre corto (inglés)", "Short name (English)"),
            ("start_year", "Primer año", "First year"),
            ("end_year", "Último año", "Last year"),
            ("version", "Versión", "Version"),
            ("published_on", "Publicado el", "Published on"),
            *NOTES,
        ],
    ),
    "countries": (
        ("Países", "Countries"),
        [
            ("code", "Código", "Code"),
            ("name_es", "Nombre (español)", "Name (Spanish)"),
            ("name_en", "Nombre (inglés)", "Name (English)"),
            (
                "region_label_es",
                "Cómo se llama una región (español)",
                "What a region is called (Spanish)",
            ),
            (
                "region_label_en",
                "Cómo se llama una región (inglés)",
                "What a region is called (English)",
            ),
        ],
    ),
    "regions": (
        ("Regiones", "Regions"),
        [("country", "País", "Country"), ("code", "Código", "Code"), ("name", "Nombre", "Name")],
    ),
    "agencies": (
        ("Instituciones", "Institutions"),
        [
            ("code", "Código", "Code"),
            ("name_es", "Nombre (español)", "Name (Spanish)"),
            ("name_en", "Nombre (inglés)", "Name (English)"),
            ("kind", "Tipo", "Kind"),
        ],
    ),
    "subunits": (
        ("Unidades", "Sub-units"),
        [
            ("agency", "Institución", "Institution"),
            ("code", "Código", "Code"),
            ("name_es", "Nombre (español)", "Name (Spanish)"),
            ("name_en", "Nombre (inglés)", "Name (English)"),
        ],
    ),
    "areas": (
        ("Ejes", "Areas"),
        [
            ("number", "Número", "Number"),
            ("name_es", "Nombre (español)", "Name (Spanish)"),
            ("name_en", "Nombre (inglés)", "Name (English)"),
            ("description_es", "Descripción (español)", "Description (Spanish)"),
            ("description_en", "Descripción (inglés)", "Description (English)"),
            *NOTES,
        ],
    ),
    "goals": (
        ("Objetivos", "Goals"),
        [("number", "Número", "Number"), ("area", "Eje", "Area"), *TEXTS, *NOTES],
    ),
    "lines": (
        ("Líneas de acción", "Lines of action"),
        [("goal", "Objetivo", "Goal"), ("number", "Número", "Number"), *TEXTS, *NOTES],
    ),
    "activities": (
        ("Actividades del plan", "Plan activities"),
        [
            ("goal", "Objetivo", "Goal"),
            ("position", "Orden", "Order"),
            ("numeral", "Numeral", "Numeral"),
            *TEXTS,
            *NOTES,
        ],
    ),
    "indicators": (
        ("Indicadores", "Indicators"),
        [
            ("code", "Código", "Code"),
            ("goal", "Objetivo", "Goal"),
            ("line", "Línea de acción", "Line of action"),
            ("position", "Orden", "Order"),
            ("measure", "Cómo se mide", "How it is measured"),
            ("unit_es", "Unidad (español)", "Unit (Spanish)"),
            ("unit_en", "Unidad (inglés)", "Unit (English)"),
            *TEXTS,
            *NOTES,
            *IN_FORCE,
        ],
    ),
    "targets": (
        ("Metas", "Targets"),
        [
            ("goal", "Objetivo", "Goal"),
            ("position", "Orden", "Order"),
            ("indicator", "Indicador", "Indicator"),
            ("kind", "Tipo de meta", "Kind of target"),
            ("value", "Número", "Number"),
            ("comparison", "Comparación", "Comparison"),
            ("counted", "A quién se cuenta", "Who is counted"),
            *TEXTS,
            *NOTES,
            *IN_FORCE,
        ],
    ),
    "institutions": (
        ("Responsables", "In charge"),
        [
            ("indicator", "Indicador", "Indicator"),
            ("agency", "Institución", "Institution"),
            ("position", "Orden", "Order"),
            *NOTES,
        ],
    ),
}
CHOICES = {
    ("agencies", "kind"): Agency.Kind.choices,
    ("indicators", "measure"): Indicator.Measure.choices,
    ("targets", "kind"): Target.Kind.choices,
    ("targets", "comparison"): Target.Comparison.choices,
    ("targets", "counted"): Target.Counted.choices,
}


def language():
    return "en" if (translation.get_language() or "es").startswith("en") else "es"


def headers(columns, lang):
    return [es if lang == "es" else en for _key, es, en in columns]


def _label(sheet, key, value):
    return str(dict(CHOICES[(sheet, key)]).get(value, value)) if value else ""


def _rows(plan):
    """Every sheet's rows for an existing plan, in the sheets' column order."""
    goals = list(plan.goals.select_related("area").order_by("number"))
    indicators = list(
        Indicator.objects.for_plan(plan)
        .select_related("goal", "line")
        .order_by("goal__number", "position")
    )
    agencies = Agency.objects.in_charge_of(plan)
    notes = ("source_note_es", "source_note_en")
    in_force = ("first_year", "last_year")

    def fields(item, names):
        return [getattr(item, name) for name in names]

    return {
        "plan": [
            [
                plan.code,
                plan.country.code,
                *fields(plan, ("name_es", "name_en", "short_name_es", "short_name_en")),
                plan.start_year,
                plan.end_year,
                plan.version,
                plan.published_on,
                *fields(plan, notes),
            ]
        ],
        "countries": [
            fields(
                plan.country, ("code", "name_es", "name_en", "region_label_es", "region_label_en")
            )
        ],
        "regions": [
            [region.country.code, region.code, region.name]
            for region in Region.objects.filter(country=plan.country).select_related("country")
        ],
        "agencies": [
            [agency.code, agency.name_es, agency.name_en, _label("agencies", "kind", agency.kind)]
            for agency in agencies.order_by("kind", "code")
        ],
        "subunits": [
            [unit.agency.code, unit.code, unit.name_es, unit.name_en]
            for unit in SubUnit.objects.filter(agency__in=agencies).select_related("agency")
        ],
        "areas": [
            fields(
                area, ("number", "name_es", "name_en", "description_es", "description_en", *notes)
            )
            for area in plan.areas.order_by("number")
        ],
        "goals": [
            [goal.number, goal.area.number, *fields(goal, ("text_es", "text_en", *notes))]
            for goal in goals
        ],
        "lines": [
            [line.goal.number, line.number, *fields(line, ("text_es", "text_en", *notes))]
            for goal in goals
            for line in goal.lines.order_by("number").select_related("goal")
        ],
        "activities": [
            [a.goal.number, a.position, a.numeral, *fields(a, ("text_es", "text_en", *notes))]
            for goal in goals
            for a in goal.activities.order_by("position").select_related("goal")
        ],
        "indicators": [
            [
                i.code,
                i.goal.number,
                i.line.number if i.line else None,
                i.position,
                _label("indicators", "measure", i.measure),
                i.unit_es,
                i.unit_en,
                *fields(i, ("text_es", "text_en", *notes, *in_force)),
            ]
            for i in indicators
        ],
        "targets": [
            [
                t.goal.number,
                t.position,
                t.indicator.code if t.indicator else "",
                _label("targets", "kind", t.kind),
                t.value,
                _label("targets", "comparison", t.comparison),
                _label("targets", "counted", t.counted),
                *fields(t, ("text_es", "text_en", *notes, *in_force)),
            ]
            for t in Target.objects.for_plan(plan)
            .select_related("goal", "indicator")
            .order_by("goal__number", "position")
        ],
        "institutions": [
            [r.indicator.code, r.agency.code, r.position, *fields(r, notes)]
            for i in indicators
            for r in i.responsibilities.order_by("position").select_related("agency", "indicator")
        ],
    }


def plan_workbook(plan=None):
    """A plan's workbook (an empty template when `plan` is None), in the user's language."""
    lang = language()
    rows = _rows(plan) if plan is not None else {}
    workbook = spreadsheets.new_workbook()
    instructions = workbook.create_sheet(_("Instructions"))
    for line in _instructions():
        spreadsheets.add_row(instructions, [line])
    instructions.column_dimensions["A"].width = 120
    lists = workbook.create_sheet(_("Lists"))
    list_count = 0
    for key, ((name_es, name_en), columns) in SHEETS.items():
        sheet = spreadsheets.add_sheet(
            workbook,
            name_es if lang == "es" else name_en,
            headers(columns, lang),
            rows.get(key, []),
            widths=_widths(columns),
        )
        for index, (column, _es, _en) in enumerate(columns):
            choices = CHOICES.get((key, column))
            if choices:
                list_count += 1
                labels = [str(label) for _value, label in choices]
                _choice_list(sheet, lists, list_count, index, labels)
    lists.sheet_state = "hidden"
    meta = workbook.create_sheet(META_SHEET)
    for row in (("template", "plan"), ("version", TEMPLATE_VERSION), ("language", lang)):
        meta.append(list(row))
    meta.sheet_state = "veryHidden"
    # An empty template opens on its instructions; a plan's export on the plan itself.
    workbook.active = 0 if plan is None else 2
    return spreadsheets.xlsx_bytes(workbook)


# Room for the texts people read and write in the sheet; other columns fit their header.
WIDE = {"text_": 60, "description_": 50, "name_": 40, "source_note_": 35, "unit_": 18}


def _widths(columns):
    widths = {}
    for index, (column, _es, _en) in enumerate(columns):
        for start, width in WIDE.items():
            if column.startswith(start):
                widths[index] = width
    return widths


def _choice_list(sheet, lists, list_number, column_index, labels):
    """A drop-down list of the labels under a column (the labels in the hidden sheet)."""
    list_column = get_column_letter(list_number)
    for row, label in enumerate(labels, start=1):
        lists[f"{list_column}{row}"] = label
    validation = DataValidation(
        type="list",
        formula1=f"='{lists.title}'!${list_column}$1:${list_column}${len(labels)}",
        allow_blank=True,
    )
    sheet.add_data_validation(validation)
    letter = get_column_letter(column_index + 1)
    validation.add(f"{letter}2:{letter}1000")


def _instructions():
    return [
        _("Template of a plan for the monitor (version %(version)s).")
        % {"version": TEMPLATE_VERSION},
        "",
        _(
            "1. Sheet “Plan”: one row. The code appears in addresses: letters, digits and hyphens "
            "(e.g. MX-PNA1325-2025). The country is its ISO code (MX)."
        ),
        _(
            "2. Sheets “Countries” and “Regions”: only if the country or its regions are not in "
            "the monitor yet. Sheet “Institutions”: the institutions in charge; those already in "
            "the monitor (same code) are kept as they are."
        ),
        _(
            "3. Areas, goals, lines of action, the plan's activities, indicators and targets refer "
            "to one another by number (goal 4, line 1 of goal 4) and by code (indicator 4b)."
        ),
        _(
            "4. Use the drop-down lists for how an indicator is measured and for the kind of a "
            "target; a target counted for women only or for men only says so in “Who is counted”."
        ),
        _(
            "5. Upload the file on the plans page: you will see every row as new or in error "
            "before anything is saved, and nothing is saved while a row is in error."
        ),
    ]
