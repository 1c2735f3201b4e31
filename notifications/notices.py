"""Who is told what, and when: the notices of a workflow step and the deadline reminders due on a
day, recorded as `Notice` rows (`emails.deliver` sends them).

- submitted → the working group;
- returned, approved, reopened → the agency's focal points, with the comment or the reason;
- reminders → the focal points of agencies whose submission for an open year is still a draft or
  returned, on the days set by REMINDER_DAYS_BEFORE and REMINDER_DAYS_AFTER.

Nobody without an e-mail address, and nobody who opted out, is recorded.
"""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from agencies.access import Role, focal_points_of, people_with_role
from nap1325.i18n import FALLBACK_LANGUAGE
from reporting.models import ReportingYear, Submission, SubmissionEvent

from .models import Notice, Preferences

KIND_OF_STEP = {
    SubmissionEvent.Action.SUBMITTED: Notice.Kind.SUBMITTED,
    SubmissionEvent.Action.RETURNED: Notice.Kind.RETURNED,
    SubmissionEvent.Action.APPROVED: Notice.Kind.APPROVED,
    SubmissionEvent.Action.REOPENED: Notice.Kind.REOPENED,
}
# A daily run missed (the server down over a weekend) is caught up for this many days; later,
# the reminder is skipped rather than sent out of time.
CATCH_UP_DAYS = 3


def audience(kind, submission):
    """The people a notice of `kind` about `submission` is for, whatever they asked for."""
    if kind == Notice.Kind.SUBMITTED:
        return people_with_role(Role.WORKING_GROUP)
    return focal_points_of(submission.agency)


def choice_of(kind):
    """The preference that lets a person stop notices of `kind`."""
    return "reminders" if kind == Notice.Kind.REMINDER else "notices"


def _addressees(people, kind, *fields):
    """(pk, e-mail, language, *fields) of the people who can and want to receive `kind`."""
    return (
        people.exclude(email="")
        .exclude(**{f"notification_preferences__{choice_of(kind)}": False})
        .values_list("pk", "email", "notification_preferences__language", *fields)
        .distinct()
    )


def record_step(event):
    """The notices of a workflow step, in the step's transaction. A second call for the same step
    (a signal sent twice) records nothing more."""
    kind = KIND_OF_STEP[event.action]
    submission = event.submission
    notices = [
        Notice(
            kind=kind,
            submission=submission,
            event=event,
            recipient_id=pk,
            email=email,
            language=language or FALLBACK_LANGUAGE,
        )
        for pk, email, language in _addressees(audience(kind, submission), kind)
    ]
    Notice.objects.bulk_create(notices, ignore_conflicts=True)
    return notices


def reminder_days():
    """The days of the reminders, counted from the deadline: negative before it."""
    before = {-days for days in settings.REMINDER_DAYS_BEFORE}
    return sorted(before | set(settings.REMINDER_DAYS_AFTER))


def reminder_day(deadline, today):
    """The reminder due `today` for `deadline`, as days from the deadline, or None: the latest
    reminder day that has come, if it came less than CATCH_UP_DAYS ago."""
    reached = [days for days in reminder_days() if deadline + datetime.timedelta(days) <= today]
    if not reached:
        return None
    days = reached[-1]
    if (today - (deadline + datetime.timedelta(days))).days >= CATCH_UP_DAYS:
        return None
    return days


def record_due_reminders(today):
    """The reminders due `today` for every open year, one per focal point of each agency still
    to submit; those already recorded (an earlier run the same day) are left as they are."""
    for reporting_year in ReportingYear.objects.filter(status=ReportingYear.Status.OPEN):
        days = reminder_day(reporting_year.deadline, today)
        if days is None:
            continue
        due = {
            submission.agency_id: submission
            for submission in reporting_year.submissions.filter(status__in=Submission.EDITABLE)
        }
        people = people_with_role(Role.FOCAL_POINT).filter(profile__agency__in=list(due))
        Notice.objects.bulk_create(
            [
                Notice(
                    kind=Notice.Kind.REMINDER,
                    submission=due[agency_id],
                    days_from_deadline=days,
                    recipient_id=pk,
                    email=email,
                    language=language or FALLBACK_LANGUAGE,
                )
                for pk, email, language, agency_id in _addressees(
                    people, Notice.Kind.REMINDER, "profile__agency_id"
                )
            ],
            ignore_conflicts=True,
        )


def still_wanted(notice):
    """Whether a notice recorded earlier should still go out, as things are now: the person is
    still active, has an address, still wants it and is still one of its audience (a focal point
    who moved to another agency never gets the comment meant for the former one); a reminder,
    only while the submission is still to be submitted in an open year."""
    person = notice.recipient
    if person is None or not person.is_active or not person.email:
        return False
    if not getattr(Preferences.of(person), choice_of(notice.kind)):
        return False
    submission = notice.submission
    if not audience(notice.kind, submission).filter(pk=person.pk).exists():
        return False
    if notice.kind == Notice.Kind.REMINDER:
        return submission.status in Submission.EDITABLE and submission.reporting_year.is_open
    return True


def what_they_receive(user):
    """The preferences a person may set, with what each one brings them: the working group is
    told of submissions; focal points of their agency's reviews, and reminded of deadlines."""
    offered = {}
    if people_with_role(Role.WORKING_GROUP).filter(pk=user.pk).exists():
        offered["notices"] = _("When an agency submits its report for review.")
    if (
        people_with_role(Role.FOCAL_POINT)
        .filter(pk=user.pk, profile__agency__isnull=False)
        .exists()
    ):
        offered["notices"] = _(
            "When the working group returns, approves or reopens your agency's report."
        )
        offered["reminders"] = _(
            "Before and after the deadline, while your agency's report is a draft or returned "
            "(days before: %(before)s; days after: %(after)s)."
        ) % {
            "before": ", ".join(map(str, settings.REMINDER_DAYS_BEFORE)) or "—",
            "after": ", ".join(map(str, sorted(settings.REMINDER_DAYS_AFTER))) or "—",
        }
    return offered
