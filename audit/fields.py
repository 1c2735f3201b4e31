"""Attribution stored as text.

Records say who did something by the account's user name, not by a foreign key: deleting an
account (or its being renamed) must not blank the author of a change, a submission or a rating.
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

USERNAME_LENGTH = 150


def actor(user):
    """The text that attributes an action to `user` ("" for the system or an anonymous user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return user.get_username()


class ActorField(models.CharField):
    """The user name of the person who did something, as it was at the time."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("max_length", USERNAME_LENGTH)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(verbose_name or _("by"), **kwargs)


def _user_by_name(historical):
    username = historical.history_user_id
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def _set_user_name(historical, user):
    historical.history_user_id = actor(user) or None


def audited_history(**options):
    """django-simple-history's records, with the author kept as a user name (`history_user_id`
    holds the text; `history_user` still gives the account while it exists)."""
    return HistoricalRecords(
        history_user_id_field=models.CharField(
            _("by"), max_length=USERNAME_LENGTH, null=True, blank=True
        ),
        history_user_getter=_user_by_name,
        history_user_setter=_set_user_name,
        **options,
    )
