"""Reference sheets filled in from what Mexico's plan itself says, and nothing more.

Annex 3 gives each indicator its wording, unit, institutions and targets (kept by `indicators`);
section V of the plan says that the Inter-Secretariat Working Group requires the information
needed for monitoring from the institutions and prepares an annual report. The plan states no
definitions, baselines or means of verification beyond that: those fields stay empty for the
working group to complete. The notes that record where Annex 3 is unreadable become the
sheet's known limitations.
"""

from indicators.models import Indicator

from .models import ReferenceSheet

# Only this plan's texts were read; another plan's sheets start empty.
MEXICO_PLAN = "MX-PNA1325-2021"

SOURCES = {
    "es": "Prellenada con el Anexo 3 del Plan (indicador, unidad, instituciones, metas) y su "
    "sección V (coordinación y seguimiento). El Plan no establece definición, línea base ni "
    "medios de verificación propios del indicador.",
    "en": "Prefilled from Annex 3 of the plan (indicator, unit, institutions, targets) and its "
    "section V (coordination and monitoring). The plan states no definition, baseline or "
    "indicator-specific means of verification.",
}
DATA_SOURCE = {
    "es": "Información que las instituciones responsables entregan al Grupo de Trabajo "
    "Interinstitucional para el seguimiento del Plan (sección V).",
    "en": "Information the institutions in charge provide to the Inter-Secretariat Working "
    "Group for monitoring the plan (section V).",
}
FREQUENCY = {"es": "Anual", "en": "Annual"}
VERIFICATION = {
    "es": "Informe anual sobre el desarrollo y cumplimiento del PNA-1325 (sección V).",
    "en": "Annual report on the development and compliance with the NAP-1325 (section V).",
}
BY_SEX = {"es": "Por sexo (mujeres y hombres).", "en": "By sex (women and men)."}


def _calculation(indicator, lang):
    unit = getattr(indicator, f"unit_{lang}") or indicator.unit_es
    measure = Indicator.Measure
    if indicator.measure == measure.SHARE and "/" in unit:
        numerator, denominator = (part.strip() for part in unit.split("/", 1))
        if lang == "es":
            return f"Numerador: {numerator}. Denominador: {denominator}."
        return f"Numerator: {numerator}. Denominator: {denominator}."
    if indicator.measure in (measure.COUNT, measure.PEOPLE_BY_SEX) and unit:
        return f"Conteo en el año ({unit})." if lang == "es" else f"A count in the year ({unit})."
    if indicator.measure == measure.YES_NO:
        return "Sí o no." if lang == "es" else "Yes or no."
    return ""


def sheet_texts(indicator):
    """The fields of `indicator`'s sheet that the plan supports."""
    fields = {"baseline_value": "", "baseline_year": None}
    for lang in ("es", "en"):
        fields[f"calculation_{lang}"] = _calculation(indicator, lang)
        by_sex = indicator.measure == Indicator.Measure.PEOPLE_BY_SEX
        fields[f"disaggregation_{lang}"] = BY_SEX[lang] if by_sex else ""
        fields[f"data_source_{lang}"] = DATA_SOURCE[lang]
        fields[f"frequency_{lang}"] = FREQUENCY[lang]
        fields[f"verification_{lang}"] = VERIFICATION[lang]
        fields[f"limitations_{lang}"] = getattr(indicator, f"source_note_{lang}")
        fields[f"sources_{lang}"] = SOURCES[lang]
    return fields


def prefill_sheets(plan):
    """A sheet for each of the plan's indicators that has none; sheets already there (edited by
    the working group) are left alone. Returns how many were created."""
    if plan is None or plan.code != MEXICO_PLAN:
        return 0
    missing = Indicator.objects.for_plan(plan).filter(reference_sheet__isnull=True)
    created = 0
    for indicator in missing:
        ReferenceSheet.objects.create(indicator=indicator, **sheet_texts(indicator))
        created += 1
    return created
