"""Model fields with the limits every path (forms, spreadsheet imports, the admin) must respect.

The database's own types allow far more than makes sense (2,147,483,647 women; a 50 MB title in
a text column), and SQLite and PostgreSQL differ in what they refuse. These limits are checked by
`full_clean()` and model forms alike, with the same message on both databases.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# No count of people, courses or networks in a national plan comes near this.
MAX_COUNT = 100_000_000
# A reason, a note, a comment, a description: a few paragraphs.
NOTE_LENGTH = 4_000
# A narrative of a line of action, an introduction: several pages.
NARRATIVE_LENGTH = 40_000


# Control characters other than tab and line breaks: invisible, refused by XML (so by XLSX, DOCX
# and PDF), and never typed on purpose.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _(
                "The text contains invisible control characters; type or paste it again as "
                "plain text."
            ),
            code="control_characters",
        )


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
        return [
            *self.default_validators,
            *self._validators,
            MaxLengthValidator(self.max_length),
            no_control_characters,
        ]


class TextLineField(models.CharField):
    """A line of text (a title, a reference): no control characters."""

    default_validators = [no_control_characters]
