"""The spreadsheet vocabulary shared by the template, the reading of files and the import:
columns and sheets in both languages, and how names are compared."""

from django.utils import translation

from core.imports import column_label  # noqa: F401  (re-exported for the importers)
from core.uploads import normalized as _key  # noqa: F401  (the importers' comparison)

TEMPLATE_VERSION = "2"  # 2: the plan is recorded too

# (key, Spanish header, English header): a file in either language is read.
ACTIVITY_COLUMNS = [
    ("reference", "Referencia", "Reference"),
    ("title", "Título", "Title"),
    ("line", "Línea de acción", "Line of action"),
    ("indicator", "Cuenta para el indicador", "Counts towards indicator"),
    ("subunit", "Unidad", "Sub-unit"),
    ("start_date", "Fecha de inicio", "Start date"),
    ("end_date", "Fecha de término", "End date"),
    ("modality", "Modalidad", "Modality"),
    ("region", "Región", "Region"),
    ("municipality", "Municipio", "Municipality"),
    ("quantity", "Cantidad", "Quantity"),
    ("women", "Mujeres", "Women"),
    ("men", "Hombres", "Men"),
    ("total", "Total", "Total"),
    ("description", "Descripción", "Description"),
    ("title_en", "Título en inglés", "Title in English"),
    ("description_en", "Descripción en inglés", "Description in English"),
    (
        "participants_institution",
        "Institución de las personas participantes",
        "Participants' institution",
    ),
    ("municipalities", "Municipios cubiertos", "Municipalities covered"),
    ("also_counts", "También cuenta para", "Also counts towards"),
]
# Columns added after templates were handed out: a file without them is still read.
OPTIONAL_ACTIVITY_COLUMNS = (
    "title_en",
    "description_en",
    "participants_institution",
    "municipalities",
    "also_counts",
)


def activity_columns(country):
    """The activity columns of a country's template: the region column named as the country
    names its regions (Entidad federativa). Files with the generic name are read too."""
    return [
        ("region", country.region_label_es, country.region_label_en)
        if key_ == "region"
        else (key_, es, en)
        for key_, es, en in ACTIVITY_COLUMNS
    ]


VALUE_COLUMNS = [
    ("indicator", "Indicador", "Indicator"),
    ("about", "Qué mide", "What it measures"),
    ("women", "Mujeres", "Women"),
    ("men", "Hombres", "Men"),
    ("total", "Total o cifra", "Total or figure"),
    ("numerator", "Numerador", "Numerator"),
    ("denominator", "Denominador", "Denominator"),
    ("yes_no", "Sí o no", "Yes or no"),
    ("text", "Respuesta cualitativa", "Qualitative answer"),
    ("no_data", "Sin datos este año", "No data this year"),
    ("no_data_reason", "Por qué no hay datos", "Why there is no data"),
    ("activities_note", "Por qué difiere de las actividades", "Why it differs from the activities"),
]
SHEETS = {
    "activities": ("Actividades", "Activities"),
    "values": ("Indicadores", "Indicators"),
    "lists": ("Listas", "Lists"),
    "instructions": ("Instrucciones", "Instructions"),
}
META_SHEET = "_meta"
# Further sheets of the template, added by other apps (budgets) in their AppConfig.ready so that
# reporting never imports them. Each has `kind`, `names` (Spanish, English), `columns` and
# `optional` (as above); `add_to_template(workbook, submission, language, rejected)` writes the
# sheet (with only the `rejected` rows of its kind, and their problems, when given); and
# `run(dataset, submission, user)` imports its rows inside the import's transaction (rolled back
# on a preview) and returns a core.imports.RowOutcome per row, of its `kind`.
EXTRA_SHEETS = []
YES = {"si", "sí", "yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0"}


def _language():
    return "en" if translation.get_language() == "en" else "es"


def _header(columns, language):
    return [es if language == "es" else en for _key_, es, en in columns]


def _yes_no(value, language):
    if value is None:
        return ""
    if language == "es":
        return "Sí" if value else "No"
    return "Yes" if value else "No"
