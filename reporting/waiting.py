"""What waits for each person, for the home page: a focal point's drafts due (with the days
left), returned submissions and open comments on its figures; the working group's submissions
to review, qualitative targets not yet rated for a year, and open comments on figures. A fixed
number of queries, whatever the amount of data."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.access import agency_of, can_enter_data_for, can_review
from core import formatting
from indicators.models import Target

from .models import FigureComment, ReportingYear, Submission, SubmissionEvent


@dataclass
class Item:
    text: str
    url: str
    detail: str = ""
    urgent: bool = False


@dataclass
class Waiting:
    sections: list = field(default_factory=list)  # (title, [Item]), only those with items

    def add(self, title, items):
        if items:
            self.sections.append((title, items))

    @property
    def count(self):
        return sum(len(items) for _title, items in self.sections)


def _days_left(deadline):
    days = (deadline - timezone.localdate()).days
    if days < 0:
        return (
            ngettext("%(days)s day late", "%(days)s days late", -days)
            % {"days": formatting.number(-days)},
            True,
        )
    if days == 0:
        return _("due today"), True
    return (
        ngettext("%(days)s day left", "%(days)s days left", days)
        % {"days": formatting.number(days)},
        days <= 7,
    )


def _submission_url(submission, name="reporting:submission"):
    return reverse(name, args=[submission.reporting_year.year, submission.agency.code])


def _comment_items(comments):
    threads = {}
    for comment in comments:
        key = (comment.submission_id, comment.indicator_id)
        threads.setdefault(key, []).append(comment)
    items = []
    for thread in threads.values():
        last = thread[-1]
        submission = last.submission
        items.append(
            Item(
                _("Indicator %(code)s · %(agency)s %(year)s")
                % {
                    "code": last.indicator.code,
                    "agency": submission.agency.code,
                    "year": submission.reporting_year.year,
                },
                _submission_url(submission) + f"#comments-{last.indicator.code}",
                detail=last.text[:140],
            )
        )
    return items


def _open_comments(plan, **filters):
    return (
        FigureComment.objects.for_plan(plan)
        .open()
        .filter(**filters)
        .select_related("submission__agency", "submission__reporting_year", "indicator")
        .order_by("submission__reporting_year__year", "submission__agency__code", "at", "pk")
    )


def for_focal_point(plan, agency):
    waiting = Waiting()
    mine = (
        Submission.objects.for_plan(plan)
        .filter(
            agency=agency,
            status__in=Submission.EDITABLE,
            reporting_year__status=ReportingYear.Status.OPEN,
        )
        .select_related("reporting_year", "agency")
        .order_by("reporting_year__deadline")
    )
    drafts, returned = [], []
    for submission in mine:
        left, urgent = _days_left(submission.reporting_year.deadline)
        if submission.status == Submission.Status.RETURNED:
            returned.append(submission)
            continue
        drafts.append(
            Item(
                _("Draft %(year)s: due %(deadline)s")
                % {
                    "year": submission.reporting_year.year,
                    "deadline": formatting.day(submission.reporting_year.deadline),
                },
                _submission_url(submission, "reporting:edit"),
                detail=left,
                urgent=urgent,
            )
        )
    waiting.add(_("Drafts to complete and submit"), drafts)
    last_steps = {}
    if returned:
        for event in SubmissionEvent.objects.filter(submission__in=returned).order_by("at", "pk"):
            last_steps[event.submission_id] = event
    waiting.add(
        _("Returned by the working group"),
        [
            Item(
                _("%(year)s: returned for changes") % {"year": submission.reporting_year.year},
                _submission_url(submission),
                detail=(last_steps.get(submission.pk).comment[:140])
                if submission.pk in last_steps
                else "",
                urgent=True,
            )
            for submission in returned
        ],
    )
    waiting.add(
        _("Open comments on your figures"),
        _comment_items(_open_comments(plan, submission__agency=agency)),
    )
    return waiting


def _targets_to_rate(plan):
    items = []
    years = list(
        ReportingYear.objects.for_plan(plan).order_by("year").values_list("year", flat=True)
    )
    if not years:
        return items
    targets = list(
        Target.objects.for_plan(plan)
        .select_related("goal", "indicator")
        .prefetch_related("versions", "assessments")
        .order_by("goal__number", "position")
    )
    for year in years:
        for target in targets:
            if not target.in_force(year) or target.terms(year).kind != Target.Kind.QUALITATIVE:
                continue
            if any(a.year == year for a in target.assessments.all()):
                continue
            label = target.indicator.code if target.indicator_id else target.goal.number
            items.append(
                Item(
                    _("%(year)s · target of %(what)s") % {"year": year, "what": label},
                    reverse("dashboards:goal", args=[target.goal.number]) + f"?year={year}",
                    detail=target.text[:140],
                )
            )
    return items


def for_working_group(plan):
    waiting = Waiting()
    to_review = (
        Submission.objects.for_plan(plan)
        .filter(
            status=Submission.Status.SUBMITTED, reporting_year__status=ReportingYear.Status.OPEN
        )
        .select_related("reporting_year", "agency")
        .order_by("submitted_at")
    )
    waiting.add(
        _("Submissions to review"),
        [
            Item(
                f"{submission.agency.code} {submission.reporting_year.year}",
                _submission_url(submission),
                detail=_("submitted on %(when)s")
                % {"when": formatting.local_datetime(submission.submitted_at)},
            )
            for submission in to_review
        ],
    )
    waiting.add(_("Qualitative targets to rate"), _targets_to_rate(plan))
    waiting.add(_("Open comments on figures"), _comment_items(_open_comments(plan)))
    return waiting


def waiting_for(user, plan):
    """What waits for `user` in `plan`, or None for someone with nothing to do here."""
    if plan is None or not user.is_authenticated:
        return None
    if can_review(user):
        return for_working_group(plan)
    agency = agency_of(user)
    if agency is not None and can_enter_data_for(user, agency):
        return for_focal_point(plan, agency)
    return None
