"""A clearly-demo organisation for `setup_demo`, with the demo observer as its member: no
assessment is invented; the observer writes one to try the workflow."""

from django.contrib.auth.models import User

from .models import Membership, Organisation

DEMO_ORGANISATION = "Organización de ejemplo (demo)"


def add_demo_organisation(username):
    """Returns the organisation, or None when the account does not exist."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return None
    organisation, _created = Organisation.objects.get_or_create(
        name=DEMO_ORGANISATION,
        defaults={
            "acronym": "DEMO",
            "kind": Organisation.Kind.NGO,
            "website": "https://example.org/",
            "email": "osc@example.org",
        },
    )
    Membership.objects.get_or_create(user=user, defaults={"organisation": organisation})
    return organisation
