from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from agencies.access import can_read_drafts_of, can_review
from agencies.models import Agency
from audit.fields import actor
from core.spreadsheets import table_response
from indicators.models import Indicator, Plan, Target
from indicators.views import plan_or_404
from reporting.models import Activity, ReportingYear, Submission

from . import charts
from .forms import AssessmentForm, DashboardFilter, rating_conflict
from .models import Assessment
from .progress import RULES, Progress, Source, Status
from .tables import DashboardActivityTable, TimelinessTable

EXPORT_FORMATS = ("csv", "xlsx")


def _filtered(request):
    """Progress for the request's filter. Non-reviewers always get approved data only."""
    plan = plan_or_404(request)
    reviewer = can_review(request.user)
    # The latest year with approved data: a year just opened for entry would show nothing.
    years = list(
        Submission.objects.for_plan(plan)
        .approved()
        .values_list("reporting_year__year", flat=True)
        .distinct()
    ) or list(ReportingYear.objects.for_plan(plan).values_list("year", flat=True))
    in_plan = [y for y in years if y in plan.years]
    default_year = max(in_plan) if in_plan else plan.start_year
    form = DashboardFilter(
        request.GET or None, plan=plan, default_year=default_year, can_review=reviewer
    )
    choice = form.choices()
    if not reviewer:
        choice["source"] = Source.APPROVED
    progress = Progress(plan, source=choice["source"], agency=choice["agency"])
    return form, choice, progress


def _status_code(form):
    return 400 if form.is_bound and not form.is_valid() else 200


def _query(request, **extra):
    params = request.GET.copy()
    for key, value in extra.items():
        params[key] = value
    return params.urlencode()


@require_GET
def overview(request):
    form, choice, progress = _filtered(request)
    year, so_far = choice["year"], choice["so_far"]
    areas = progress.overview(year, so_far=so_far)
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        rows = [
            row
            for _area, goals in areas
            for goal_progress in goals
            for row in _result_rows(goal_progress)
        ]
        return table_response(fmt, f"avance-{year}", _result_headers(), rows, _("Progress"))
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
            "query_csv": _query(request, format="csv"),
            "query_xlsx": _query(request, format="xlsx"),
        },
        status=_status_code(form),
    )


def _result_headers():
    return [
        _("Goal"),
        _("Indicator"),
        _("Target"),
        _("Kind of target"),
        _("Target value"),
        _("Actual"),
        _("Status"),
        _("Explanation"),
        _("Includes data not yet approved"),
    ]


def _result_rows(goal_progress):
    goal = goal_progress.goal
    for indicator_progress in goal_progress.indicators:
        for result in indicator_progress.results:
            yield _result_row(goal, indicator_progress.indicator.code, result)
    for result in goal_progress.goal_wide:
        yield _result_row(goal, "", result)


def _result_row(goal, code, result):
    target = result.target
    return [
        goal.number,
        code,
        target.text if target else "",
        target.get_kind_display() if target else "",
        target.value if target else None,
        result.actual,
        result.status_label,
        result.sentence,
        _("yes") if result.unapproved else "",
    ]


@require_GET
def goal_detail(request, number):
    form, choice, progress = _filtered(request)
    goal = next((g for g in progress.goals if g.number == number), None)
    if goal is None:
        raise Http404
    year = choice["year"]
    goal_progress = progress.goal(goal, year, so_far=choice["so_far"])
    years = [y for y in progress.plan.years if y <= progress.latest_year]
    matrix = []
    for indicator in goal.indicators.all():
        cells = [progress.indicator(indicator, y) for y in years]
        matrix.append((indicator, cells))
    agencies = sorted(
        {r.agency.code for i in goal.indicators.all() for r in i.responsibilities.all()}
    )
    contributions = [
        (
            indicator,
            [
                (code, progress.by_agency(indicator, year).get(code), _in_charge(indicator, code))
                for code in agencies
            ],
        )
        for indicator in goal.indicators.all()
    ]
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        name = f"objetivo-{number}-{year}"
        table = request.GET.get("table")
        if table == "years":
            headers = [
                _("Indicator"),
                *[str(y) for y in years],
                *[f"{_('Status')} {y}" for y in years],
            ]
            rows = [
                [
                    indicator.code,
                    *[_cell_value(cell.combined) for cell in cells],
                    *[cell.status_label for cell in cells],
                ]
                for indicator, cells in matrix
            ]
            return table_response(fmt, f"{name}-anos", headers, rows, _("Year by year"))
        if table == "contributions":
            headers = [_("Indicator"), *agencies]
            rows = [
                [
                    indicator.code,
                    *[_cell_value(value) if in_charge else "" for _c, value, in_charge in cells],
                ]
                for indicator, cells in contributions
            ]
            return table_response(fmt, f"{name}-dependencias", headers, rows, _("Agencies"))
        return table_response(fmt, name, _result_headers(), list(_result_rows(goal_progress)))
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
            "query_csv": _query(request, format="csv"),
            "query_xlsx": _query(request, format="xlsx"),
        },
        status=_status_code(form),
    )


