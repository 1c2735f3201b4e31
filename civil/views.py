"""Civil society's comments and shadow ratings: reading and writing them by indicator year,
withdrawing one's own, and the working group's moderation. Access comes from civil.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.models import Indicator
from indicators.views import plan_or_404

from .access import (
    can_moderate,
    get_assessment_for_user,
    may_comment,
    organisation_of,
    visible_to,
)
from .forms import AnswerForm, AssessmentForm, HideForm
from .models import ShadowAssessment
from .results import official_years

PER_PAGE = 50


def _related(queryset):
    return queryset.select_related("organisation", "indicator", "indicator__goal")


def indicator_url(assessment):
    return reverse("civil:indicator", args=[assessment.indicator.code, assessment.year])


@require_GET
def index(request):
    """Published assessments for everyone; a member also reads its own organisation's."""
    plan = plan_or_404(request)
    shown = _related(visible_to(request.user, ShadowAssessment.objects.for_plan(plan)))
    page = Paginator(
        shown.order_by("-year", "indicator__goal__number", "indicator__position", "pk"), PER_PAGE
    )
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    return render(
        request,
        "civil/index.html",
        {
            "page": page.get_page(number),
            "organisation": organisation_of(request.user),
            "can_moderate": can_moderate(request.user),
            "indicators": Indicator.objects.for_plan(plan).order_by("goal__number", "position"),
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_year(request, code, year):
    """An indicator's result of one year, as civil society sees it: the published assessments
    (with the working group's answers), and for a member its own organisation's, which it writes
    and changes here."""
    plan = plan_or_404(request)
    indicator = get_object_or_404(
        Indicator.objects.for_plan(plan).select_related("goal"), code=code
    )
    if year not in plan.years:
        raise Http404
    open_years = official_years(plan, indicator)
    organisation = organisation_of(request.user)
    own = None
    if organisation is not None:
        own = (
            ShadowAssessment.objects.current()
            .filter(organisation=organisation, indicator=indicator, year=year)
            .first()
        )
    form, status = None, 200
    may_write = organisation is not None and year in open_years
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if not may_write:
            raise PermissionDenied
        form = AssessmentForm(request.POST)
        if form.is_valid():
            saved = _save(request, organisation, indicator, year, form)
            if saved:
                return redirect(request.path)
        status = 400
    elif may_write:
        form = AssessmentForm(instance=own) if own else AssessmentForm()
    shown = _related(
        visible_to(request.user, ShadowAssessment.objects.filter(indicator=indicator, year=year))
    ).order_by("organisation__name")
    return render(
        request,
        "civil/indicator_year.html",
        {
            "indicator": indicator,
            "year": year,
            "open_years": open_years,
            "is_open": year in open_years,
            "assessments": shown,
            "own": own,
            "organisation": organisation,
            "form": form,
            "can_moderate": can_moderate(request.user),
            "signed_in_without_organisation": request.user.is_authenticated
            and not may_comment(request.user),
        },
        status=status,
    )


def _save(request, organisation, indicator, year, form):
    """Create or change the organisation's assessment, under the indicator's row lock: two
    members writing at once never make two."""
    data = form.cleaned_data
    with transaction.atomic():
        Indicator.objects.select_for_update().get(pk=indicator.pk)
        own = (
            ShadowAssessment.objects.current()
            .filter(organisation=organisation, indicator=indicator, year=year)
            .first()
        )
        try:
            if own is None:
                ShadowAssessment.objects.create(
                    organisation=organisation,
                    indicator=indicator,
                    year=year,
                    comment=data["comment"],
                    rating=data["rating"],
                    justification=data["justification"],
                    by=request.user.get_username(),
                )
            else:
                own.revise(request.user, data["comment"], data["rating"], data["justification"])
        except ValidationError as error:
            form.add_error(None, error)
            return False
    messages.success(request, _("Saved. The working group will review it before it is published."))
    return True


@require_POST
@login_required
def withdraw(request, pk):
    plan = plan_or_404(request)
    assessment, may_write = get_assessment_for_user(request.user, plan, pk)
    if not may_write:
        raise PermissionDenied
    try:
        assessment.withdraw(request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your assessment was withdrawn."))
    return redirect(indicator_url(assessment))


def _moderated(request, pk):
    if not can_moderate(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    assessment, _may_write = get_assessment_for_user(request.user, plan, pk)
    return assessment


def _seen(request):
    """When the version the moderator read was written (a hidden field of the page), or None
    when the form does not say. A value that is not a date matches no version: refused."""
    if "seen" not in request.POST:
        return None
    try:
        return parse_datetime(request.POST["seen"]) or ""
    except ValueError:
        return ""


def _back(request, assessment):
    """Back to the queue when moderating from it, else to the indicator's year."""
    if request.POST.get("next") == "queue":
        return redirect("civil:moderation")
    return redirect(indicator_url(assessment))


def _decide(request, assessment, act, done):
    """Carry out a moderation decision: its refusal (a version changed since it was read, a
    state that no longer allows it) or its success is told, then back where it was taken."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(request, assessment)


@require_POST
@login_required
def publish(request, pk):
    assessment = _moderated(request, pk)
    return _decide(
        request,
        assessment,
        lambda: assessment.publish(request.user, seen=_seen(request)),
        _("Published."),
    )


@require_POST
@login_required
def hide(request, pk):
    assessment = _moderated(request, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        return _moderation_page(request, hide_form=form, failed=assessment, status=400)
    return _decide(
        request,
        assessment,
        lambda: assessment.hide(request.user, form.cleaned_data["reason"], seen=_seen(request)),
        _("Hidden; the organisation reads the reason."),
    )


@require_POST
@login_required
def answer(request, pk):
    assessment = _moderated(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _moderation_page(request, answer_form=form, failed=assessment, status=400)
    return _decide(
        request,
        assessment,
        lambda: assessment.give_answer(request.user, form.cleaned_data["answer"]),
        _("Your answer is published under the assessment."),
    )


@require_GET
@login_required
def moderation(request):
    if not can_moderate(request.user):
        raise PermissionDenied
    return _moderation_page(request)


def _moderation_page(request, hide_form=None, answer_form=None, failed=None, status=200):
    """The queue: what waits for moderation, oldest first, then the published ones still
    without an answer."""
    plan = plan_or_404(request)
    scoped = _related(ShadowAssessment.objects.for_plan(plan))
    return render(
        request,
        "civil/moderation.html",
        {
            "pending": scoped.pending().order_by("at", "pk"),
            "unanswered": scoped.published()
            .filter(answer="")
            .order_by("-moderated_at", "pk")[:PER_PAGE],
            "failed": failed,
            "bad_form": hide_form or answer_form,
        },
        status=status,
    )
