"""A database with data in every workflow state, each marked with values that must not be
read by whoever may not read them.

- 2022: the real data of the plan's second report, approved, in a closed year.
- 2023, open: SEDENA draft (with evidence, an activity and a previewed import), SEMAR submitted,
  SSPC returned with the working group's comment, INMUJERES draft, SRE approved after its
  figures were changed (the earlier figure was never approved) with an approval comment.
- Reports: three published versions of 2022 (superseded, withdrawn, current) and a preview of
  2023 that includes submitted data (SEMAR's secret is in its file).

Each unapproved submission carries its agency's secret: a number (in every figure) and a text
(in answers, narratives, activity titles, evidence); `Secret.found_in(text)` tells if a response
leaks it, however the number is formatted.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from budgets.models import BudgetLine
from indicators.models import (
    Indicator,
    LineOfAction,
    Plan,
    PlanRevision,
    RevisionChange,
    Target,
)
from reporting import rules
from reporting.models import (
    Activity,
    Evidence,
    FigureComment,
    ImportBatch,
    IndicatorValue,
    LineNarrative,
    ReportingYear,
    Submission,
)
from reports import jobs
from reports.models import PublishedReport
from reports.publishing import produce
from tests.factories import PersonFactory

AGENCIES = ["INMUJERES", "SEDENA", "SEMAR", "SRE", "SSPC"]
YEAR = 2023


@dataclass(frozen=True)
class Secret:
    """A value only some people may read: a number (formatted any way) or a text."""

    owner: str
    number: int | None = None
    text: str | None = None

    @property
    def pattern(self):
        if self.number is not None:
            digits = str(self.number)
            head, tail = digits[:-3], digits[-3:]
            return re.compile(rf"(?<![\w.,]){head}[,. \u00a0\u202f]?{tail}(?![\w])")
        return re.compile(re.escape(self.text))

    def found_in(self, text):
        return bool(self.pattern.search(text))


@dataclass
class World:
    people: dict
    submissions: dict
    secrets: list = field(default_factory=list)
    activities: dict = field(default_factory=dict)  # agency -> an activity pk
    evidence: dict = field(default_factory=dict)  # agency -> an evidence pk
    budget_lines: dict = field(default_factory=dict)  # agency -> a budget line pk
    batch: int | None = None
    target: int | None = None
    indicator: int | None = None
    revision: int | None = None  # a revision of the plan being prepared, with one change
    change: int | None = None
    plan_code: str = ""
    versions: list = field(default_factory=list)  # published versions of 2022, oldest first
    job: int | None = None  # a preview of 2023 with submitted data
    # Civil society (civil): an organisation, its membership, a waiting assessment (a secret for
    # all but the working group) and a published one.
    organisation: int | None = None
    membership: int | None = None
    shadow: list = field(default_factory=list)

    def forbidden_for(self, role):
        """The secrets a role must never see. `role` is a key of `people` or "anonymous"."""
        if role == "working_group":
            return []
        agency = role.removeprefix("focal_") if role.startswith("focal_") else None
        return [secret for secret in self.secrets if secret.owner != agency]


def _answer(submission, number, text):
    """Every indicator of the agency answered with its secret."""
    for indicator in rules.indicators_for(submission):
        measure = indicator.measure
        fields = {"no_data": False}
        if measure == Indicator.Measure.COUNT:
            fields["total"] = number
        elif measure == Indicator.Measure.PEOPLE_BY_SEX:
            fields.update(women=number, men=0, total=number)
        elif measure == Indicator.Measure.SHARE:
            fields.update(numerator=number, denominator=number)
        elif measure == Indicator.Measure.YES_NO:
            fields["yes_no"] = True
        else:
            fields["text"] = text
        value = IndicatorValue.objects.filter(submission=submission, indicator=indicator).first()
        value = value or IndicatorValue(submission=submission, indicator=indicator)
        for name, content in fields.items():
            setattr(value, name, content)
        value.save()
    for line in rules.lines_for(submission)[:1]:
        LineNarrative.objects.update_or_create(
            submission=submission, line=line, defaults={"text_es": text}
        )


def _activity(submission, title):
    line = rules.lines_for(submission)[0]
    return Activity.objects.create(
        submission=submission,
        line=line,
        title=title,
        start_date=datetime.date(YEAR, 3, 1),
        end_date=datetime.date(YEAR, 3, 2),
        municipality=title[:100],
    )


def _budget_line(submission, partner):
    """A budget line from international cooperation, its partner named `partner`."""
    return BudgetLine.objects.create(
        submission=submission,
        line=LineOfAction.objects.get(goal__number=4, number=1),
        source=BudgetLine.Source.COOPERATION,
        partner=partner,
        marker=2,
        approved=1000,
        spent=1000,
    )


def _evidence(submission, text, by):
    evidence = Evidence(submission=submission, description=text, uploaded_by=by.username)
    evidence.file.save("constancia.txt", ContentFile(text.encode()), save=False)
    evidence.save()
    return evidence


def _reports(group):
    """Versions 1 (superseded), 2 (withdrawn) and 3 (current) of the 2022 report, each with its
    XLSX only, and a preview of 2023 including submitted data."""
    plan = Plan.objects.get()
    produced = produce(plan, 2022, "es", "xlsx", preview=False)
    contents = {"xlsx": (produced.content, produced.content_type)}
    versions = []
    for number in (1, 2, 3):
        version = PublishedReport.publish(
            plan, 2022, "es", number, contents, {}, timezone.now(), group.username
        )
        if number == 2:
            version.withdraw(group, "Cifras por corregir")
        versions.append(version.pk)
    return versions, jobs.preview(plan, YEAR, "es", "xlsx", draft=True, by=group).pk


def build_world():
    call_command("loaddata", "data_2022", verbosity=0)
    # With addresses: the workflow steps below record their e-mail notices, which the crawl
    # then meets in the admin.
    people = {
        "administrator": PersonFactory(role="administrator", email="admin@example.org"),
        "working_group": PersonFactory(role="working_group", email="grupo@example.org"),
        "observer": PersonFactory(role="observer", email="osc@example.org"),
    }
    for code in AGENCIES:
        people[f"focal_{code}"] = PersonFactory(
            role="focal_point", agency=code, email=f"enlace@{code.lower()}.example.org"
        )
    group = people["working_group"]
    reporting_year = ReportingYear.open(Plan.objects.get(), YEAR, datetime.date(2099, 3, 31))
    submissions = {
        s.agency.code: s
        for s in Submission.objects.filter(reporting_year=reporting_year).select_related(
            "agency", "reporting_year"
        )
    }
    world = World(people, submissions)
    numbers = {"SEDENA": 97531, "SEMAR": 86421, "SSPC": 75313, "INMUJERES": 64209}
    for code, number in numbers.items():
        text = f"SECRETO-{code}"
        world.secrets += [Secret(code, number=number), Secret(code, text=text)]
        submission = submissions[code]
        _answer(submission, number, text)
        world.activities[code] = _activity(submission, f"{text} actividad").pk
        world.evidence[code] = _evidence(
            submission, f"{text} evidencia", people[f"focal_{code}"]
        ).pk
        world.budget_lines[code] = _budget_line(submission, f"{text} presupuesto").pk
    submissions["SEMAR"].submit(by=people["focal_SEMAR"])
    # The working group's comment on one of SEMAR's figures: internal to the review.
    semar_indicator = next(
        i for i in rules.indicators_for(submissions["SEMAR"]) if i.code in ("4a", "5b")
    )
    FigureComment.objects.create(
        submission=submissions["SEMAR"],
        indicator=semar_indicator,
        text="COMENTARIO-CIFRA-SEMAR",
        by=group.username,
    )
    world.secrets.append(Secret("SEMAR", text="COMENTARIO-CIFRA-SEMAR"))
    submissions["SSPC"].submit(by=people["focal_SSPC"])
    submissions["SSPC"].return_for_changes(by=group, comment="COMENTARIO-INTERNO-SSPC")
    world.secrets.append(Secret("SSPC", text="COMENTARIO-INTERNO-SSPC"))

    # SRE: a figure changed before approval was never approved; then approved with a comment.
    sre = submissions["SRE"]
    _answer(sre, 13579, "SECRETO-SRE-BORRADOR")
    activity = _activity(sre, "SECRETO-SRE-BORRADOR actividad")
    _answer(sre, 4242, "Respuesta aprobada de la SRE")
    activity.title = activity.municipality = "Actividad aprobada de la SRE"
    activity.save()
    world.activities["SRE"] = activity.pk
    world.evidence["SRE"] = _evidence(sre, "Evidencia aprobada de la SRE", people["focal_SRE"]).pk
    world.budget_lines["SRE"] = _budget_line(sre, "Socio aprobado de la SRE").pk
    sre.submit(by=people["focal_SRE"])
    sre.approve(by=group, comment="COMENTARIO-APROBACION-SRE")
    world.secrets += [
        Secret("SRE", number=13579),
        Secret("SRE", text="SECRETO-SRE-BORRADOR"),
        Secret("SRE", text="COMENTARIO-APROBACION-SRE"),
    ]

    # A previewed import of SEDENA, waiting for confirmation.
    batch = ImportBatch(submission=submissions["SEDENA"], filename="sedena.csv", version=1)
    batch.file.save("upload", SimpleUploadedFile("sedena.csv", b"Referencia\n"), save=False)
    batch.uploaded_by = people["focal_SEDENA"].username
    batch.save()
    world.batch = batch.pk
    world.versions, world.job = _reports(group)
    world.target = Target.objects.filter(indicator__code="7a").first().pk
    plan = Plan.objects.get()
    world.plan_code = plan.code
    revision = PlanRevision.objects.create(
        plan=plan, first_year=2024, reason="Revisión de medio término", created_by=group.username
    )
    world.revision = revision.pk
    world.change = RevisionChange.objects.create(
        revision=revision,
        kind=RevisionChange.Kind.PERIOD,
        after={"start_year": 2021, "end_year": 2026},
    ).pk
    world.indicator = Indicator.objects.get(code="4c").pk
    _civil_society(world, people)
    for submission in submissions.values():
        submission.refresh_from_db()
    return world


def _civil_society(world, people):
    from civil.models import Membership, Organisation, ShadowAssessment

    organisation = Organisation.objects.create(name="Observatorio de ejemplo", acronym="OBS")
    member = PersonFactory(role="observer")
    people["civil_member"] = member
    world.organisation = organisation.pk
    world.membership = Membership.objects.create(user=member, organisation=organisation).pk
    pending, published = (
        ShadowAssessment.objects.create(
            organisation=organisation,
            indicator=Indicator.objects.get(code=code),
            year=2022,
            rating="behind",
            justification=text,
            state=state,
            by=member.username,
        )
        for code, text, state in [
            ("4a", "SOMBRA-PENDIENTE", ShadowAssessment.State.PENDING),
            ("5b", "Sombra publicada", ShadowAssessment.State.PUBLISHED),
        ]
    )
    world.shadow = [pending.pk, published.pk]
    world.secrets.append(Secret("civil-society", text="SOMBRA-PENDIENTE"))
