import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.mail import mail_configured
from notifications.emails import deliver
from notifications.models import Notice
from notifications.notices import record_due_reminders


class Command(BaseCommand):
    help = (
        "Send the deadline reminders due today to the focal points of agencies that have not "
        "submitted, and try again the notices not sent yet (meant for a daily cron job; running "
        "it twice sends nothing twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD), to catch up by hand.",
        )

    def handle(self, *args, date=None, **options):
        if not mail_configured():
            raise CommandError("No mail server is configured (EMAIL_URL): nothing was sent.")
        today = date or timezone.localdate()
        record_due_reminders(today)
        outcome = deliver(Notice.objects.unsent(), today=today)
        self.stdout.write(
            f"Sent {outcome['sent']}, failed {outcome['failed']}, "
            f"no longer needed {outcome['cancelled']}."
        )
        if outcome["failed"]:
            # A non-zero exit makes cron (or the monitoring) say so.
            raise CommandError(
                f"{outcome['failed']} e-mails could not be sent; the next run tries them again."
            )
