"""Who may do what with civil society's comments and ratings: the one place for these rules,
built on agencies.access (the working group reviews, moderates and manages organisations).
Every view, the dashboards' tags, the report annex and the API read through these functions."""

from django.db.models import Q
from django.http import Http404

from agencies.access import Role, can_review, role_of

from .models import Membership, ShadowAssessment


def organisation_of(user):
    """The active organisation an account speaks for, or None. Only observers speak for an
    organisation: a focal point or a working group member never writes as civil society."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_civil_organisation"):
        organisation = None
        if role_of(user) == Role.OBSERVER:
            membership = Membership.objects.select_related("organisation").filter(user=user).first()
            if membership is not None and membership.organisation.active:
                organisation = membership.organisation
        user._civil_organisation = organisation
    return user._civil_organisation


def can_manage_organisations(user):
    return can_review(user)


def can_moderate(user):
    return can_review(user)


def can_write_for(user, organisation):
    own = organisation_of(user)
    return own is not None and organisation is not None and own.pk == organisation.pk


def visible_to(user, queryset=None):
    """The assessments `user` may read: the working group every one; a member its own
    organisation's in any state (withdrawn ones aside) and the others' published ones; everyone
    else the published ones."""
    queryset = ShadowAssessment.objects.all() if queryset is None else queryset
    if can_moderate(user):
        return queryset.current()
    own = organisation_of(user)
    if own is not None:
        return queryset.filter(
            Q(state=ShadowAssessment.State.PUBLISHED) | Q(organisation=own)
        ).current()
    return queryset.published()


def get_assessment_for_user(user, plan, pk):
    """(assessment, may its author's organisation change it): a 404 for what the user may not
    read, so that hidden and waiting assessments do not reveal that they exist."""
    try:
        assessment = (
            visible_to(user, ShadowAssessment.objects.for_plan(plan))
            .select_related("organisation", "indicator")
            .get(pk=pk)
        )
    except ShadowAssessment.DoesNotExist as exc:
        raise Http404 from exc
    return assessment, can_write_for(user, assessment.organisation)


def may_comment(user):
    """The page offers the form: a member of an active organisation."""
    return organisation_of(user) is not None
