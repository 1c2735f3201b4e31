"""Settings for the test suite: the real settings, as `make run` sets them (DEBUG=1 decides
the development defaults; Django's test runner still runs with DEBUG off), with a fast password
hasher."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Report jobs run in the request that starts them: tests see the outcome at once, every time
# (tests/reports/test_report_jobs.py runs the thread once).
REPORT_JOBS_IN_THREAD = False
# Uploaded files of the tests go to a folder of their own, never into the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="nap1325-test-media-"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's in-memory database: the browser tests' live server then opens its own
    # connections instead of sharing one across threads, which Django warns against.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405
