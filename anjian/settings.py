"""Django settings for Anjian.

Everything that differs between installations comes from environment variables with safe defaults:
- DATABASE_URL: default is an SQLite file in the project's data folder (no server needed);
  production uses PostgreSQL, e.g. postgres://user@host:5432/anjian.
- ANJIAN_SECRET_KEY: generated on first run and kept in the data folder when not set.
- ANJIAN_DEBUG: "1" for development error pages (default off).
- ANJIAN_ALLOWED_HOSTS: comma-separated host names (default: localhost only).
- ANJIAN_DATA_DIR: where the SQLite file, secret key and uploads live (default: ./data).
- REDIS_URL: the background queue's broker (huey on Redis); without it the queue is an SQLite
  file in the data folder, so no server is needed.
- ANJIAN_MAP_TILES, ANJIAN_MAP_ATTRIBUTION: the map's tile source (e.g. 天地图 with a key); without
  one the map draws grid polygons and units on a plain background.
- ANJIAN_EMAIL_URL: the mail server for e-mail notifications as an apprise URL
  (e.g. mailtos://user:password@smtp.example.com); without it e-mail channels cannot be set up.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ANJIAN_DATA_DIR", BASE_DIR / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("ANJIAN_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("ANJIAN_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("ANJIAN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "axes",
    "huey.contrib.djhuey",
    "anjian.core",
    "anjian.regions",
    "anjian.accounts",
    "anjian.units",
    "anjian.workdays",
    "anjian.inspections",
    "anjian.hazards",
    "anjian.dailyreports",
    "anjian.duty",
    "anjian.emergency",
    "anjian.accidents",
    "anjian.responsibility",
    "anjian.risks",
    "anjian.documents",
    "anjian.enforcement",
    "anjian.training",
    "anjian.patrols",
    "anjian.assessment",
    "anjian.notify",
    "anjian.dashboard",
    "anjian.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "anjian.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "anjian.core.middleware.SessionTouchMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "anjian.core.middleware.RequestIdMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "anjian.urls"
WSGI_APPLICATION = "anjian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "anjian" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anjian.core.context_processors.navigation",
                "anjian.notify.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'anjian.sqlite3'}",
        conn_max_age=int(os.environ.get("ANJIAN_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # pytest-django names the test database after this one.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ANJIAN_TEST_SQLITE") or None}
    # Covering indexes (INCLUDE, for PostgreSQL's index-only scans) are plain indexes on SQLite.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server: each statement planned for its values, as before, and the
    # record submission API may prepare its own (core.prepared). Nothing else is prepared.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Security -------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "anjian.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "anjian.accounts.validators.CharacterClassValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ANJIAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours locked out after too many failures
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # an office NAT shares one IP
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = int(os.environ.get("ANJIAN_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle expiry: the clock restarts with the requests, the session saved at most once a minute
# (core.middleware.SessionTouchMiddleware) rather than on every request.
SESSION_SAVE_EVERY_REQUEST = False
ANJIAN_SESSION_TOUCH_SECONDS = int(os.environ.get("ANJIAN_SESSION_TOUCH_SECONDS", "60"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_https = os.environ.get("ANJIAN_HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _https
SECURE_HSTS_SECONDS = 31536000 if _https else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ANJIAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Uploads: an Excel ledger is read in memory up to this size; larger files are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ANJIAN_MAX_LEDGER_BYTES = int(os.environ.get("ANJIAN_MAX_LEDGER_BYTES", str(50 * 1024 * 1024)))
# Photo evidence (anjian.core.photos): larger photos are refused at upload.
ANJIAN_MAX_PHOTO_BYTES = int(os.environ.get("ANJIAN_MAX_PHOTO_BYTES", str(15 * 1024 * 1024)))
# A choice among more rows than this (a county's units) is searched on the server as the user
# types instead of being listed in the page (core.forms.RemoteSelect).
REMOTE_SELECT_FROM = int(os.environ.get("ANJIAN_REMOTE_SELECT_FROM", "1000"))
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

# --- Internationalisation: Simplified Chinese first, English second --------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "anjian" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files: ours in anjian/static, third-party from npm's node_modules ------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "anjian" / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
STATICFILES_DIRS = [d for d in STATICFILES_DIRS if Path(d[1] if isinstance(d, tuple) else d).exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so a missing or wrong token is answered 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "anjian.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
    "EXCEPTION_HANDLER": "anjian.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Anjian 安监 API",
    "DESCRIPTION": "Work-safety supervision platform. Every endpoint is scoped to what the user may see.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],  # schema and docs
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
    "COMPONENT_SPLIT_REQUEST": True,
    # Over a hundred operations: the docs open with the tags folded and a filter box.
    "SWAGGER_UI_SETTINGS": {"docExpansion": "none", "filter": True, "deepLinking": True},
    # Several models have a `status` field with its own choices: one schema name for each.
    "ENUM_NAME_OVERRIDES": {
        "UnitStatusEnum": "anjian.units.choices.UnitStatus",
        "PlanStatusEnum": "anjian.inspections.choices.PlanStatus",
        "InspectionTaskStatusEnum": "anjian.inspections.choices.TaskStatus",
        "IncidentStatusEnum": "anjian.emergency.choices.IncidentStatus",
        "DocumentTaskStatusEnum": "anjian.documents.choices.TaskStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ANJIAN_LOG_LEVEL", "WARNING")},
}

# Background work (huey): `anjian worker` runs the consumer; `make run` starts it beside the server.
# Tasks live in each app's tasks.py. Without REDIS_URL the queue is an SQLite file (no server).
REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY = {
    "name": "anjian",
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "immediate": os.environ.get("ANJIAN_TASKS_IMMEDIATE", "0") == "1",
    "utc": False,  # schedules (crontab) in local time: Django sets the process TZ to TIME_ZONE
    "connection": {"url": REDIS_URL} if REDIS_URL else {"filename": str(DATA_DIR / "queue.sqlite3")},
    "consumer": {"workers": 2, "worker_type": "thread", "periodic": True, "check_worker_health": True},
}
ANJIAN_EMAIL_URL = os.environ.get("ANJIAN_EMAIL_URL", "")

# The map's tile source (a Leaflet URL template, e.g. 天地图 with its key); without one the map
# draws grids and units on a plain background.
ANJIAN_MAP_TILES = os.environ.get("ANJIAN_MAP_TILES", "")
ANJIAN_MAP_ATTRIBUTION = os.environ.get("ANJIAN_MAP_ATTRIBUTION", "")
