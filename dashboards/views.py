from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from agencies.access import can_read_drafts_of, can_review
from agencies.models import Agency
from audit.fields import actor
from core.exports import FORMATS
from indicators.models import Indicator, Target
from indicators.views import plan_or_404
from measures.bound import measure_of
from references.filters import linked_indicator_ids
from reporting.models import Submission

from . import charts, exports
from .activities import activities_behind, by_region
from .forms import AssessmentForm, DashboardFilter, rating_conflict
from .models import Assessment
from .progress import RULES, Progress, Source
from .statuses import only_indicators
from .tables import DashboardActivityTable, TimelinessTable


def coverage(plan):
    """year -> (approved, submissions): how many agencies' reports of each year are approved."""
    rows = (
        Submission.objects.for_plan(plan)
        .values("reporting_year__year")
        .annotate(
            submissions=Count("pk"),
            approved=Count("pk", filter=Q(status=Submission.Status.APPROVED)),
        )
        .order_by()
    )
    return {r["reporting_year__year"]: (r["approved"], r["submissions"]) for r in rows}


def default_year(plan, years_coverage):
    """The latest year of the plan in which every agency's report is approved: a year that is
    still coming in would show mostly "not reported". Failing that, the latest year with any
    approved report, then the plan's first year."""
    years = sorted(y for y in years_coverage if y in plan.years)
    complete = [y for y in years if years_coverage[y][0] == years_coverage[y][1]]
    some = [y for y in years if years_coverage[y][0]]
    return (complete or some or [plan.start_year])[-1]


def _filtered(request, frameworks=False):
    """Progress for the request's filter. Non-reviewers always get approved data only."""
    plan = plan_or_404(request)
    reviewer = can_review(request.user)
    years_coverage = coverage(plan)
    form = DashboardFilter(
        request.GET or None,
        plan=plan,
        default_year=default_year(plan, years_coverage),
        can_review=reviewer,
        frameworks=frameworks,
    )
    choice = form.choices()
    if not reviewer:
        choice["source"] = Source.APPROVED
    approved, submissions = years_coverage.get(choice["year"], (0, 0))
    choice["coverage"] = {"approved": approved, "submissions": submissions}
    progress = Progress(plan, source=choice["source"], agency=choice["agency"])
    return form, choice, progress


def _status_code(form):
    return 400 if form.is_bound and not form.is_valid() else 200


def _query(request, **extra):
    params = request.GET.copy()
    params.pop("format", None)
    for key, value in extra.items():
        params[key] = value
    return params.urlencode()


def _downloads(request, **extra):
    return {fmt: _query(request, format=fmt, **extra) for fmt in FORMATS}


def _export_format(request):
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


@require_GET
def overview(request):
    form, choice, progress = _filtered(request, frameworks=True)
    year, so_far = choice["year"], choice["so_far"]
    areas = progress.overview(year, so_far=so_far)
    if choice["framework"] is not None:
        areas = only_indicators(areas, linked_indicator_ids(choice["framework"], progress.plan))
    fmt = _export_format(request)
    if fmt:
        goals = [goal_progress for _area, goals in areas for goal_progress in goals]
        filename = _("progress-%(year)s") % {"year": year}
        return exports.ResultsExport(goals, filename).response(fmt)
    return render(
        request,
        "dashboards/overview.html",
        {
            "form": form,
            "choice": choice,
            "areas": areas,
            "goal_count": len(progress.goals),
            "plan": progress.plan,
            "rules": RULES,
            "agencies": form.fields["agency"].queryset,
            "downloads": _downloads(request),
        },
        status=_status_code(form),
    )


