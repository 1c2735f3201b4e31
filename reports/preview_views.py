"""The report's HTML preview for the working group: the same layout the DOCX and the PDF
render, read in the browser before anything is generated or published."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from agencies.access import can_review
from indicators.views import plan_or_404

from .generator import ReportError, build
from .layout import layout


@require_GET
@login_required
def preview(request, year):
    """?language=es|en&data=approved|submitted"""
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    language = request.GET.get("language", translation.get_language() or "es")[:2]
    if language not in ("es", "en"):
        raise Http404
    final = request.GET.get("data", "approved") != "submitted"
    try:
        report = build(plan, year, language=language, final=final, preview=True)
    except ReportError as error:
        raise Http404(str(error)) from error
    return render(request, "reports/preview.html", {"page": layout(report), "year": year})
