"""The 2022 data carries every figure of the Government's second report, so that a report
generated from the data can say what the official one says.

Each figure is listed with the official report's words and where the agencies entered it: an
activity's field, a number written in an activity's or a narrative's text (in Spanish and, where
there is one, in English), or a sum over activities. The tables by federal entity of the MUCPAZ
networks are rebuilt from the activities and compared with the report's tables.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db.models import Sum

from reporting.models import Activity, IndicatorValue, LineNarrative

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_2022(db):
    call_command("loaddata", "data_2022", verbosity=0)


def activities(agency):
    return Activity.objects.filter(
        submission__reporting_year__year=2022, submission__agency__code=agency
    )


def number(text):
    return int(text.replace(",", ""))


@dataclass(frozen=True)
class Field:
    """An activity's field; `about` must be in its title, so that a reference reused for
    another activity does not pass."""

    agency: str
    reference: str
    field: str
    about: str

    def __str__(self):
        return f"activity {self.agency} {self.reference}, {self.field}"

    def read(self):
        activity = activities(self.agency).get(reference=self.reference)
        assert self.about in activity.title, activity.title
        return [getattr(activity, self.field)]


@dataclass(frozen=True)
class Written:
    """A number written in a text: `es` and `en` are patterns whose group is the number, read
    in the Spanish text and in its English version (`en` None: no English text to read)."""

    agency: str
    where: str  # an activity's reference, or a line of action ("6.1") for its narrative
    es: str
    en: str | None
    field: str = "title"

    def __str__(self):
        if "." in self.where:
            return f"narrative {self.agency} {self.where}"
        return f"activity {self.agency} {self.where}, {self.field}"

    def texts(self):
        if "." in self.where:
            goal, line = self.where.split(".")
            narrative = LineNarrative.objects.get(
                submission__reporting_year__year=2022,
                submission__agency__code=self.agency,
                line__goal__number=goal,
                line__number=line,
            )
            return narrative.text_es, narrative.text_en
        activity = activities(self.agency).get(reference=self.where)
        return getattr(activity, self.field), getattr(activity, f"{self.field}_en")

    def read(self):
        spanish, english = self.texts()
        found = []
        for pattern, text in ((self.es, spanish), (self.en, english)):
            if pattern is None:
                continue
            match = re.search(pattern, text)
            assert match, f"{pattern!r} not in {text!r}"
            found.append(number(match.group(1)))
        return found


@dataclass(frozen=True)
class Total:
    """The sum of a field over the agency's activities whose reference starts with `prefix`."""

    agency: str
    prefix: str
    field: str

    def __str__(self):
        return f"sum of {self.field} of {self.agency} {self.prefix}*"

    def read(self):
        rows = activities(self.agency).filter(reference__startswith=self.prefix)
        assert rows.exists()
        return [rows.aggregate(total=Sum(self.field))["total"]]


