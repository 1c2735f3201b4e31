"""The working group's report page: previews, the report's own texts, and the way to publish."""

from copy import copy
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from agencies.access import can_review
from audit.fields import actor
from indicators.models import Plan
from indicators.views import plan_or_404

from .. import jobs
from ..forms import ConclusionForm, IntroductionForm, ReportForm, YearLanguageForm, text_conflict
from ..models import PublishedReport, ReportConclusion, ReportIntroduction, ReportJob, paragraphs
from .common import report_years

# Recent jobs shown on the page, so that a preview started earlier can still be downloaded.
RECENT_JOBS = 10


@dataclass(frozen=True)
class TextKind:
    """The introduction or the conclusions: the same versioned editing, its own words."""

    name: str
    model: type
    form: type
    heading: str  # with %(year)s
    save_label: str
    saved: str  # with %(year)s


TEXTS = {
    "introduction": TextKind(
        "introduction",
        ReportIntroduction,
        IntroductionForm,
        gettext_lazy("Introduction of the %(year)s report"),
        gettext_lazy("Save the introduction"),
        gettext_lazy("Introduction of %(year)s saved."),
    ),
    "conclusions": TextKind(
        "conclusions",
        ReportConclusion,
        ConclusionForm,
        gettext_lazy("Conclusions of the %(year)s report"),
        gettext_lazy("Save the conclusions"),
        gettext_lazy("Conclusions of %(year)s saved."),
    ),
}


@dataclass
class TextBlock:
    """One text's form on the page, with what the page was loaded at, a conflict, a preview."""

    kind: TextKind
    year: int
    form: object
    version: int
    conflict: object = None
    preview: list | None = None  # (language label, paragraphs)

    @property
    def heading(self):
        return self.kind.heading % {"year": self.year}

    @property
    def url(self):
        return reverse(f"reports:{self.kind.name}", args=[self.year])


def _blocks(plan, year, sent=None):
    """The page's text blocks, and the one `sent` ((kind, form) as posted) replaces."""
    blocks, chosen = [], None
    for kind in TEXTS.values():
        stored = kind.model.objects.for_plan(plan).filter(year=year).first()
        block = TextBlock(kind, year, kind.form(instance=stored), stored.version if stored else 0)
        if sent is not None and sent[0] is kind:
            block.form, chosen = sent[1], block
        blocks.append(block)
    return blocks, chosen


@require_http_methods(["GET", "POST"])
@login_required
def report_page(request):
    """Preview a report (a job: the page follows it), write the report's texts, and choose a
    report to publish."""
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    years = report_years(plan)
    form = ReportForm(request.POST or None, years=years)
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        form.fields["year"].initial = int(asked)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = jobs.preview(
            plan,
            data["year"],
            data["language"],
            data["format"],
            draft=data["kind"] == ReportForm.DRAFT,
            by=request.user,
        )
        return redirect("reports:job", job.pk)
    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    year = year or form.fields["year"].initial
    blocks = _blocks(plan, year)[0] if year else []
    return _page(request, plan, form, year, blocks, status=400 if form.is_bound else 200)


def _page(request, plan, form, year, blocks, status=200):
    publish_form = YearLanguageForm(years=report_years(plan), auto_id="publish_%s")
    if year:
        publish_form.fields["year"].initial = year
    return render(
        request,
        "reports/report_page.html",
        {
            "form": form,
            "year": year,
            "blocks": blocks,
            "publish_form": publish_form,
            "jobs": ReportJob.objects.for_plan(plan)[:RECENT_JOBS],
            "current": PublishedReport.objects.for_plan(plan).current().listed(),
        },
        status=status,
    )


@require_POST
@login_required
def text(request, year, kind):
    """Save the introduction or the conclusions of a year, or preview how they will read."""
    if not can_review(request.user):
        raise PermissionDenied
    kind = TEXTS[kind]
    plan = plan_or_404(request)
    if year not in report_years(plan):
        messages.error(
            request, _("The year %(year)s has not been opened for reporting.") % {"year": year}
        )
        return redirect("reports:page")
    if request.POST.get("action") == "preview":
        return _preview_text(request, plan, year, kind)
    with transaction.atomic():
        # The plan's row serialises the texts: two first saves never both create one, and a
        # text saved over someone else's later one is shown side by side.
        list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True))
        stored = kind.model.objects.for_plan(plan).filter(year=year).first()
        # The form works on a copy: `stored` stays the stored text, to compare with.
        form = kind.form(request.POST, instance=copy(stored) or kind.model(plan=plan, year=year))
        stored_version = stored.version if stored else 0
        if form.is_valid() and _posted_version(request) == stored_version:
            saved = form.save(commit=False)
            saved.updated_by = actor(request.user)
            saved.version = stored_version + 1
            saved.save()
            messages.success(request, kind.saved % {"year": year})
            return redirect(reverse("reports:page") + f"?year={year}")
    blocks, block = _blocks(plan, year, sent=(kind, form))
    if not form.is_valid():
        block.version = _posted_version(request) or 0  # keep what the page was loaded at
        return _page(request, plan, _report_form(plan, year), year, blocks, status=400)
    block.conflict = text_conflict(stored, form)
    block.version = stored_version  # sent again, the text replaces the other version
    return _page(request, plan, _report_form(plan, year), year, blocks, status=409)


def _preview_text(request, plan, year, kind):
    """The text as the report will print it (paragraphs), without saving it."""
    stored = kind.model.objects.for_plan(plan).filter(year=year).first()
    form = kind.form(request.POST, instance=copy(stored) or kind.model(plan=plan, year=year))
    blocks, block = _blocks(plan, year, sent=(kind, form))
    block.version = _posted_version(request) or 0
    if not form.is_valid():
        return _page(request, plan, _report_form(plan, year), year, blocks, status=400)
    block.preview = [
        (form.fields[name].label, paragraphs(form.cleaned_data[name]))
        for name in ("text_es", "text_en")
    ]
    return _page(request, plan, _report_form(plan, year), year, blocks)


def _report_form(plan, year):
    form = ReportForm(years=report_years(plan))
    form.fields["year"].initial = year
    return form


def _posted_version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
