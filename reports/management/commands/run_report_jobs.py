from django.core.management.base import BaseCommand

from reports import jobs
from reports.models import ReportJob


class Command(BaseCommand):
    help = (
        "Run the report jobs (previews, publications) still waiting, and take over those whose "
        "process ended mid-way (silent for REPORT_JOB_STALE_MINUTES); delete preview files "
        "older than REPORT_PREVIEW_KEEP_DAYS. Meant for cron; running it twice at once runs "
        "no job twice."
    )

    def handle(self, *args, **options):
        purged = ReportJob.objects.purge_previews()
        ran = failed = 0
        waiting = ReportJob.objects.runnable().order_by("requested_at", "pk")
        for pk in list(waiting.values_list("pk", flat=True)):
            job = jobs.run(pk)
            if job is None:
                continue  # another worker took it first
            ran += 1
            if job.status == ReportJob.Status.FAILED:
                failed += 1
                self.stderr.write(f"Job {pk} failed: {job.get_failure_display()} {job.error}")
        self.stdout.write(
            f"Ran {ran} report jobs ({failed} failed); deleted {purged} old preview files."
        )