def _cell_value(combined):
    """The number a table cell shows for a combined value."""
    if combined is None:
        return None
    if combined.share is not None:
        return round(float(combined.share), 1)
    if combined.total is not None:
        return combined.total
    if combined.yes is not None:
        return _("Yes") if combined.yes else _("No")
    return " / ".join(combined.texts) or None


def _in_charge(indicator, code):
    return any(r.agency.code == code for r in indicator.responsibilities.all())


@require_GET
def indicator_detail(request, code):
    form, choice, progress = _filtered(request)
    indicator = next((i for i in progress.indicators.values() if i.code == code), None)
    if indicator is None:
        raise Http404
    year = choice["year"]
    years = [y for y in progress.plan.years if y <= progress.latest_year]
    yearly = [progress.indicator(indicator, y) for y in years]
    so_far = progress.indicator_so_far(indicator, progress.latest_year)
    statuses = [Submission.Status.APPROVED]
    if choice["source"] == Source.SUBMITTED:
        statuses.append(Submission.Status.SUBMITTED)
    activities = (
        Activity.objects.for_plan(progress.plan)
        .filter(
            indicator=indicator,
            submission__status__in=statuses,
            submission__reporting_year__year=year,
        )
        .select_related("submission__agency", "subunit", "line__goal", "region")
    )
    if choice["agency"] is not None:
        activities = activities.filter(submission__agency=choice["agency"])
    entity_rows = list(
        activities.exclude(region=None)
        .values("region__name")
        .annotate(
            records=Count("pk"), quantity=Sum("quantity"), women=Sum("women"), total=Sum("total")
        )
        .order_by("region__name")
    )
    for row in entity_rows:
        row["name"] = row["region__name"]
    fmt = request.GET.get("format")
    table_name = request.GET.get("table")
    if fmt in EXPORT_FORMATS:
        region_label = progress.plan.country.region_label
        return _indicator_export(
            fmt, table_name, indicator, year, yearly, activities, entity_rows, region_label
        )
    table = DashboardActivityTable(activities)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    measure_counts = indicator.measure in (Indicator.Measure.COUNT, Indicator.Measure.PEOPLE_BY_SEX)
    entity_value = "quantity" if indicator.measure == Indicator.Measure.COUNT else "total"
    context = {
        "form": form,
        "choice": choice,
        "indicator": indicator,
        "yearly": yearly,
        "so_far": so_far,
        "table": table,
        "entity_rows": entity_rows,
        "entity_value": entity_value,
        "trend_svg": _trend_chart(progress.trend(indicator, progress.latest_year))
        if measure_counts or indicator.measure == Indicator.Measure.SHARE
        else None,
        "sex_svg": _sex_chart(indicator, yearly)
        if indicator.measure == Indicator.Measure.PEOPLE_BY_SEX
        else None,
        "entity_svg": charts.by_entity(
            _("By %(region)s, %(year)s")
            % {"region": progress.plan.country.region_label.lower(), "year": year},
            [r["name"] for r in entity_rows],
            [r[entity_value] or 0 for r in entity_rows],
        )
        if entity_rows
        else None,
        "query": _query(request),
        "region_label": progress.plan.country.region_label,
    }
    return render(request, "dashboards/indicator.html", context, status=_status_code(form))


def _trend_chart(trend):
    return {
        "title": trend.title,
        "svg": charts.trend(
            trend.title, trend.years, trend.values, trend.line, trend.label, trend.unit
        ),
        "headers": [_("Year"), trend.unit.capitalize() or _("Value")],
        "rows": list(zip(trend.years, trend.values, strict=True)),
    }


def _sex_chart(indicator, yearly):
    years = [p.year for p in yearly]
    women = [p.combined.women if p.combined else None for p in yearly]
    men = [p.combined.men if p.combined else None for p in yearly]
    title = _("Indicator %(code)s: women and men") % {"code": indicator.code}
    return {
        "title": title,
        "svg": charts.split_by_sex(title, years, women, men, _("Women"), _("Men")),
        "headers": [_("Year"), _("Women"), _("Men")],
        "rows": list(zip(years, women, men, strict=True)),
    }


