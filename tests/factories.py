import factory
from django.contrib.auth.models import User

from agencies.accounts import create_person

PASSWORD = "a-test-password-1325"


class PersonFactory(factory.Factory):
    """A user with a role (and an agency code for focal points), created the way the app does."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"person{n}")
    role = "observer"
    agency = None
    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")

    @classmethod
    def _create(cls, model_class, username, role, agency, **fields):
        return create_person(username, PASSWORD, role, agency=agency, **fields)
