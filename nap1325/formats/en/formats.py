"""English keeps Django's formats (1,874 and 39.1); listed so that FORMAT_MODULE_PATH covers
every language of the app."""

from django.conf.locale.en.formats import *  # noqa: F403