def _indicator_export(
    fmt, table_name, indicator, year, yearly, activities, entity_rows, region_label
):
    name = f"indicador-{indicator.code}-{year}"
    if table_name == "activities":
        headers = [
            _("Agency"),
            _("Activity"),
            _("From"),
            _("To"),
            region_label,
            _("Quantity"),
            _("Women"),
            _("Men"),
            _("Total"),
        ]
        rows = (
            [
                a.submission.agency.code,
                a.title,
                a.start_date,
                a.end_date,
                a.region.name if a.region else "",
                a.quantity,
                a.women,
                a.men,
                a.total,
            ]
            for a in activities.order_by("start_date", "pk")
        )
        return table_response(fmt, f"{name}-actividades", headers, rows, _("Activities"))
    if table_name == "entities":
        headers = [region_label, _("Activities"), _("Quantity"), _("Women"), _("Total")]
        rows = (
            [r["name"], r["records"], r["quantity"], r["women"], r["total"]] for r in entity_rows
        )
        return table_response(fmt, f"{name}-regiones", headers, rows, region_label)
    headers = [
        _("Year"),
        _("Women"),
        _("Men"),
        _("Total"),
        _("Numerator"),
        _("Denominator"),
        _("Status"),
        _("Explanation"),
    ]
    rows = []
    for progress in yearly:
        combined = progress.combined
        for result in progress.results:
            rows.append(
                [
                    progress.year,
                    combined.women if combined else None,
                    combined.men if combined else None,
                    combined.total if combined else None,
                    combined.numerator if combined else None,
                    combined.denominator if combined else None,
                    result.status_label,
                    result.sentence,
                ]
            )
    return table_response(fmt, f"indicador-{indicator.code}", headers, rows, _("By year"))


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
        rows.append(
            {
                "year": s.reporting_year.year,
                "status": s.get_status_display(),
                "completeness": f"{s.answered} / {due_in(s.reporting_year.year)}"
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
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        table = TimelinessTable(rows)
        headers = [str(c.header) for c in table.columns]
        data = [[row[c.name] for c in table.columns] for row in rows]
        return table_response(fmt, f"dependencia-{agency.code}", headers, data, agency.code)
    table = TimelinessTable(rows)
    return render(
        request,
        "dashboards/agency.html",
        {
            "agency": agency,
            "table": table,
            "due": due,
            "query_csv": "format=csv",
            "query_xlsx": "format=xlsx",
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


@require_GET
def api_values(request, code=None):
    """Open data: the yearly values and statuses of every indicator of a plan (the current one
    at /api/values/), approved data only."""
    plan = get_object_or_404(Plan, code=code) if code else plan_or_404(request)
    progress = Progress(plan, source=Source.APPROVED)
    try:
        years = (
            [int(request.GET["year"])]
            if "year" in request.GET
            else [y for y in plan.years if y <= progress.latest_year]
        )
    except ValueError:
        return JsonResponse({"error": _("The year must be a number.")}, status=400)
    if any(y not in plan.years for y in years):
        error = _("The plan %(code)s covers %(start)s to %(end)s.") % {
            "code": plan.code,
            "start": plan.start_year,
            "end": plan.end_year,
        }
        other = Plan.objects.filter(start_year__lte=years[0], end_year__gte=years[0]).first()
        if other is not None:
            error += " " + _("For %(year)s, see %(url)s.") % {
                "year": years[0],
                "url": reverse("api-values-of", args=[other.code]),
            }
        return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
    indicators = []
    for indicator in progress.indicators.values():
        for year in years:
            sentences = {}
            for language in ("es", "en"):
                with translation.override(language):
                    sentences[language] = progress.indicator(indicator, year)
            result = sentences["es"]
            combined = result.combined
            indicators.append(
                {
                    "indicator": indicator.code,
                    "year": year,
                    "agencies": list(combined.agencies) if combined else [],
                    "women": combined.women if combined else None,
                    "men": combined.men if combined else None,
                    "total": combined.total if combined else None,
                    "numerator": combined.numerator if combined else None,
                    "denominator": combined.denominator if combined else None,
                    "share": float(combined.share)
                    if combined and combined.share is not None
                    else None,
                    "yes": combined.yes if combined else None,
                    "status": result.status,
                    "results": [
                        {
                            "target": r_es.target.position if r_es.target else None,
                            "status": r_es.status,
                            "explanation": {"es": r_es.sentence, "en": r_en.sentence},
                        }
                        for r_es, r_en in zip(result.results, sentences["en"].results, strict=True)
                    ],
                }
            )
    response = JsonResponse(
        {"plan": plan.code, "statuses": [s.value for s in Status], "values": indicators},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
