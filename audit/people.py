"""Names to show for the user names that records keep."""

from django.contrib.auth import get_user_model
from django.core.cache import cache

CACHE_KEY = "audit:display-names"
CACHE_SECONDS = 60


def display_names():
    """user name -> full name, for every account: one query a minute at most, however many
    records a page shows (accounts are few; records are many)."""
    names = cache.get(CACHE_KEY)
    if names is None:
        names = {
            username: f"{first} {last}".strip()
            for username, first, last in get_user_model().objects.values_list(
                "username", "first_name", "last_name"
            )
        }
        cache.set(CACHE_KEY, names, CACHE_SECONDS)
    return names


def display_name(username):
    """The person's full name while the account exists and has one, else the user name kept."""
    if not username:
        return ""
    return display_names().get(username) or username


def forget_names(**kwargs):
    """An account was added, renamed or deleted: read the names again on next use."""
    cache.delete(CACHE_KEY)