# (figure, the official report's words, where it is in the data, value)
FIGURES = [
    # Goal 3, SEDENA: CECOPAM's 14 courses, one activity per course with its editions.
    (
        "CECOPAM: United Nations Staff Officers Course",
        "two editions of the United Nations Staff Officers Course",
        Field("SEDENA", "SDN-22-01A", "quantity", "Oficiales de Estado Mayor"),
        2,
    ),
    (
        "CECOPAM: United Nations Military Observer Course",
        "two editions of the United Nations Military Observer Course",
        Field("SEDENA", "SDN-22-01B", "quantity", "Observadores Militares"),
        2,
    ),
    (
        "CECOPAM: training for the CICOMPAZ Command Group and Section Commanders",
        "From April 18 to May 13, 2022. Training for Command Group and Section Commanders",
        Field("SEDENA", "SDN-22-01C", "quantity", "Grupo de Mando y Comandantes de Sección"),
        1,
    ),
    (
        "CECOPAM: Technical French in Peace Operations Course",
        "two editions of the Technical French in Peace Operations Course",
        Field("SEDENA", "SDN-22-01D", "quantity", "Francés Técnico"),
        2,
    ),
    (
        "CECOPAM: United Nations Police Course",
        "two editions of the United Nations Police Course",
        Field("SEDENA", "SDN-22-01E", "quantity", "Policía de las Naciones Unidas"),
        2,
    ),
    (
        "CECOPAM: United Nations Civil Military Coordination Course",
        "From August 01 to 12, 2022, United Nations Civil Military Coordination Course",
        Field("SEDENA", "SDN-22-01F", "quantity", "Coordinación Civil-Militar"),
        1,
    ),
    (
        "CECOPAM: United Nations Protection of Civilians Course",
        "From October 17 to 28, 2022, United Nations Protection of Civilians Course",
        Field("SEDENA", "SDN-22-01G", "quantity", "Protección de Civiles"),
        1,
    ),
    (
        "CECOPAM: Training of Trainers Courses for the CICOMPAZ Command Group",
        "three Training of Trainers Courses for Command Group of the CICOMPAZ",
        Field("SEDENA", "SDN-22-01H", "quantity", "Formación de Instructores"),
        3,
    ),
    # Goal 3, SEDENA: facilities and equipment.
    (
        "the colposcopy clinic",
        "Adaptation and equipping of the Colposcopy Clinic of the Hospital Militar de "
        "Especialidades de la Mujer y Neonatología",
        Field("SEDENA", "SDN-22-24", "quantity", "Clínica de Colposcopía"),
        1,
    ),
    (
        "the accommodation for 60 people",
        "Construction of an accommodation for military women and men belonging to the Band of "
        "Music of the Command of the Mexican Army, to accommodate 60 people",
        Written("SEDENA", "SDN-22-25", r"capacidad para (\d+) personas", r"for (\d+) people"),
        60,
    ),
    (
        "the electric bicycles",
        "Acquisition of 8 electric bicycles for female military police officers",
        Field("SEDENA", "SDN-22-27", "quantity", "bicicletas eléctricas"),
        8,
    ),
    # Goal 3, SSPC.
    (
        "the National Guard's specific actions",
        "The National Guard carried out 13 specific actions",
        Field("SSPC", "SSPC-22-26", "quantity", "Guardia Nacional"),
        13,
    ),
    (
        "the monthly reports on violence against women",
        "Twelve monthly reports on the incidence of violence against women were prepared",
        Field("SSPC", "SSPC-22-24", "quantity", "Informes mensuales"),
        12,
    ),
    (
        "the Mechanisms for the Advancement of Women in the state roundtables",
        "The incorporation of 32 Mechanisms for the Advancement of Women in the state roundtables",
        Field("SSPC", "SSPC-22-25", "quantity", "Mecanismos para el Adelanto de las Mujeres"),
        32,
    ),
    (
        "the first responders' workshop: hours",
        "with a duration of 25 hours, in 4 municipalities",
        Written("SSPC", "SSPC-22-08", r"\((\d+) horas\)", r"\((\d+) hours\)"),
        25,
    ),
    (
        "the first responders' workshop: municipalities",
        "with a duration of 25 hours, in 4 municipalities: Ensenada, Tecate, Tijuana, Baja "
        "California and Ciudad Juarez, Chihuahua",
        Field("SSPC", "SSPC-22-08", "municipalities", "primeros respondientes"),
        4,
    ),
    (
        "the three workshops for specialized municipal units: municipalities",
        "96 municipal police instructors (50 women and 46 men) from three states and 26 "
        "municipalities",
        Field("SSPC", "SSPC-22-03", "municipalities", "Unidades de Policía Municipal"),
        26,
    ),
    (
        "the three workshops for specialized municipal units: states",
        "from three states and 26 municipalities",
        Written("SSPC", "SSPC-22-03", r"de (\d+) estados", None, field="description"),
        3,
    ),
    (
        "the protocol workshop: municipalities",
        "a workshop on the application of the National Police Action Protocol ... was held in "
        "7 municipalities",
        Field("SSPC", "SSPC-22-19", "municipalities", "Protocolo Nacional de Actuación Policial"),
        7,
    ),
    # Goal 6: the MUCPAZ networks.
    (
        "the federal entities of the MUCPAZ strategy",
        "during 2022, the Redes MUCPAZ Strategy was implemented in 31 federal entities",
        Written(
            "INMUJERES",
            "6.1",
            r"se implementó en (\d+) entidades federativas",
            r"implemented in 2022 in (\d+) federal entities",
        ),
        31,
    ),
    (
        "the growth of the networks from 2020 to 2022 (%)",
        "THE FORMATION OF MUCPAZ NETWORKS HAS INCREASED BY 52% FROM 2020 TO 2022.",
        Written(
            "INMUJERES",
            "6.1",
            r"aumentó (\d+) % de 2020 a 2022",
            r"increased by (\d+)% from 2020 to 2022",
        ),
        52,
    ),
    (
        "the municipalities of the strengthened networks",
        "TOTAL 102 214 7,224 (MUCPAZ networks strengthened, by federal entity)",
        Total("SSPC", "MUCPAZ-F-", "municipalities"),
        102,
    ),
    # Goal 6: what the Secretary reported in Bogotá.
    (
        "Bogotá: the state Peace Talks",
        "In the 32 state Peace Talks, femicide investigation files are reviewed",
        Written(
            "SSPC", "7.1", r"en las (\d+) Mesas Estatales de Paz", r"in the (\d+) state Peace Talks"
        ),
        32,
    ),
    (
        "Bogotá: the entities with diagnoses of violence against women",
        "Diagnoses of violence against women are conducted in the 32 entities and 266 regions",
        Written(
            "SSPC", "7.1", r"en las (\d+) entidades y \d+ regiones", r"in the (\d+) entities and"
        ),
        32,
    ),
    (
        "Bogotá: the regions with diagnoses of violence against women",
        "Diagnoses of violence against women are conducted in the 32 entities and 266 regions",
        Written("SSPC", "7.1", r"(\d+) regiones del país", r"(\d+) regions of the country"),
        266,
    ),
    (
        "Bogotá: police officers and public servants trained",
        "Over 52,000 police officers and public servants were trained to handle crimes against "
        "women.",
        Written("SSPC", "7.1", r"más de ([\d,]+) policías", r"over ([\d,]+) police officers"),
        52_000,
    ),
]


