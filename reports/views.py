from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.access import can_review
from audit.fields import actor
from core.spreadsheets import download
from indicators.models import Plan
from indicators.views import plan_or_404
from reporting.models import ReportingYear

from .formatters import FORMATTERS
from .forms import IntroductionForm, ReportForm, introduction_conflict
from .generator import ReportError
from .models import PublishedReport, ReportIntroduction
from .publishing import produce


def _years(plan):
    return [
        y
        for y in ReportingYear.objects.for_plan(plan)
        .order_by("-year")
        .values_list("year", flat=True)
        if y in plan.years
    ]


@require_http_methods(["GET", "POST"])
@login_required
def report_page(request):
    """The working group's report page: choose year, language, format, draft or final."""
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    years = _years(plan)
    form = ReportForm(request.POST or None, years=years)
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        form.fields["year"].initial = int(asked)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            produced = produce(
                plan,
                data["year"],
                data["language"],
                data["format"],
                final=data["kind"] == "final",
                by=request.user,
            )
        except ReportError as error:
            form.add_error("year", str(error))
        else:
            return download(produced.content, produced.filename, produced.content_type)
    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    year = year or form.fields["year"].initial
    introductions = ReportIntroduction.objects.for_plan(plan)
    introduction = introductions.filter(year=year).first() if year else None
    introduction_form = IntroductionForm(instance=introduction) if year else None
    return _page(
        request,
        form,
        year,
        introduction_form,
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _page(request, form, year, introduction_form, conflict=None, status=200):
    introduction = introduction_form.instance if introduction_form else None
    return render(
        request,
        "reports/report_page.html",
        {
            "form": form,
            "year": year,
            "introduction_form": introduction_form,
            "introduction_version": introduction.version if introduction and introduction.pk else 0,
            "conflict": conflict,
            "published": PublishedReport.objects.for_plan(plan_or_404(request)).defer("data")[:50],
        },
        status=status,
    )


@require_POST
@login_required
def introduction(request, year):
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    if year not in _years(plan):
        messages.error(
            request, _("The year %(year)s has not been opened for reporting.") % {"year": year}
        )
        return redirect("reports:page")
    with transaction.atomic():
        # The plan's row serialises the introductions: two first saves never both create one,
        # and a text saved over someone else's later one is shown side by side.
        list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True))
        stored = ReportIntroduction.objects.for_plan(plan).filter(year=year).first()
        # The form works on a copy: `stored` stays the stored text, to compare with.
        form = IntroductionForm(
            request.POST, instance=copy(stored) or ReportIntroduction(plan=plan, year=year)
        )
        stored_version = stored.version if stored else 0
        if form.is_valid() and _posted_version(request) == stored_version:
            saved = form.save(commit=False)
            saved.updated_by = actor(request.user)
            saved.version = stored_version + 1
            saved.save()
            messages.success(request, _("Introduction of %(year)s saved.") % {"year": year})
            return redirect(reverse("reports:page") + f"?year={year}")
    report_form = ReportForm(years=_years(plan))
    report_form.fields["year"].initial = year
    if not form.is_valid():
        form.instance.version = _posted_version(request) or 0  # keep what the page was loaded at
        return _page(request, report_form, year, form, status=400)
    conflict = introduction_conflict(stored, form)
    form.instance.version = stored_version  # sent again, the text replaces the other version
    return _page(request, report_form, year, form, conflict, status=409)


def _posted_version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@require_GET
def published_list(request):
    """Published reports are public: anyone may download them, unchanged."""
    return render(
        request,
        "reports/published.html",
        {"published": PublishedReport.objects.for_plan(plan_or_404(request)).defer("data")[:200]},
    )


@require_GET
def published_download(request, pk):
    report = get_object_or_404(PublishedReport.objects.for_plan(plan_or_404(request)), pk=pk)
    content_type = FORMATTERS[report.format][1]
    with report.file.open("rb") as stored:
        return download(stored.read(), report.filename, content_type)
