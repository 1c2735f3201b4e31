"""Mexico and its 32 federal entities (INEGI codes), so that existing activities keep their
place when the federal entity becomes a region row (reporting 0007)."""

from django.db import migrations

MEXICO = {
    "code": "MX",
    "name_es": "México",
    "name_en": "Mexico",
    "region_label_es": "Entidad federativa",
    "region_label_en": "Federal entity",
}
FEDERAL_ENTITIES = [
    ("01", "Aguascalientes"),
    ("02", "Baja California"),
    ("03", "Baja California Sur"),
    ("04", "Campeche"),
    ("05", "Coahuila"),
    ("06", "Colima"),
    ("07", "Chiapas"),
    ("08", "Chihuahua"),
    ("09", "Ciudad de México"),
    ("10", "Durango"),
    ("11", "Guanajuato"),
    ("12", "Guerrero"),
    ("13", "Hidalgo"),
    ("14", "Jalisco"),
    ("15", "Estado de México"),
    ("16", "Michoacán"),
    ("17", "Morelos"),
    ("18", "Nayarit"),
    ("19", "Nuevo León"),
    ("20", "Oaxaca"),
    ("21", "Puebla"),
    ("22", "Querétaro"),
    ("23", "Quintana Roo"),
    ("24", "San Luis Potosí"),
    ("25", "Sinaloa"),
    ("26", "Sonora"),
    ("27", "Tabasco"),
    ("28", "Tamaulipas"),
    ("29", "Tlaxcala"),
    ("30", "Veracruz"),
    ("31", "Yucatán"),
    ("32", "Zacatecas"),
]


def add_mexico(apps, schema_editor):
    Country = apps.get_model("places", "Country")
    Region = apps.get_model("places", "Region")
    country, _ = Country.objects.get_or_create(code="MX", defaults=MEXICO)
    for code, name in FEDERAL_ENTITIES:
        Region.objects.get_or_create(country=country, code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("places", "0001_countries_and_regions")]

    operations = [migrations.RunPython(add_mexico, migrations.RunPython.noop)]
