from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agencies.access import can_review
from indicators.models import Plan
from reports import jobs
from reports.generator import ReportError
from reports.models import Format, PublishedReport, ReportJob
from reports.publishing import data_state, produce


class Command(BaseCommand):
    help = (
        "Write a preview of the annual report of a year (DOCX, PDF or XLSX, marked as a draft, "
        "not published), or, with --publish, publish a new version of it in every format."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--plan", help="The plan's code (by default the current plan)", default=None
        )
        parser.add_argument(
            "--lang", default="es", choices=[code for code, _ in settings.LANGUAGES]
        )
        parser.add_argument("--format", default="docx", choices=[f.value for f in Format])
        parser.add_argument(
            "--output",
            help="File to write: the preview, or with --publish the published file of --format",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Include submitted data, marked as not yet approved (a preview only).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish a new version (every format, approved data only): it supersedes the "
            "current version of the report of this plan, year and language.",
        )
        parser.add_argument(
            "--by", help="User name of the working group member publishing (recorded)."
        )
        parser.add_argument(
            "--all-activities",
            action="store_true",
            help="List every activity in the DOCX/PDF (by default each line of action lists "
            "the first ones; totals always count all).",
        )

    def handle(self, *args, **options):
        plans = Plan.objects.all()
        plan = plans.filter(code=options["plan"]).first() if options["plan"] else plans.current()
        if plan is None:
            raise CommandError(f"There is no plan {options['plan'] or ''}".strip() + ".")
        if options["publish"]:
            self.publish(plan, options)
            return
        if not options["output"]:
            raise CommandError("Say where to write the preview (--output), or --publish.")
        try:
            produced = produce(
                plan,
                options["year"],
                options["lang"],
                options["format"],
                final=not options["draft"],
                all_activities=options["all_activities"],
            )
        except ReportError as error:
            raise CommandError(str(error)) from error
        output = Path(options["output"])
        output.write_bytes(produced.content)
        self.stdout.write(
            f"Wrote {output} ({len(produced.content) // 1024} KB): a preview, not published."
        )

    def publish(self, plan, options):
        if options["draft"]:
            raise CommandError(
                "A draft is never published: --draft and --publish exclude each other."
            )
        by = self.publisher(options["by"])
        year, language = options["year"], options["lang"]
        if year not in plan.years:
            raise CommandError(f"The plan covers {plan.start_year} to {plan.end_year}.")
        versions = PublishedReport.objects.for_plan(plan).of(year, language)
        current = versions.current().first()
        number = PublishedReport.next_number(plan, year, language)
        state = data_state(plan, year)
        job = jobs.publication(
            plan,
            year,
            language,
            number,
            state.fingerprint,
            by,
            all_activities=options["all_activities"],
            now=True,
        )
        if job is None or job.status != ReportJob.Status.DONE:
            reason = job.failure_message if job else "another worker took the job"
            detail = f" {job.error}" if job and job.error else ""
            raise CommandError(f"Nothing was published: {reason}{detail}")
        version = job.published
        replaced = f", superseding version {current.number}" if current else ""
        self.stdout.write(
            f"Published version {version.number} of the {plan.code} {year} report ({language})"
            f"{replaced}, data approved up to {version.data_cutoff.isoformat()}:"
        )
        for kept in version.files.order_by("format"):
            with kept.file.open("rb") as stored:
                content = stored.read()
            self.stdout.write(
                f"  {kept.format:5} {kept.sha256}  {len(content) // 1024} KB  {kept.filename}"
            )
            if options["output"] and kept.format == options["format"]:
                Path(options["output"]).write_bytes(content)
                self.stdout.write(f"Wrote {options['output']}.")

    def publisher(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not can_review(user):
            raise CommandError(f"{username} is not a member of the working group.")
        return user
