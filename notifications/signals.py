"""The notices of a workflow step: recorded with the step, sent once it has committed.

Reporting announces its steps with the `step_taken` signal and knows nothing of e-mail; this
receiver records the notices in the step's transaction (a step that commits always has them, one
that rolls back never does) and sends them with `transaction.on_commit`, after the row lock is
released, so that a slow or absent mail server never holds the submission.
"""

import logging

from django.db import DatabaseError, transaction
from django.dispatch import receiver

from core.mail import mail_configured
from reporting.models import Submission, step_taken

from .emails import deliver
from .models import Notice
from .notices import record_step

logger = logging.getLogger(__name__)


@receiver(step_taken, sender=Submission, dispatch_uid="notifications-notices-of-a-step")
def notify_step(sender, event, **kwargs):
    if not mail_configured():  # nothing could be sent: record nothing to send later by surprise
        return
    try:
        with transaction.atomic():  # a savepoint: a failure here never undoes the step itself
            record_step(event)
    except DatabaseError:
        logger.exception("The notices of step %s could not be recorded.", event.pk)
        return
    event_id = event.pk
    transaction.on_commit(
        lambda: deliver(Notice.objects.filter(event_id=event_id).unsent()), robust=True
    )