def test_the_table_lists_26_figures():
    assert len(FIGURES) == 26
    assert len({name for name, *_rest in FIGURES}) == 26


@pytest.mark.parametrize(
    "figure, source, where, value", FIGURES, ids=[figure for figure, *_rest in FIGURES]
)
def test_the_official_figure_is_in_the_data(data_2022, figure, source, where, value):
    found = where.read()
    assert found and all(read == value for read in found), (figure, source, str(where), found)


def test_cecopam_courses_add_up_to_14_and_keep_their_376_participants(data_2022):
    courses = activities("SEDENA").filter(reference__regex=r"^SDN-22-01[A-H]$")
    assert courses.count() == 8
    assert sum(course.quantity for course in courses) == 14
    trained = activities("SEDENA").get(reference="SDN-22-01")
    assert (trained.quantity, trained.women, trained.men, trained.total) == (0, 113, 263, 376)


# The official tables "MUCPAZ networks created / strengthened by federal entity (fiscal year
# 2022)": federal entity -> (municipalities, networks, women members).
CREATED = {
    "Aguascalientes": (5, 5, 25),
    "Baja California": (5, 24, 387),
    "Baja California Sur": (1, 5, 95),
    "Campeche": (13, 18, 459),
    "Chiapas": (5, 5, 100),
    "Chihuahua": (4, 12, 180),
    "Coahuila": (1, 1, 36),
    "Colima": (6, 6, 179),
    "Durango": (1, 1, 40),
    "Estado de México": (3, 3, 91),
    "Guerrero": (2, 2, 42),
    "Hidalgo": (5, 16, 123),
    "Jalisco": (7, 22, 311),
    "Michoacán": (15, 26, 771),
    "Morelos": (7, 12, 161),
    "Nayarit": (1, 1, 15),
    "Puebla": (13, 16, 219),
    "Querétaro": (1, 1, 64),
    "Quintana Roo": (11, 11, 165),
    "San Luis Potosí": (2, 5, 117),
    "Sinaloa": (8, 30, 600),
    "Sonora": (10, 12, 297),
    "Tamaulipas": (5, 30, 726),
    "Tlaxcala": (35, 129, 1925),
    "Veracruz": (23, 41, 854),
    "Yucatán": (2, 2, 94),
    "Zacatecas": (3, 6, 170),
}
STRENGTHENED = {
    "Chiapas": (1, 7, 105),
    "Chihuahua": (1, 7, 81),
    "Guerrero": (9, 9, 270),
    "Estado de México": (3, 3, 52),
    "Michoacán": (3, 3, 89),
    "Morelos": (11, 80, 982),
    "Oaxaca": (11, 15, 306),
    "Puebla": (2, 8, 57),
    "Tlaxcala": (60, 80, 5243),
    "Veracruz": (1, 2, 39),
}


