"""Spanish as written in Mexico (the plan's country): 1,874 and 39.1, 22/11/2026. Django's "es"
formats are Spain's (1 874 and 39,1); the interface stays "es", its numbers and dates are es_MX."""

from django.conf.locale.es_MX.formats import *  # noqa: F403
