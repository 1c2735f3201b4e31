"""Who may do what: the one place where access rules live.

Roles are Django groups; what a role may do is given by permissions on those groups
(see the migration that creates them), plus the user's agency for focal points. Views and exports
ask these functions and never test group names or agencies themselves.
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

ENTER_AGENCY_DATA = "agencies.enter_agency_data"
REVIEW_ALL_AGENCIES = "agencies.review_all_agencies"


class Role(models.TextChoices):
    """Roles in order of precedence: a user in several groups acts with the first that applies."""

    ADMINISTRATOR = "administrator", _("Administrator")
    WORKING_GROUP = "working_group", _("Working group member")
    FOCAL_POINT = "focal_point", _("Agency focal point")
    OBSERVER = "observer", _("Observer")
    ANONYMOUS = "anonymous", _("Visitor")


# Group name for each role that is held through membership of a group.
ROLE_GROUPS = [Role.ADMINISTRATOR, Role.WORKING_GROUP, Role.FOCAL_POINT, Role.OBSERVER]


def _group_names(user):
    # Cached on the user object: a page asks several rules and should query groups once.
    if not hasattr(user, "_nap_group_names"):
        user._nap_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._nap_group_names


def role_of(user):
    if not user.is_authenticated or not user.is_active:
        return Role.ANONYMOUS
    if user.is_superuser:
        return Role.ADMINISTRATOR
    names = _group_names(user)
    for role in ROLE_GROUPS:
        if role.value in names:
            return role
    # A signed-in account with no role may read what is public, like an observer.
    return Role.OBSERVER


def agency_of(user):
    """The agency a user works for, or None."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.agency if profile else None


def can_enter_data_for(user, agency):
    """Write access to an agency's yearly data: only that agency's own focal points."""
    if agency is None or not user.is_authenticated or not user.is_active:
        return False
    own = agency_of(user)
    return own is not None and own.pk == agency.pk and user.has_perm(ENTER_AGENCY_DATA)


def can_review(user):
    """The working group reads every agency's submissions and returns or approves them."""
    return user.is_authenticated and user.is_active and user.has_perm(REVIEW_ALL_AGENCIES)


def can_read_drafts_of(user, agency):
    """Data not yet approved: the agency's own focal points and the working group."""
    return can_review(user) or can_enter_data_for(user, agency)


def can_read_published(user):
    """The plan and approved data are public: observers, civil society and anonymous visitors."""
    return True


def can_manage_plans(user):
    """Load a new plan from a workbook, and say which plan is current: the working group and
    administrators."""
    return can_review(user) or can_administer(user)


def can_edit_reference_sheets(user):
    """Indicators' reference sheets and their links to global frameworks: the working group,
    which reads the plan for everyone."""
    return can_review(user)


def can_administer(user):
    """Reference data (plan texts, agencies, users) in the Django admin."""
    return user.is_authenticated and user.is_active and user.is_staff


def people_with_role(role):
    """Active accounts that hold `role` through its group: who is written to on that role's
    behalf (the working group is told of submissions, focal points of their agency's reviews)."""
    return get_user_model().objects.filter(is_active=True, groups__name=Role(role).value)


def focal_points_of(agency):
    """The agency's own focal points: the people who enter and submit its data."""
    return people_with_role(Role.FOCAL_POINT).filter(profile__agency=agency)


def capabilities(user):
    """What the home page offers each role, as (label, url name) pairs."""
    items = [
        (_("Browse the plan: areas, goals, lines of action and indicators"), "plan-browser"),
        (_("Follow progress: each goal and indicator against its target"), "dashboards:overview"),
    ]
    if can_review(user):
        items.append(
            (_("Open reporting years and review the agencies' submissions"), "reporting:years")
        )
    agency = agency_of(user)
    if agency is not None and can_enter_data_for(user, agency):
        items.append((_("Enter and submit your agency's yearly figures"), "reporting:years"))
    if can_review(user):
        items.append((_("Generate the annual report (DOCX, PDF, XLSX)"), "reports:page"))
    else:
        items.append((_("Read the agencies' approved yearly figures"), "reporting:years"))
        items.append((_("Download the published annual reports"), "reports:published"))
    items.append(
        (
            _("Read civil society's comments and ratings of the results, and their answers"),
            "civil:index",
        )
    )
    if can_administer(user):
        items.append((_("Administer reference data and users"), "admin:index"))
    items.append((_("Download the plan as open data (JSON)"), "api-plan"))
    items.append((_("Download the approved yearly values and statuses (JSON)"), "api-values"))
    return items
