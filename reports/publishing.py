"""From the generator's report to files: previews, and what a publication announces and checks.

A preview is built and laid out with no side effect; it is marked as a draft and never listed.
A publication (reports/jobs.py runs it) builds the report once and lays it out in every format,
so that the files of a version always show the same data, then keeps them as a version
(`PublishedReport.publish`).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from reporting.models import Submission

from .formatters import render
from .generator import build
from .labels import relabel
from .models import ReportConclusion, ReportIntroduction, report_filename


@dataclass
class Produced:
    content: bytes
    content_type: str
    filename: str


def stamp(report, *, preview, number=None, cutoff=None):
    """What the generator cannot know about a report it built, for the formatters to print:
    whether it is a preview (never published: marked as a draft on every page), the number of
    the version it is published as, and the latest approval its data includes."""
    report.preview = preview
    report.version = number
    if cutoff is not None:
        report.cutoff = cutoff
    relabel(report)
    return report


def produce(plan, year, language, fmt, final=True, all_activities=False, preview=True):
    """Build and lay out a plan's report of a year in one format, with no side effect: nothing
    is kept or listed. `final` uses approved data only; otherwise submitted data is included,
    and marked. Raises ReportError for a year that cannot be reported."""
    report = build(plan, year, language=language, final=final)
    cutoff = data_state(plan, year).cutoff if final else None
    stamp(report, preview=preview, cutoff=cutoff)
    content, content_type = render(report, fmt)
    filename = report_filename(plan, year, language, fmt, final=final and not preview)
    return Produced(content, content_type, filename)


@dataclass
class DataState:
    """What a publication of a year's report would be built from, now."""

    approved: list  # (agency code, approved at), by agency code
    not_approved: list  # (agency code, status label)
    cutoff: datetime | None  # the latest approval: nothing approved after it is included
    fingerprint: str  # changes with any approval, reopening, or save of the report's texts

    @property
    def anything_approved(self):
        return bool(self.approved)


def data_state(plan, year):
    """The approved submissions of a plan's year, and the texts of its report (three queries)."""
    submissions = list(
        Submission.objects.for_plan(plan)
        .filter(reporting_year__year=year)
        .select_related("agency")
        .order_by("agency__code")
    )
    approved = [s for s in submissions if s.status == Submission.Status.APPROVED]
    texts = [
        model.objects.for_plan(plan).filter(year=year).values_list("version", flat=True).first()
        for model in (ReportIntroduction, ReportConclusion)
    ]
    # A submission's version changes with every step and every write: approved submissions and
    # their versions say exactly which data a report of approved data is built from.
    parts = [f"{s.pk}:{s.version}" for s in approved] + [f"text:{v or 0}" for v in texts]
    return DataState(
        approved=[(s.agency.code, s.approved_at) for s in approved],
        not_approved=[
            (s.agency.code, s.get_status_display())
            for s in submissions
            if s.status != Submission.Status.APPROVED
        ],
        cutoff=max((s.approved_at for s in approved), default=None),
        fingerprint=hashlib.sha256(";".join(parts).encode()).hexdigest(),
    )