def networks():
    return activities("SSPC").filter(reference__startswith="MUCPAZ-")


def test_every_mucpaz_row_names_its_state_and_municipalities(data_2022):
    rows = networks().select_related("region__country")
    assert rows.count() == 37
    for row in rows:
        assert row.region is not None and row.region.country.code == "MX", row.reference
        assert row.municipalities, row.reference


def by_state(rows):
    """The report's table rebuilt from the activities: entity -> (municipalities, networks,
    women)."""
    table = rows.values("region__name").annotate(
        municipalities=Sum("municipalities"), networks=Sum("quantity"), women=Sum("women")
    )
    return {
        row["region__name"]: (row["municipalities"], row["networks"], row["women"]) for row in table
    }


@pytest.mark.parametrize(
    "rows, official, totals",
    [
        (
            lambda: networks().filter(indicator__code="6a"),
            CREATED,
            (194, 442, 8246),
        ),
        (
            lambda: networks().filter(indicator__isnull=True, reference__startswith="MUCPAZ-F-"),
            STRENGTHENED,
            (102, 214, 7224),
        ),
    ],
    ids=["created", "strengthened"],
)
def test_the_tables_by_federal_entity_are_rebuilt_from_the_activities(
    data_2022, rows, official, totals
):
    rebuilt = by_state(rows())
    assert rebuilt == official
    assert tuple(sum(row[i] for row in rebuilt.values()) for i in range(3)) == totals


def test_networks_and_women_of_the_whole_strategy(data_2022):
    """630 networks created (442 FASP + 188 FOBAM) and 18,432 women (8,246 + 7,224 + 2,962)."""
    created = Activity.objects.filter(
        submission__reporting_year__year=2022, indicator__code="6a"
    ).aggregate(networks=Sum("quantity"), women=Sum("women"))
    strengthened = networks().filter(reference__startswith="MUCPAZ-F-").aggregate(Sum("women"))
    assert created["networks"] == 630
    assert created["women"] + strengthened["women__sum"] == 18_432


@pytest.mark.parametrize(
    "agency, reference, institution",
    [
        ("SEDENA", "SDN-22-01", "SEDENA, SEMAR, SSPC y personal extranjero"),
        ("SEDENA", "SDN-22-13", "SEDENA, SEMAR, SSPC y personal extranjero"),
        ("SEDENA", "SDN-22-21", "Ejército Mexicano y SEMAR"),
        ("SSPC", "SSPC-22-17", "Guardia Nacional y SSP de Baja California Sur"),
        ("INMUJERES", "INM-22-01", "SEMAR, SEDENA y SSPC"),
        ("INMUJERES", "INM-22-02", "Prevención y Readaptación Social (SSPC)"),
        ("INMUJERES", "INM-22-03", "SSPC"),
    ],
)
def test_the_participants_institution_where_the_report_names_it(
    data_2022, agency, reference, institution
):
    assert activities(agency).get(reference=reference).participants_institution == institution


def test_every_activity_has_an_english_title(data_2022):
    year = Activity.objects.filter(submission__reporting_year__year=2022)
    assert year.count() == 137
    assert list(year.filter(title_en="").values_list("reference", flat=True)) == []
    assert not year.filter(title_en__startswith=" ").exists()


def test_every_no_data_value_has_an_english_reason(data_2022):
    no_data = IndicatorValue.objects.filter(submission__reporting_year__year=2022, no_data=True)
    assert no_data.count() == 64
    missing = no_data.filter(no_data_reason_en="").values_list(
        "submission__agency__code", "indicator__code"
    )
    assert list(missing) == []
    answered = IndicatorValue.objects.filter(submission__reporting_year__year=2022, no_data=False)
    assert not answered.exclude(no_data_reason_en="").exists()


def test_every_narrative_has_an_english_text(data_2022):
    narratives = LineNarrative.objects.filter(submission__reporting_year__year=2022)
    assert narratives.count() == 19
    assert not narratives.filter(text_en="").exists()
