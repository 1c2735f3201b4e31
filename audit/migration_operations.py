"""Migration steps that turn a foreign key to a user into the user name, as text, keeping what
the key pointed to. Used once per field by the migrations that introduced audit.fields."""

from django.db import migrations, models
from django.db.models.functions import Coalesce


def _copy_usernames(model_name, key, target, app_label, nullable):
    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        user = apps.get_model("auth", "User")
        username = models.Subquery(
            user.objects.filter(pk=models.OuterRef(f"{key}_id")).values("username")[:1]
        )
        model.objects.update(
            **{target: username if nullable else Coalesce(username, models.Value(""))}
        )

    return forwards


def user_key_to_username(app_label, model_name, key, field, name=None):
    """Replace the user foreign key `key` by `field` (a CharField) under the name `name` (the
    key's own name when omitted), filled with the user names the key pointed to."""
    name = name or key
    temporary = f"{name}_username_tmp"
    return [
        migrations.AddField(model_name=model_name, name=temporary, field=field),
        migrations.RunPython(
            _copy_usernames(model_name, key, temporary, app_label, field.null),
            migrations.RunPython.noop,
            elidable=False,
        ),
        migrations.RemoveField(model_name=model_name, name=key),
        migrations.RenameField(model_name=model_name, old_name=temporary, new_name=name),
    ]
