"""Producing a report file: used by the report page and by `manage.py annual_report`."""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from audit.fields import actor

from .formatters import render
from .generator import build
from .models import PublishedReport, report_filename


@dataclass
class Produced:
    content: bytes
    content_type: str
    filename: str
    published: PublishedReport | None


def produce(plan, year, language, fmt, final, by=None, all_activities=False):
    """Build and lay out a plan's report of a year; a final report is kept with the data it was
    built from."""
    report = build(plan, year, language=language, final=final, preview=not final)
    content, content_type = render(report, fmt)
    published = None
    if final:
        with transaction.atomic():
            published = PublishedReport(
                plan=plan,
                year=year,
                language=language,
                format=fmt,
                sha256=hashlib.sha256(content).hexdigest(),
                data=report.data,
                created_by=actor(by),
            )
            published.file.save(
                report_filename(plan, year, language, fmt, final), ContentFile(content)
            )
    filename = report_filename(plan, year, language, fmt, final)
    return Produced(content, content_type, filename, published)
