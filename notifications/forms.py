from django import forms

from .models import Preferences


class PreferencesForm(forms.ModelForm):
    """The language of the e-mails, and the kinds of e-mail the person's role receives (`offered`:
    field name -> what it brings, from notices.what_they_receive)."""

    class Meta:
        model = Preferences
        fields = ["language", "notices", "reminders"]

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("notices", "reminders"):
            if name in offered:
                self.fields[name].help_text = offered[name]
            else:
                del self.fields[name]
