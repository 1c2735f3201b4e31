from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.access import can_review
from audit.fields import actor
from indicators.models import Plan
from reporting.models import ReportingYear

from .formatters import FORMATTERS
from .forms import IntroductionForm, ReportForm
from .generator import ReportError
from .models import PublishedReport, ReportIntroduction
from .publishing import produce
from .spreadsheets import download


def _years():
    plan = Plan.objects.current()
    if plan is None:
        return []
    return [
        y
        for y in ReportingYear.objects.filter(plan=plan)
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
    years = _years()
    form = ReportForm(request.POST or None, years=years)
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        form.fields["year"].initial = int(asked)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            produced = produce(
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
    introduction = ReportIntroduction.objects.filter(year=year).first() if year else None
    return render(
        request,
        "reports/report_page.html",
        {
            "form": form,
            "year": year,
            "introduction_form": IntroductionForm(instance=introduction) if year else None,
            "published": PublishedReport.objects.defer("data")[:50],
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_POST
@login_required
def introduction(request, year):
    if not can_review(request.user):
        raise PermissionDenied
    if year not in _years():
        messages.error(
            request, _("The year %(year)s has not been opened for reporting.") % {"year": year}
        )
        return redirect("reports:page")
    instance = ReportIntroduction.objects.filter(year=year).first() or ReportIntroduction(year=year)
    form = IntroductionForm(request.POST, instance=instance)
    if form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = actor(request.user)
        saved.save()
        messages.success(request, _("Introduction of %(year)s saved.") % {"year": year})
    return redirect(reverse("reports:page") + f"?year={year}")


@require_GET
def published_list(request):
    """Published reports are public: anyone may download them, unchanged."""
    return render(
        request,
        "reports/published.html",
        {"published": PublishedReport.objects.defer("data")[:200]},
    )


@require_GET
def published_download(request, pk):
    report = get_object_or_404(PublishedReport, pk=pk)
    content_type = FORMATTERS[report.format][1]
    with report.file.open("rb") as stored:
        return download(stored.read(), report.filename, content_type)
