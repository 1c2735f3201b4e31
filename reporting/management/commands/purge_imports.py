from django.core.management.base import BaseCommand

from reporting.models import ImportBatch


class Command(BaseCommand):
    help = (
        "Delete the spreadsheet previews nobody confirmed within IMPORT_KEEP_DAYS, with their "
        "files (meant for a daily cron job; uploads also purge as they go)."
    )

    def handle(self, *args, **options):
        count = ImportBatch.objects.purge_stale()
        self.stdout.write(f"Deleted {count} stale previews.")
