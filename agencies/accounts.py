"""Creating people with a role: used by the `adduser` and `setup_demo` commands and by tests."""

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .access import Role
from .models import Agency, Profile


@transaction.atomic
def create_person(username, password, role, agency=None, **fields):
    role = Role(role)
    if role == Role.ANONYMOUS:
        raise ValidationError(_("Anonymous is not a role that an account can have."))
    if role == Role.FOCAL_POINT and agency is None:
        raise ValidationError(_("A focal point must belong to an agency."))
    if isinstance(agency, str):
        try:
            agency = Agency.objects.get(code=agency)
        except Agency.DoesNotExist as exc:
            raise ValidationError(
                _("There is no agency with the code %(code)s.") % {"code": agency}
            ) from exc
    user = User(username=username, is_staff=role == Role.ADMINISTRATOR, **fields)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=role.value))
    Profile.objects.create(user=user, agency=agency)
    return user
