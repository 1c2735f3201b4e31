from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand

from agencies.access import Role
from agencies.accounts import create_person
from audit.baseline import record_baseline
from civil.demo import add_demo_organisation
from indicators.models import Plan
from references.prefill import prefill_sheets

# Demo accounts only: printed on the console so that a new user can try every role.
DEMO_PASSWORD = "demo-nap1325"
DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR, None, "Ana", "Administradora"),
    ("grupo", Role.WORKING_GROUP, None, "Gabriela", "Grupo de Trabajo"),
    ("sedena", Role.FOCAL_POINT, "SEDENA", "Sofía", "Enlace SEDENA"),
    ("semar", Role.FOCAL_POINT, "SEMAR", "Sergio", "Enlace SEMAR"),
    ("sspc", Role.FOCAL_POINT, "SSPC", "Silvia", "Enlace SSPC"),
    ("sre", Role.FOCAL_POINT, "SRE", "Ramón", "Enlace SRE"),
    ("inmujeres", Role.FOCAL_POINT, "INMUJERES", "Inés", "Enlace INMUJERES"),
    ("observador", Role.OBSERVER, None, "Olga", "Observadora"),
]


class Command(BaseCommand):
    help = "Load the plan (Annex 3) and the agencies, and create one demo user per role."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load reference data only.")
        parser.add_argument(
            "--reload-plan",
            action="store_true",
            help="Load the plan again even if present (overwrites edited translations).",
        )

    def handle(self, *args, **options):
        # Administrators edit the Spanish texts; running setup again must not undo their work.
        if Plan.objects.exists() and not options["reload_plan"]:
            self.stdout.write("The plan is already loaded; left as it is.")
        else:
            call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)
            self.stdout.write("Loaded the agencies and the plan (Annex 3).")
        # The plan's indicators get their reference sheets, as far as the plan's texts go.
        prefill_sheets(Plan.objects.current())
        if options["no_users"]:
            record_baseline()
            return
        self._load_reporting_data()
        record_baseline()
        rows = []
        for username, role, agency, first, last in DEMO_USERS:
            if not User.objects.filter(username=username).exists():
                # A reserved domain: notices and reminders to demo users show on the console
                # (`make run`) and can never reach anyone.
                create_person(
                    username,
                    DEMO_PASSWORD,
                    role,
                    agency=agency,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                )
            rows.append(f"  {username:<11} {role.label:<28} {agency or ''}")
        self.stdout.write(f"Demo users (demo only, password for all: {DEMO_PASSWORD}):")
        self.stdout.write("\n".join(rows))
        if add_demo_organisation("observador") is not None:
            self.stdout.write(
                "  observador speaks for an example organisation (demo): it may comment on "
                "2022's results at /civil/."
            )

    def _load_reporting_data(self):
        """The real 2022 data (approved) and, for trying data entry, 2023 open for entry."""
        import datetime

        from django.utils import timezone

        from reporting.models import ReportingYear

        plan = Plan.objects.current()
        if not ReportingYear.objects.filter(plan=plan, year=2022).exists():
            call_command("loaddata", "data_2022", verbosity=0)
            self.stdout.write("Loaded the 2022 data of the plan's second report (approved).")
        if not ReportingYear.objects.filter(plan=plan, year=2023).exists():
            deadline = timezone.localdate() + datetime.timedelta(days=60)
            reporting_year = ReportingYear.open(plan, 2023, deadline)
            self.stdout.write(f"Opened 2023 for entry (demo), deadline {deadline:%Y-%m-%d}.")
            from budgets.demo import add_demo_budget

            sedena = reporting_year.submissions.filter(agency__code="SEDENA").first()
            if sedena is not None and add_demo_budget(sedena):
                self.stdout.write("Added a demo budget (marked DEMO) to SEDENA's 2023 draft.")
