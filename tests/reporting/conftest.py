import datetime

import pytest

from agencies.models import Agency
from indicators.models import Indicator, Plan
from reporting.models import ReportingYear, Submission
from reporting.yearly_form import YearlyForm


@pytest.fixture
def reporting_year(db):
    return ReportingYear.open(Plan.objects.get(), 2023, datetime.date(2099, 3, 31))


@pytest.fixture
def submission(reporting_year):
    return Submission.objects.get(reporting_year=reporting_year, agency__code="SEDENA")


@pytest.fixture
def other_submission(reporting_year):
    return Submission.objects.get(reporting_year=reporting_year, agency__code="SEMAR")


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def form_data(submission, answers=None, narratives=None, version=None):
    """The POST body of the yearly form as a browser sends it: every field, with `answers`
    ({"4b": {"women": 14}}) and `narratives` ({"4.1": "text"}) filled in."""
    submission = Submission.objects.select_related("reporting_year", "agency").get(pk=submission.pk)
    form = YearlyForm(submission)
    data = {"version": submission.version if version is None else version}
    for value_form in form.value_forms:
        for name in value_form.fields:
            initial = value_form.initial.get(name)
            if name == "no_data":
                if initial:
                    data[value_form.add_prefix(name)] = "on"
                continue
            data[value_form.add_prefix(name)] = "" if initial is None else initial
    for _line, narrative_form in form.narrative_forms:
        for name in narrative_form.fields:
            data[narrative_form.add_prefix(name)] = narrative_form.initial.get(name) or ""
    for code, fields in (answers or {}).items():
        for name, value in fields.items():
            key = f"i-{code}-{name}"
            if name == "no_data":
                if value:
                    data[key] = "on"
                else:
                    data.pop(key, None)
            else:
                data[key] = value
    for code, text in (narratives or {}).items():
        goal, line = code.split(".")
        data[f"n-{goal}-{line}-text_es"] = text
    return data


def agency(code):
    return Agency.objects.get(code=code)


@pytest.fixture
def approved_history(db):
    """Approved values of earlier years for an agency: approved_history("SEDENA", "4a", [2021])."""
    from django.utils import timezone

    from reporting.models import IndicatorValue

    def make(agency_code, indicator_code, years, **fields):
        indicator = Indicator.objects.get(code=indicator_code)
        for year in years:
            reporting_year, _ = ReportingYear.objects.get_or_create(
                plan=Plan.objects.get(),
                year=year,
                defaults={"deadline": datetime.date(year + 1, 3, 31)},
            )
            submission, _ = Submission.objects.get_or_create(
                reporting_year=reporting_year,
                agency=agency(agency_code),
                defaults={"status": Submission.Status.APPROVED, "approved_at": timezone.now()},
            )
            IndicatorValue.objects.create(submission=submission, indicator=indicator, **fields)

    return make