@require_GET
def goal_detail(request, number):
    form, choice, progress = _filtered(request)
    goal = next((g for g in progress.goals if g.number == number), None)
    if goal is None:
        raise Http404
    year = choice["year"]
    goal_progress = progress.goal(goal, year, so_far=choice["so_far"])
    years = [y for y in progress.plan.years if y <= max(progress.latest_year, year)]
    matrix = [
        (indicator, [progress.indicator(indicator, y) for y in years])
        for indicator in goal.indicators.all()
    ]
    agencies = sorted(
        {r.agency.code for i in goal.indicators.all() for r in i.responsibilities.all()}
    )
    contributions = []
    for indicator in goal.indicators.all():
        own = progress.by_agency(indicator, year)
        cells = [
            (code, own[code][1] if code in own else None, _in_charge(indicator, code))
            for code in agencies
        ]
        contributions.append((indicator, cells))
    fmt = _export_format(request)
    if fmt:
        name = _("goal-%(number)s-%(year)s") % {"number": number, "year": year}
        table = request.GET.get("table")
        if table == "years":
            filename = _("%(name)s-by-year") % {"name": name}
            return exports.GoalYearsExport(matrix, years, filename).response(fmt)
        if table == "contributions":
            filename = _("%(name)s-agencies") % {"name": name}
            return exports.ContributionsExport(contributions, agencies, filename).response(fmt)
        return exports.ResultsExport([goal_progress], name).response(fmt)
    reviewer = can_review(request.user)
    return render(
        request,
        "dashboards/goal.html",
        {
            "form": form,
            "choice": choice,
            "goal": goal,
            "goal_progress": goal_progress,
            "years": years,
            "matrix": matrix,
            "agencies": agencies,
            "contributions": contributions,
            "can_assess": reviewer,
            "assessment_form": AssessmentForm() if reviewer else None,
            "downloads": _downloads(request),
            "downloads_years": _downloads(request, table="years"),
            "downloads_contributions": _downloads(request, table="contributions"),
        },
        status=_status_code(form),
    )


def _in_charge(indicator, code):
    return any(r.agency.code == code for r in indicator.responsibilities.all())


@require_GET
def indicator_detail(request, code):
    form, choice, progress = _filtered(request)
    indicator = next((i for i in progress.indicators.values() if i.code == code), None)
    if indicator is None:
        raise Http404
    year = choice["year"]
    latest = max(progress.latest_year, year)
    years = [y for y in progress.plan.years if y <= latest]
    yearly = [progress.indicator(indicator, y) for y in years]
    # What the selector asks for: the year, or the plan so far up to that year.
    shown = (
        progress.indicator_so_far(indicator, year)
        if choice["so_far"]
        else progress.indicator(indicator, year)
    )
    statuses = [Submission.Status.APPROVED]
    if choice["source"] == Source.SUBMITTED:
        statuses.append(Submission.Status.SUBMITTED)
    activities = activities_behind(progress.plan, indicator, year, statuses, choice["agency"])
    entity_rows = by_region(progress.plan, indicator, year, statuses, choice["agency"])
    region_label = progress.plan.country.region_label
    fmt = _export_format(request)
    if fmt:
        name = _("indicator-%(code)s-%(year)s") % {"code": indicator.code, "year": year}
        table_name = request.GET.get("table")
        if table_name == "activities":
            filename = _("%(name)s-activities") % {"name": name}
            ordered = activities.order_by("start_date", "pk")
            return exports.ActivitiesExport(ordered, region_label, filename).response(fmt)
        if table_name == "entities":
            filename = _("%(name)s-regions") % {"name": name}
            return exports.RegionsExport(entity_rows, region_label, filename).response(fmt)
        filename = _("indicator-%(code)s") % {"code": indicator.code}
        return exports.IndicatorYearsExport(yearly, filename).response(fmt)
    table = DashboardActivityTable(activities)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    trend = progress.trend(indicator, latest)
    # The regions' chart draws what the indicator counts: people where it counts people, else
    # the activities' quantities (courses, networks...).
    counts_people = "women" in measure_of(indicator).fields
    entity_value, entity_label = (
        ("total", _("People")) if counts_people else ("quantity", _("Quantity"))
    )
    context = {
        "form": form,
        "choice": choice,
        "indicator": indicator,
        "plan": progress.plan,
        "yearly": yearly,
        "shown": shown,
        "table": table,
        "entity_rows": entity_rows,
        "trend_chart": None if trend.is_empty else charts.trend_chart(trend),
        "sex_chart": charts.sex_chart(
            yearly, _("Indicator %(code)s: women and men") % {"code": indicator.code}
        )
        if counts_people
        else None,
        "entity_chart": charts.entity_chart(
            _("By %(region)s, %(year)s") % {"region": region_label.lower(), "year": year},
            entity_rows,
            entity_value,
            entity_label,
        )
        if entity_rows
        else None,
        "downloads": _downloads(request),
        "downloads_activities": _downloads(request, table="activities"),
        "downloads_entities": _downloads(request, table="entities"),
        "region_label": region_label,
    }
    return render(request, "dashboards/indicator.html", context, status=_status_code(form))


