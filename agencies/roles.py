"""The role groups and the permissions each one holds.

Kept in code and applied after every `migrate`, so a fresh database, a test database and an
upgraded production database all get the same groups.
"""

from django.contrib.auth.models import Group, Permission

from .access import ENTER_AGENCY_DATA, REVIEW_ALL_AGENCIES, Role

REFERENCE_DATA_MODELS = {
    "agencies": ["agency", "subunit", "profile"],
    "indicators": [
        "plan",
        "area",
        "strategicgoal",
        "lineofaction",
        "planactivity",
        "indicator",
        "responsibility",
        "target",
    ],
    "auth": ["user"],
    "references": ["framework", "frameworkitem"],
}
# Administrators may look at the role groups, never change what a role may do; they see the
# e-mails the app sent (to answer "I never got it"), which nobody edits, and the published
# reports (withdrawing one is the working group's act, in the app).
VIEW_ONLY_MODELS = {
    "auth": ["group"],
    "notifications": ["notice"],
    "reports": ["publishedreport", "publishedfile"],
}


def _codename(perm):
    return perm.split(".", 1)


def permissions_for(role):
    if role == Role.ADMINISTRATOR:
        perms = Permission.objects.none()
        for app_label, models in REFERENCE_DATA_MODELS.items():
            perms |= Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model__in=models,
                codename__regex=r"^(add|change|delete|view)_",
            )
        for app_label, models in VIEW_ONLY_MODELS.items():
            perms |= Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model__in=models,
                codename__startswith="view_",
            )
        # Administrators keep the reference data; entering or reviewing yearly data is a job
        # for focal points and the working group, not a side effect of administering.
        return perms
    wanted = {
        Role.WORKING_GROUP: [REVIEW_ALL_AGENCIES],
        Role.FOCAL_POINT: [ENTER_AGENCY_DATA],
        Role.OBSERVER: [],
    }[role]
    perms = Permission.objects.none()
    for perm in wanted:
        app_label, codename = _codename(perm)
        perms |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return perms


def ensure_role_groups(**kwargs):
    for role in (Role.ADMINISTRATOR, Role.WORKING_GROUP, Role.FOCAL_POINT, Role.OBSERVER):
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set(permissions_for(role))
