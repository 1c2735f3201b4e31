"""What a built report says of itself: its labels (title, draft mark, dates), set again when a
publication stamps it, and the record of the figures it was built from."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formatting


def relabel(report):
    """The report's own words (title, draft mark, date lines), from what it is now: a publication
    stamps a built report (reports.publishing.stamp) before it is laid out."""
    with translation.override(report.language):
        draft = ""
        if not report.final:
            draft = _("DRAFT — includes data not yet approved")
        elif report.preview:
            draft = _("DRAFT — preview, not published")
        untranslated = report.annex.untranslated
        report.labels = {
            "title": _("Annual report %(year)s") % {"year": report.year},
            "draft": draft,
            "version": _("Version %(number)s") % {"number": report.version}
            if report.version
            else "",
            "generated": (
                _("Generated on %(date)s from the data approved in the monitoring system.")
                if report.final
                else _("Generated on %(date)s; includes data submitted but not yet approved.")
            )
            % {"date": formatting.local_datetime(report.generated_at)},
            "cutoff": _("Data as approved by %(date)s.")
            % {"date": formatting.local_datetime(report.cutoff)}
            if report.cutoff
            else "",
            "untranslated": ngettext(
                "%(count)s text is given in Spanish only, marked †.",
                "%(count)s texts are given in Spanish only, marked †.",
                untranslated,
            )
            % {"count": formatting.number(untranslated)}
            if untranslated
            else "",
        }
    return report


def data_used(report):
    """The figures a report was built from, kept with a published report."""
    return {
        "year": report.year,
        "language": report.language,
        "final": report.final,
        "generated_at": report.generated_at.isoformat(),
        "cutoff": report.cutoff.isoformat() if report.cutoff else None,
        "plan": report.plan_code,
        "plan_version": report.plan_version,
        "indicators": [
            {
                "code": result.code,
                "value": result.value,
                "figure": result.figure.chart() if result.figure is not None else None,
                "cumulative": result.cumulative,
                "status": str(result.status),
                "explanation": result.explanation,
            }
            for result in report.results
        ],
        "activities": sum(
            len(t.rows)
            for area in report.areas
            for g in area.goals
            for ln in g.lines
            for t in ln.tables
        ),
    }
