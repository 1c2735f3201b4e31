"""Publishing a version (after a confirmation), withdrawing one, and the public list."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agencies.access import can_review
from core.spreadsheets import download
from indicators.views import plan_or_404

from .. import jobs
from ..forms import PublishForm, WithdrawForm, YearLanguageForm
from ..models import Format, PublicationConflict, PublishedFile, PublishedReport, ReportJob
from ..publishing import data_state
from .common import report_years


@require_http_methods(["GET", "POST"])
@login_required
def publish(request):
    """What a publication will be (plan, year, language, data cut-off, formats, the version it
    supersedes), and, once confirmed, the job that produces it."""
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    years = report_years(plan)
    if request.method == "POST":
        form = PublishForm(request.POST, years=years)
    else:
        form = YearLanguageForm(request.GET or None, years=years)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "reports/publish.html", {"form": form}, status=status)
    year, language = form.cleaned_data["year"], form.cleaned_data["language"]
    running = ReportJob.objects.unfinished_publication(plan, year, language).first()
    if running is not None:
        messages.info(request, _("This report is being published: follow it here."))
        return redirect("reports:job", running.pk)
    state = data_state(plan, year)
    versions = list(PublishedReport.objects.for_plan(plan).of(year, language).order_by("-number"))
    number = (versions[0].number if versions else 0) + 1
    if request.method == "POST":
        sent = form.cleaned_data
        if sent["number"] != number or sent["state"] != state.fingerprint:
            messages.warning(
                request,
                _(
                    "Something changed since this page was loaded (an approval, a text of the "
                    "report, or another version): check again what will be published."
                ),
            )
        elif state.anything_approved:
            job = jobs.publication(plan, year, language, number, state.fingerprint, request.user)
            return redirect("reports:job", job.pk)
    confirm = PublishForm(
        initial={"year": year, "language": language, "number": number, "state": state.fingerprint},
        years=years,
    )
    return render(
        request,
        "reports/publish.html",
        {
            "form": form,
            "confirm": confirm,
            "plan": plan,
            "year": year,
            "language": dict(settings.LANGUAGES)[language],
            "formats": [f.label for f in Format],
            "state": state,
            "number": number,
            "current": next((v for v in versions if v.is_current), None),
            "latest": versions[0] if versions else None,
        },
        # A confirmation sent for a state that is no longer the one shown now.
        status=409 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request, pk):
    """Withdraw a published version, with a reason that stays public beside it."""
    if not can_review(request.user):
        raise PermissionDenied
    version = get_object_or_404(
        PublishedReport.objects.for_plan(plan_or_404(request)).select_related("plan"), pk=pk
    )
    if version.is_withdrawn:
        messages.info(request, _("This version has already been withdrawn."))
        return redirect("reports:published")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version.withdraw(request.user, form.cleaned_data["reason"])
        except PublicationConflict as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("Version %(number)s of the %(year)s report (%(language)s) was withdrawn.")
                % {
                    "number": version.number,
                    "year": version.year,
                    "language": version.get_language_display(),
                },
            )
        return redirect("reports:published")
    return render(
        request,
        "reports/withdraw.html",
        {"version": version, "form": form},
        status=400 if form.is_bound else 200,
    )


@dataclass
class Shelf:
    """A report (a year, a language): its current version, and the versions before it."""

    year: int
    language: str
    current: PublishedReport | None = None
    earlier: list = field(default_factory=list)


def shelves(versions):
    """Versions (newest first within a report) grouped by year and language."""
    found = {}
    for version in versions:
        shelf = found.setdefault(
            (version.year, version.language),
            Shelf(version.year, version.get_language_display()),
        )
        if version.is_current:
            shelf.current = version
        else:
            shelf.earlier.append(version)
    return list(found.values())


@require_GET
def published_list(request):
    """Published reports are public: each report's current version, and the versions before it
    (superseded, or withdrawn with the reason), downloadable unchanged."""
    versions = PublishedReport.objects.for_plan(plan_or_404(request)).listed()
    return render(
        request,
        "reports/published.html",
        {"shelves": shelves(versions), "can_withdraw": can_review(request.user)},
    )


@require_GET
def published_download(request, pk):
    files = PublishedFile.objects.filter(report__plan=plan_or_404(request))
    kept = get_object_or_404(files.select_related("report__plan"), pk=pk)
    # A withdrawn version may have been withdrawn for what it shows: its record stays public,
    # its files only for the working group.
    if kept.report.is_withdrawn and not can_review(request.user):
        raise Http404
    with kept.file.open("rb") as stored:
        return download(stored.read(), kept.filename, kept.content_type)