@require_GET
def agency_detail(request, code):
    plan = plan_or_404(request)
    agency = get_object_or_404(Agency.objects.in_charge_of(plan).implementing(), code=code)
    submissions = (
        Submission.objects.for_plan(plan)
        .filter(agency=agency)
        .select_related("reporting_year")
        .with_completeness()
        .order_by("reporting_year__year")
    )
    # The indicators it answers for, each with the years it is in force (one query).
    spans = list(
        Indicator.objects.for_plan(plan)
        .filter(responsibilities__agency=agency)
        .values_list("first_year", "last_year")
    )

    def due_in(year):
        return sum(1 for first, last in spans if (first or year) <= year <= (last or year))

    due = due_in(plan.end_year)
    # Until approved, what an agency has answered is its own and the working group's business:
    # others see where each year stands and whether it was on time, not the draft's progress.
    internal = can_read_drafts_of(request.user, agency)
    rows = []
    for s in submissions:
        shown = internal or s.status == Submission.Status.APPROVED
        year_due = due_in(s.reporting_year.year)
        rows.append(
            {
                "year": s.reporting_year.year,
                "status": s.get_status_display(),
                "answered": s.answered if shown else None,
                "due": year_due,
                "completeness": _("%(answered)s of %(due)s")
                % {"answered": s.answered, "due": year_due}
                if shown
                else None,
                "no_data": s.no_data_answers if shown else None,
                "activities": s.activity_count if shown else None,
                "deadline": s.reporting_year.deadline,
                "submitted": s.submitted_at,
                "timeliness": _("late")
                if s.is_late
                else (_("on time") if s.submitted_at else _("not submitted")),
                "approved": s.approved_at,
            }
        )
    fmt = _export_format(request)
    if fmt:
        return exports.TimelinessExport(rows, agency).response(fmt)
    return render(
        request,
        "dashboards/agency.html",
        {
            "agency": agency,
            "table": TimelinessTable(rows),
            "due": due,
            "downloads": _downloads(request),
        },
    )


def _posted_version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@require_POST
@login_required
def assess(request, year, kind, pk):
    """The working group rates a qualitative target (or an indicator without target).

    The target's (or indicator's) row is locked while the rating is read and written: two people
    rating at once never both create one, and a rating saved over a later one is shown side by
    side instead of silently replacing it. Earlier ratings stay in the history."""
    if not can_review(request.user):
        raise PermissionDenied
    plan = plan_or_404(request)
    if year not in plan.years or kind not in ("target", "indicator"):
        raise Http404
    model = Target if kind == "target" else Indicator
    subject = get_object_or_404(model.objects.for_plan(plan), pk=pk)
    goal = subject.goal
    back = reverse("dashboards:goal", args=[goal.number]) + f"?year={year}"
    with transaction.atomic():
        model.objects.select_for_update().get(pk=pk)
        instance = Assessment.objects.filter(year=year, **{kind: subject}).first()
        stored_version = instance.version if instance else 0
        # The form works on a copy: `instance` stays the stored rating, to compare with.
        form = AssessmentForm(
            request.POST, instance=copy(instance) or Assessment(year=year, **{kind: subject})
        )
        if not form.is_valid():
            return _assess_again(request, form, subject, year, back, status=400)
        if _posted_version(request) != stored_version:
            conflict = rating_conflict(instance, form, kind == "target")
            return _assess_again(request, form, subject, year, back, conflict, status=409)
        assessment = form.save(commit=False)
        assessment.by = actor(request.user)
        assessment.at = timezone.now()
        assessment.version = stored_version + 1
        assessment.save()
    messages.success(request, _("Rating saved."))
    return redirect(back)


def _assess_again(request, form, subject, year, back, conflict=None, status=400):
    """The rating form again, with the person's entries, and why it was not saved."""
    return render(
        request,
        "dashboards/assess_again.html",
        {
            "form": form,
            "subject": subject,
            "year": year,
            "back": back,
            "conflict": conflict,
            "version": form.instance.version if form.instance.pk else 0,
        },
        status=status,
    )
