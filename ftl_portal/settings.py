"""One settings module, driven by the environment.

With no environment at all the portal runs on a bare machine: SQLite under var/, a local-memory
cache and Celery's filesystem transport under var/. DATABASE_URL and REDIS_URL switch to the real
services; DJANGO_ENV=production turns on the strict part and refuses to start with anything missing.
"""

import base64
import hashlib
import logging
import os
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FTL_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = env("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"


def required(name):
    value = env(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production")
    return value


# Switches for tests and local development only. Under DJANGO_ENV=production each is refused at start-up
# when it is set to turn itself on (1/true/yes/on); unset or a false value (0/false/no/off) is accepted and
# changes nothing. FTL_TEST_DB_NAME and FTL_EMAIL_DELIVERY_BACKEND hold names, not booleans: the first is
# refused when set at all, the second when it names a backend that delivers nothing.
TEST_ONLY_SWITCHES = {
    "DJANGO_DEBUG": "debug pages show settings, source and tracebacks",
    "FTL_FAST_PASSWORD_HASHER": "MD5 password hashing",
    "FTL_DISABLE_RATE_LIMITS": "no rate limits on sign-in, sign-up and password reset",
    "CELERY_TASK_ALWAYS_EAGER": "tasks run inside the web request, not on a worker",
    "FTL_DEMO_MFA_OPTIONAL": "demo staff and coordinator accounts skip two-factor authentication",
}
NON_DELIVERING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "ftl_portal.outbox.backends.MailboxOnlyBackend",
    "ftl_portal.outbox.backends.OutboxBackend",
}


def refused_in_production():
    refused = [f"{name}={env(name)} ({effect})" for name, effect in TEST_ONLY_SWITCHES.items() if env_bool(name)]
    if env("FTL_TEST_DB_NAME"):
        refused.append(f"FTL_TEST_DB_NAME={env('FTL_TEST_DB_NAME')} (the test runner's database name)")
    if env("FTL_EMAIL_DELIVERY_BACKEND", "").strip() in NON_DELIVERING_EMAIL_BACKENDS:
        refused.append(f"FTL_EMAIL_DELIVERY_BACKEND={env('FTL_EMAIL_DELIVERY_BACKEND')} (email is never delivered)")
    return refused


if PRODUCTION and (refused := refused_in_production()):
    raise ImproperlyConfigured(
        "Test-only settings are refused when DJANGO_ENV=production; unset them: " + "; ".join(refused)
    )

if PRODUCTION:
    SECRET_KEY = required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production")
    DEBUG = False
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
    DEBUG = env_bool("DJANGO_DEBUG", False)

SITE_URL = env("FTL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",  # loads every app's rules.py
    "ftl_portal",  # the project's own commands (seed_demo)
    "ftl_portal.outbox",
    "accounts",
    "programmes.cohorts",
    "programmes.admissions",
    "programmes.events",
    "programmes.recruitment",
    "programmes.completion",
    "programmes.equality",
    "programmes.impact",
    "programmes.privacy",
    "mentoring",
    "programmes.retention",
    "programmes.messaging",  # the top layer: it reads sessions, places and matches
]

MIDDLEWARE = [
    # First, so every later middleware's log records, and even an SSL redirect, carry the request id.
    "ftl_portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session is read: a cookie carrying a NUL byte is dropped, never looked up.
    "ftl_portal.nul_bytes.ForgetNulCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SignedInUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before every view, once: a NUL byte in the path, a query or a form is a 400 page, never a 500.
    "ftl_portal.nul_bytes.RefuseNulBytesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "ftl_portal.errors.PortalErrorMiddleware",
]

ROOT_URLCONF = "ftl_portal.urls"
WSGI_APPLICATION = "ftl_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names a real one.
# SQLite, however it is named, with several processes writing (web, worker pool, beat): a transaction
# takes the write lock when it begins and waits up to 20 s for it. SQLite's default (a deferred
# transaction that reads, then writes) fails at once with "database is locked" whenever another
# process wrote meanwhile, without waiting: a campaign batch failed so would sit until the sweeper.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # No JIT: where PostgreSQL cannot tell how many rows a filter keeps (a name search) it costs the
        # plan high, and compiling it took 25 ms of a 5 ms query; the portal runs no query that gains.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
        # Any number lets ftl_portal/prepared.py have the review queue's pre-written statement prepared
        # (Django's own cursors never prepare, whatever it is); None, Django's default, forbids it. Off
        # behind a pooler in transaction mode, which hands each transaction any server connection.
        if env_bool("FTL_DB_PREPARED_STATEMENTS", True):
            DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
    elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "ftl.sqlite3",
            # A file (not :memory:) so a real worker subprocess sees the test database.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
if env("FTL_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env("FTL_TEST_DB_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The review queue's covering indexes (INCLUDE columns) are a PostgreSQL feature; SQLite builds
    # them as plain indexes, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Cache and Celery broker: Redis when REDIS_URL is set, otherwise in-process and the filesystem.
REDIS_URL = env("REDIS_URL")
# The review queue's cached reads (programmes/admissions/read_cache.py) need one cache shared by every
# process: on by default with Redis; without it (a local-memory cache per process) they are computed.
FTL_READ_CACHE = env_bool("FTL_READ_CACHE", bool(REDIS_URL))
if REDIS_URL:
    # While Redis is unreachable each process falls back to a local cache (ftl_portal/cache.py), so sign-in
    # and sign-up keep working with per-process rate limits; short socket timeouts keep a dead host from
    # holding requests up.
    CACHES = {
        "default": {
            "BACKEND": "ftl_portal.cache.RedisCacheWithLocalFallback",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    BROKER_DIR = Path(env("FTL_BROKER_DIR", VAR_DIR / "broker"))
    for sub in ("out", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT = "ftl_portal.broker:Transport"  # atomic writes: see ftl_portal/broker.py
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "out"),
        "data_folder_out": str(BROKER_DIR / "out"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        # The worker sleeps this long whenever its prefetch is full, so the default 1 s caps it at
        # about one email per second per process; a directory listing every 0.1 s costs nothing.
        "polling_interval": 0.1,
    }

# Celery, chosen for safety: a task is acknowledged only after it ran, one at a time per process,
# JSON only, bounded run time. Results are not kept: state lives in the database.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)  # test-only: refused in production
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A cold shutdown (SIGQUIT; SIGTERM too for a worker started with REMAP_SIGTERM=SIGQUIT, as `make run` does)
# gives the tasks in hand this long to finish before it cancels them back to the queue. SIGTERM alone is
# Celery's warm shutdown, which waits for them.
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 2.0
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Europe/London"
# Campaign batches have a queue of their own. A worker takes from its queues in turn, so service email
# (a sign-in code, a booking confirmation) waits for at most the batch in hand, never behind every
# batch a campaign has released. Every worker consumes both unless started with -Q.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue("celery"), Queue("bulk")]
CELERY_TASK_ROUTES = {"campaigns.release": {"queue": "bulk"}, "campaigns.deliver_batch": {"queue": "bulk"}}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
    "session-reminders": {"task": "sessions.scan_reminders", "schedule": float(env("FTL_REMINDER_SCAN_SECS", "60"))},
    "session-no-show-follow-ups": {"task": "sessions.follow_up_no_shows", "schedule": 900.0},
    "mentoring-survey-scan": {"task": "mentoring.survey_scan", "schedule": 3600.0},
    "mentoring-nudge-scan": {"task": "mentoring.nudge_scan", "schedule": 3600.0},
    "expire-offers": {"task": "admissions.expire_offers", "schedule": 300.0},
    "deadline-reminders": {"task": "admissions.deadline_reminders", "schedule": 900.0},
    "follow-up-scan": {"task": "impact.follow_up_scan", "schedule": 3600.0},
    "campaigns-tick": {"task": "campaigns.tick", "schedule": float(env("FTL_CAMPAIGN_TICK_SECONDS", "10"))},
    # Each cohort's retention schedule (programmes/retention): anonymise, delete, purge, warn.
    "retention-apply": {"task": "retention.apply", "schedule": 86400.0},
    "privacy-purge-expired-exports": {"task": "privacy.purge_expired_exports", "schedule": 3600.0},
}
# Recruitment campaigns release recipients from the database on every tick, within their rate, and
# re-dispatch what a killed worker left in the outbox after CAMPAIGN_STUCK_AFTER_SECONDS (longer than
# CELERY_TASK_TIME_LIMIT, so a live batch is never overtaken).
CAMPAIGN_TICK_SECONDS = float(env("FTL_CAMPAIGN_TICK_SECONDS", "10"))
CAMPAIGN_STUCK_AFTER_SECONDS = int(env("FTL_CAMPAIGN_STUCK_AFTER_SECONDS", "180"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # The User's own fields (its first_name is a property, and a message naming it said "first_name").
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("full_name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("FTL_FAST_PASSWORD_HASHER", False):  # test-only: refused in production (above)
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth (v65 names): email-only login, students sign themselves up, codes verify email.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.StudentSignupForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.PortalSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[FTL] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
if env_bool("FTL_DISABLE_RATE_LIMITS", False):  # test-only: refused in production (above)
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP keys and the recovery-code seed are encrypted at rest (accounts/mfa_adapter.py) with FTL_MFA_KEY: Fernet
# keys, comma-separated, the first encrypting and all decrypting (rotation). Production requires it; elsewhere a
# key derived from SECRET_KEY keeps `make run` working with no environment.
MFA_ADAPTER = "accounts.mfa_adapter.PortalMFAAdapter"
if PRODUCTION:
    FTL_MFA_KEYS = [key.strip() for key in required("FTL_MFA_KEY").split(",") if key.strip()]
else:
    FTL_MFA_KEYS = env_list("FTL_MFA_KEY") or [
        base64.urlsafe_b64encode(hashlib.sha256(f"ftl-mfa:{SECRET_KEY}".encode()).digest()).decode()
    ]
try:
    [Fernet(key) for key in FTL_MFA_KEYS]
except ValueError as error:
    raise ImproperlyConfigured(
        "FTL_MFA_KEY must be Fernet keys (32 url-safe base64-encoded bytes), comma-separated; make one with "
        "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    ) from error
MFA_TOTP_ISSUER = "FTL Portal"
# Staff and coordinators must set up MFA; only accounts flagged as demo may skip it, and only
# when this setting allows it: on by default outside production, refused in production (above).
FTL_DEMO_MFA_OPTIONAL = env_bool("FTL_DEMO_MFA_OPTIONAL", not PRODUCTION) and not PRODUCTION

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: every message goes through the outbox (ftl_portal.outbox). EMAIL_BACKEND catches anything
# sent with Django's mail API and stores it there; the worker delivers with OUTBOX_DELIVERY_BACKEND.
EMAIL_BACKEND = "ftl_portal.outbox.backends.OutboxBackend"
# In production the default is always SMTP: with no EMAIL_HOST it tries localhost:25 and failures show in
# the outbox, instead of the mailbox-only backend silently dropping every email (there is no mailbox page).
OUTBOX_DELIVERY_BACKEND = env(
    "FTL_EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env("EMAIL_HOST") or PRODUCTION
    else "ftl_portal.outbox.backends.MailboxOnlyBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
# The programme's contact address, where a cohort names none of its own.
FTL_CONTACT_EMAIL = env("FTL_CONTACT_EMAIL", "ftl@medilinkmidlands.test")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Future Talent Laboratory <ftl@medilinkmidlands.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where every "contact the coordinators" points: the Medilink programme team's mailbox.
FTL_CONTACT_EMAIL = env("FTL_CONTACT_EMAIL", "ftl@medilinkmidlands.test")
OUTBOX_MAX_ATTEMPTS = int(env("FTL_OUTBOX_MAX_ATTEMPTS", "6"))
OUTBOX_STUCK_AFTER_SECONDS = int(env("FTL_OUTBOX_STUCK_AFTER_SECONDS", "300"))
# The in-browser mailbox (like mailpit) exists only outside production, and only while no SMTP server
# is configured: once real mail leaves the machine, sign-in codes must not also be readable on a page.
FTL_MAILBOX_ENABLED = not PRODUCTION and not env("EMAIL_HOST")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "ftl_portal.static_files.ProductionStaticFiles"
        if PRODUCTION
        else "ftl_portal.static_files.DevelopmentStaticFiles"
    },
    # Uploaded CVs live outside any public path and are served only through a scoped view.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(env("FTL_PRIVATE_MEDIA", VAR_DIR / "private")))},
    },
}
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Security headers on every page; the strict part is production-only.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# With Redis, sessions are read from it and kept in the database (ftl_portal/sessions.py: never from a
# cache that may have missed an outage's writes); without it, from the database alone.
SESSION_ENGINE = "ftl_portal.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
CSRF_COOKIE_HTTPONLY = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # A load balancer probes over plain HTTP inside the network: the health checks answer it there.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/ready$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
    if not DATABASE_URL:
        raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production")
    if not REDIS_URL:
        raise ImproperlyConfigured("REDIS_URL must be set when DJANGO_ENV=production")
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Logs go to stderr. In production one JSON object per line (time, level, logger, message, request_id,
# exc_info), from our code, Django, Celery and gunicorn alike; in development the readable line below.
# Every record carries the request id of the request in hand (ftl_portal.middleware), None outside one.
LOG_LEVEL = env("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ftl_portal.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "ftl_portal.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if PRODUCTION else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
if PRODUCTION:
    # Python's warnings (a library's UserWarning) become py.warnings records, so they are JSON lines too.
    logging.captureWarnings(True)
    # These loggers come with handlers of their own (runserver's access lines, Celery's task lines,
    # gunicorn's error and access logs in its workers): give them the JSON handler instead.
    for name in ("django", "django.server", "celery", "celery.task", "gunicorn.error", "gunicorn.access"):
        LOGGING["loggers"][name] = {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}
if not REDIS_URL:
    # The filesystem transport has no host; kombu warns about that on every connection.
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}

# Errors reach someone: Sentry, only when SENTRY_DSN is set (otherwise nothing is initialised and nothing
# leaves the machine). No personal data: no user, IP or cookies (send_default_pii=False), no request
# bodies (application answers) and no local variables in stack traces.
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", DJANGO_ENV),
        release=env("SENTRY_RELEASE"),
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Static files are served by WhiteNoise, from the finders outside production (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
