"""Model fields with the limits every path (forms, spreadsheet imports, the admin) must respect.

The database's own types allow far more than makes sense (2,147,483,647 women; a 50 MB title in
a text column), and SQLite and PostgreSQL differ in what they refuse. These limits are checked by
`full_clean()` and model forms alike, with the same message on both databases.
"""

from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.functional import cached_property

# No count of people, courses or networks in a national plan comes near this.
MAX_COUNT = 100_000_000
# A reason, a note, a comment, a description: a few paragraphs.
NOTE_LENGTH = 4_000
# A narrative of a line of action, an introduction: several pages.
NARRATIVE_LENGTH = 40_000


class CountField(models.PositiveIntegerField):
    """A whole number of people or things, from 0 to MAX_COUNT."""

    default_validators = [MaxValueValidator(MAX_COUNT)]


class BoundedTextField(models.TextField):
    """Free text with a length limit that models check, not only forms (Django checks a
    TextField's max_length in forms only)."""

    def __init__(self, *args, max_length=NOTE_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*self.default_validators, *self._validators, MaxLengthValidator(self.max_length)]
