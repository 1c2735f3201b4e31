"""Settings for nap1325, read from the environment.

Defaults are safe: DEBUG is off unless DEBUG=1 is set (`make run` sets it), SQLite in the project
folder, local hosts only. Production sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL);
with DEBUG off the security settings below make `manage.py check --deploy` pass.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_days(name, default):
    """Whole numbers of days, comma-separated; set but empty means none."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return sorted({int(item) for item in value.split(",") if item.strip()}, reverse=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: whole numbers of days, such as 14,3.") from exc


# Off unless asked for: a debug page would show settings (the database password) to anyone.
DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdefghijklmnop"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tables2",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "core",
    "audit",
    "places",
    "agencies",
    "indicators",
    "measures",
    "reporting",
    "revisions",
    "dashboards",
    "reports",
    "budgets",
    "notifications",
    "civil",
    "references",
    "api",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything looks at the address: /plans/<code>/... becomes that plan's pages.
    "indicators.middleware.PlanMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nap1325.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "core.middleware.PrivateResponseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: a lockout answers before the login view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nap1325.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agencies.context_processors.user_role",
            ],
        },
    },
]

WSGI_APPLICATION = "nap1325.wsgi.application"
ASGI_APPLICATION = "nap1325.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Several people saving at once: readers never wait for a writer (WAL), a writer waits for
    # the other rather than failing (busy timeout), and a transaction takes the write lock when
    # it starts (IMMEDIATE), so two transactions never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sign-in: django-axes locks a user name out after repeated failures. Keyed by user name, not by
# address: a ministry's whole office often shares one public IP address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
# axes warns when the address is not part of the key; keying by user name alone is the point.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_CALLABLE = "agencies.account_views.locked_out"
AXES_VERBOSE = False

# Sessions end after SESSION_IDLE_TIMEOUT without activity and SESSION_COOKIE_AGE after sign-in,
# whatever the activity (core.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_MINUTES", "120")) * 60
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MAX_HOURS", "12")) * 3600

# E-mail (password reset, notices, reminders) from EMAIL_URL:
# smtp://user:password@host:587/?tls=True, or console: to print messages (what `make run` uses).
EMAIL_URL = os.environ.get("EMAIL_URL", "console:" if DEBUG else "")
if EMAIL_URL:
    globals().update(dj_email_url.parse(EMAIL_URL))
    # Notices are sent once a workflow step has committed, while the person waits for the page:
    # a mail server that does not answer must not hold the page for minutes (?timeout= overrides).
    EMAIL_TIMEOUT = EMAIL_TIMEOUT or 10  # noqa: F821  (set by the update above)
else:
    # No server configured: refuse to pretend that mail was sent (see core.mail.mail_configured).
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nap1325@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PASSWORD_RESET_TIMEOUT = 3 * 3600
# The site's address (scheme and host) for links in e-mails: reminders are sent by cron, with no
# request to take the address from. Required with DEBUG off when EMAIL_URL is set (a check says so).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
# Deadline reminders (`manage.py send_reminders`, daily): days before and after a reporting
# year's deadline, to agencies whose submission is still a draft or returned.
REMINDER_DAYS_BEFORE = env_days("REMINDER_DAYS_BEFORE", [14, 3])
REMINDER_DAYS_AFTER = env_days("REMINDER_DAYS_AFTER", [1, 7])

# Spanish is the language of the people who use the app; English is the plan's own language.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "es")
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Mexico_City")
USE_I18N = True
USE_TZ = True
# Numbers and dates as the plan's country writes them (core/formatting.py): es is es_MX.
FORMAT_MODULE_PATH = ["nap1325.formats"]

# Absolute: pages of a plan under /plans/<code>/ change the script prefix, never static files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Bootstrap comes from a pip package (xstatic-bootstrap): no CDN, the app works on a closed network.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
# Uploaded files (evidence, spreadsheets waiting for confirmation, published reports) go through
# Django's storage API: local disk by default, an S3-compatible store when S3_BUCKET is set, so
# that several app servers share them.
if os.environ.get("S3_BUCKET"):
    _FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _FILE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Security. With DEBUG off everything is strict; SECURE_SSL=0 allows a plain-HTTP local run.
SECURE_SSL = env_bool("SECURE_SSL", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if SECURE_SSL else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): no inline script or style anywhere, nothing from other
# sites. Charts are SVG with presentation attributes (dashboards.charts), not style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Wide tables scroll inside their own box on a phone, never the page.
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Evidence uploaded by focal points: served only through the app, which checks access.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_MB", "10")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Spreadsheet imports: refused above these limits, with a message.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_MB", "5")) * 1024 * 1024
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))
# What an XLSX may expand to once unzipped: well above a full template, far below a zip bomb.
IMPORT_MAX_EXPANDED_BYTES = int(os.environ.get("IMPORT_MAX_EXPANDED_MB", "60")) * 1024 * 1024
# Previews not confirmed are deleted after this many days.
IMPORT_KEEP_DAYS = int(os.environ.get("IMPORT_KEEP_DAYS", "3"))
# Annual reports (previews and publications) are produced off the request, in a thread of the
# app's process started once the request has committed; `run_report_jobs` (cron) runs what is
# still queued and takes over a job silent for REPORT_JOB_STALE_MINUTES (its process ended).
REPORT_JOBS_IN_THREAD = os.environ.get("REPORT_JOBS_IN_THREAD", "1") == "1"
REPORT_JOB_STALE_MINUTES = int(os.environ.get("REPORT_JOB_STALE_MINUTES", "10"))
# Preview files may hold data not yet approved: deleted after this many days.
REPORT_PREVIEW_KEEP_DAYS = int(os.environ.get("REPORT_PREVIEW_KEEP_DAYS", "3"))
# django-import-export in the admin: text that starts with =, +, -, @ is not run by Excel.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# Open data (api/): read-only JSON for anyone, described by OpenAPI at /api/ (drf-spectacular,
# with Swagger UI served from the drf-spectacular-sidecar package: no CDN).
OPEN_DATA_LICENSE = os.environ.get(
    "OPEN_DATA_LICENSE", "CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)"
)
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "nap1325 open data",
    "DESCRIPTION": (
        "The plans monitored (a National Action Plan on UN Security Council Resolution 1325) "
        "and their approved yearly values, with the status of each target and the sentence "
        "that explains it, in Spanish and English. Only approved data is published."
    ),
    "VERSION": "1",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
}
