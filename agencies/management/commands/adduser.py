import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.access import Role
from agencies.accounts import create_person


class Command(BaseCommand):
    help = "Create a user with a role (and an agency for focal points)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role", required=True, choices=[r.value for r in Role if r != Role.ANONYMOUS]
        )
        parser.add_argument("--agency", help="Agency code, required for focal points (SEDENA...)")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        try:
            user = create_person(
                options["username"],
                password,
                options["role"],
                agency=options["agency"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({options['role']})."))
