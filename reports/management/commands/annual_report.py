from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indicators.models import Plan
from reports.generator import ReportError
from reports.models import Format
from reports.publishing import produce


class Command(BaseCommand):
    help = "Generate the annual report of a year as DOCX, PDF or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--plan", help="The plan's code (by default the current plan)", default=None
        )
        parser.add_argument(
            "--lang", default="es", choices=[code for code, _ in settings.LANGUAGES]
        )
        parser.add_argument("--format", default="docx", choices=[f.value for f in Format])
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Include submitted data, marked as not yet approved (not kept as published).",
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
        kept = f" (kept as published report #{produced.published.pk})" if produced.published else ""
        self.stdout.write(f"Wrote {output} ({len(produced.content) // 1024} KB){kept}.")
