"""An agency put in charge of an indicator while a year of its plan is open gets its draft for
that year at once, however the responsibility was added (the admin, a revision, an import):
otherwise its focal point would meet a 404 until someone noticed."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from indicators.models import Responsibility

from .models import ReportingYear


@receiver(post_save, sender=Responsibility, dispatch_uid="reporting-submission-for-new-agency")
def add_submissions_for_agency_in_charge(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the years are loaded with their own submissions
        return
    indicator = instance.indicator
    open_years = ReportingYear.objects.for_plan(indicator.plan_id).filter(
        status=ReportingYear.Status.OPEN
    )
    for reporting_year in open_years:
        if indicator.in_force(reporting_year.year):
            reporting_year.ensure_submissions()
