"""Password reset that tells the truth: it sends a real e-mail, or says why it cannot."""

import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.mail import mail_configured

logger = logging.getLogger(__name__)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, which sets the user name's maximum length on the field but never
    checks it: a 10,000-character name would reach the authentication backends (and django-axes'
    record of failures, whose column is shorter)."""

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.fields["username"].max_length:
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return username


class SignInView(auth_views.LoginView):
    authentication_form = SignInForm


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, with the site's e-mail templates and two honest refusals: no e-mail server
    configured, or the server not answering. The person is never told "sent" when nothing was."""

    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"

    def dispatch(self, request, *args, **kwargs):
        if not mail_configured():
            return render(request, "registration/password_reset_unavailable.html", status=503)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # The mail server is tried for every request, whether or not an account uses the
        # address: a refusal then says nothing about which addresses exist. (Django itself logs
        # and hides a failure to send, which would tell the person "sent".)
        try:
            connection = get_connection()
            connection.open()
            connection.close()
            return super().form_valid(form)
        except (smtplib.SMTPException, OSError):
            logger.exception("The password reset e-mail could not be sent.")
            messages.error(
                self.request,
                _(
                    "The e-mail could not be sent: the mail server did not answer. Try again "
                    "later, or ask the administrator to reset your password."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=503)


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows once a user name is locked out: why, and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )
