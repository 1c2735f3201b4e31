"""The history of accounts: who changed a person's details, active flag, staff or superuser
status, and role groups, from what to what. Signing in (last_login) and password hashes are not
part of it."""

from django.contrib.auth import get_user_model
from simple_history import register
from simple_history.models import HistoricalRecords

from .fields import audited_history

NOT_RECORDED = ("password", "last_login")


class AccountRecords(HistoricalRecords):
    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= set(NOT_RECORDED):
            return  # a sign-in or a password change: nothing the account history shows
        super().post_save(instance, created, using=using, **kwargs)


_config = audited_history()
register(
    get_user_model(),
    app="audit",
    records_class=AccountRecords,
    excluded_fields=list(NOT_RECORDED),
    m2m_fields=["groups"],
    history_user_id_field=_config.user_id_field,
    history_user_getter=_config.user_getter,
    history_user_setter=_config.user_setter,
)
