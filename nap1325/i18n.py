"""Bilingual model texts.

Reference data (the plan, agencies) carries its texts in Spanish and English side by side
(`name_es`, `name_en`). `TranslatedField` exposes the one for the active language, falling back
to Spanish, the working language, when the English text is empty.
"""

from django.utils.translation import get_language

FALLBACK_LANGUAGE = "es"


def active_language():
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


class TranslatedField:
    def __init__(self, base):
        self.base = base

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, f"{self.base}_{active_language()}", "")
        return value or getattr(instance, f"{self.base}_{FALLBACK_LANGUAGE}")
