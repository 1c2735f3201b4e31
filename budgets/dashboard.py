"""The budget dashboard: approved budget against spending per goal and per agency, and how many
lines of action have a budget in the year. The public reads approved submissions only; the
working group may include submitted ones, as on the other dashboards."""

from django import forms
from django.db.models import Max
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from agencies.access import can_review
from core.exports import FORMATS
from dashboards.statuses import Source
from indicators.views import plan_or_404
from reporting.models import Submission

from .exports import BudgetExport
from .figures import year_budget
from .models import BudgetLine


class BudgetFilter(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    source = forms.ChoiceField(label=gettext_lazy("Data"), choices=Source.choices, required=False)

    def __init__(self, data, *, plan, default_year, reviewer):
        super().__init__(data, initial={"year": default_year})
        self.fields["year"].choices = [(y, y) for y in plan.years]
        self.default_year = default_year
        if not reviewer:
            # The public sees approved data only: the option is not even offered.
            del self.fields["source"]

    def choices(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "year": data.get("year") or self.default_year,
            "source": Source(data.get("source") or Source.APPROVED),
        }


def _default_year(plan):
    """The latest year with an approved budget line, else the plan's first year."""
    latest = (
        BudgetLine.objects.for_plan(plan)
        .approved()
        .aggregate(year=Max("submission__reporting_year__year"))["year"]
    )
    return latest if latest in plan.years else plan.start_year


@require_GET
def budget_dashboard(request):
    plan = plan_or_404(request)
    reviewer = can_review(request.user)
    form = BudgetFilter(
        request.GET or None, plan=plan, default_year=_default_year(plan), reviewer=reviewer
    )
    choice = form.choices()
    if not reviewer:
        choice["source"] = Source.APPROVED
    statuses = [Submission.Status.APPROVED]
    if choice["source"] == Source.SUBMITTED:
        statuses.append(Submission.Status.SUBMITTED)
    budget = year_budget(plan, choice["year"], statuses)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        filename = _("budget-%(year)s") % {"year": budget.year}
        return BudgetExport(budget, filename).response(fmt)
    params = request.GET.copy()
    params.pop("format", None)
    downloads = {}
    for name in FORMATS:
        params["format"] = name
        downloads[name] = params.urlencode()
    return render(
        request,
        "budgets/dashboard.html",
        {
            "form": form,
            "choice": choice,
            "budget": budget,
            "plan": plan,
            "downloads": downloads,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
