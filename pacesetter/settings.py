"""Pacesetter settings: one file, everything that differs between machines comes from the environment.

| variable          | default                                   |
|-------------------|-------------------------------------------|
| DATABASE_URL      | sqlite:///<project>/var/db.sqlite3 (WAL)  |
| SECRET_KEY        | generated once into var/secret_key        |
| DEBUG             | false                                     |
| ALLOWED_HOSTS     | localhost,127.0.0.1 (comma separated)     |
| MEDIA_ROOT        | <project>/var/media                       |
| SECURE_HTTPS      | true when DEBUG is false                  |
| IMPORT_MAX_MB     | 20                                        |
| EVIDENCE_MAX_MB   | 10 (one evidence photo or document)       |
| SITE_URL          | empty (links in e-mails are then paths)   |
| COMMITMENT_REMIND_DAYS | 7 (send_reminders: deadlines this near) |
| COMMITMENT_FEEDBACK_PER_HOUR | 5 (public feedback per address and hour) |
| POSTGRES_JIT      | off (PostgreSQL's JIT for this app's connections) |
| SITEVISIT_POSTS_PER_HOUR | 300 (observation score sheets per address and hour) |
| SELECTION_OBJECTIONS_PER_HOUR | 5 (objections on a public notice per address and hour) |
| STAGE_REMIND_DAYS | 3 (stage_reminders: stage tasks due this near) |
| ACTIVITY_SIGNIN_CODE_SECONDS | 60 (life of an activity's QR sign-in code) |
| ACTIVITY_SIGNIN_PER_MINUTE | 10 (sign-in attempts per user and minute) |
| ACTIVITY_FLAG_MIN_HELD, ACTIVITY_FLAG_MONTHS | 3, 3 (fewer held in that many months: "活动开展难") |
| ACTIVITY_EXPECTED_PER_MONTH | 2 (activities expected a month, for the evaluation indicator) |
| NONPUBLIC_IMPORT_MAX_ROWS | 5000 (rows of one non-public entity import) |
| JOB_HEARTBEAT_TIMEOUT | 60 (seconds without a heartbeat before a running background job counts as interrupted) |
| JOB_IMPORT_INLINE_ROWS | 2000 (imports with more rows run as a background job) |
| PUBLIC_PAGES_PER_MINUTE | 600 (public pages per address and minute; 0: no limit) |
| PUBLIC_FILES_PER_MINUTE | 3000 (public images and files per address and minute) |
| PUBLIC_NOT_FOUND_PER_MINUTE | 60 (unknown ballot tokens, survey keys, sheet tokens, certificate codes per address and minute) |
| REDIS_URL         | empty; redis://host:port/db: cache, sessions, login throttle, rate limits in Redis (several app nodes) |
| DATABASE_REPLICA_URL | empty; a streaming replica that dashboards read from (core.dbrouter) |
"""
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PACESETTER_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """A development key kept in an ignored file, so sessions survive restarts; never committed."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "treebeard",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "pacesetter.core",
    "pacesetter.orgs",
    "pacesetter.campaigns",
    "pacesetter.notifications",
    "pacesetter.evaluation",
    "pacesetter.commitments",
    "pacesetter.accountability",
    "pacesetter.comparisons",
    "pacesetter.exhibition",
    "pacesetter.seminars",
    "pacesetter.sitevisits",
    "pacesetter.selections",
    "pacesetter.honours",
    "pacesetter.pairing",
    "pacesetter.linkage",
    "pacesetter.doublelead",
    "pacesetter.nonpublic",
    "pacesetter.vanguard",
    "pacesetter.activities",
    "pacesetter.stages",
    "pacesetter.jobs",
    "pacesetter.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "pacesetter.core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns lockouts into responses.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "pacesetter.urls"
WSGI_APPLICATION = "pacesetter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pacesetter" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "pacesetter.core.context_processors.roles",
                "pacesetter.notifications.context_processors.unread_notifications",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock when they begin, so a read-then-write transaction never
        # fails half-way with SQLITE_BUSY; WAL lets readers go on meanwhile.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        ),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries are short; PostgreSQL's JIT compiles any plan whose estimated cost
    # passes jit_above_cost, which costs the key-task dashboard ~35 ms per page and
    # saves nothing (bench/RESULTS.md). Reporting sessions may turn it back on.
    jit = "on" if env_bool("POSTGRES_JIT", False) else "off"
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c jit={jit}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks -------------------------------------------------------
# Big tallies run in `manage.py db_worker` (django-tasks' database backend; `make run`
# starts one beside gunicorn), so they need no broker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Passwords, login, throttling ----------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind nginx every request comes from the proxy: lockouts and open-survey limits key on
# the forwarded client address (core.net.client_ip), or one guesser would lock a user out
# for everybody. PROXY_COUNT proxies each append to X-Forwarded-For.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1")) if env_bool("BEHIND_PROXY", False) else 0
AXES_CLIENT_IP_CALLABLE = "pacesetter.core.net.client_ip"
# Open surveys (/s/<key>): ballots per subject from one device, and from one address (several
# people behind one NAT); 0 switches a limit off.
OPEN_SURVEY_PER_DEVICE = int(os.environ.get("OPEN_SURVEY_PER_DEVICE", "1"))
OPEN_SURVEY_PER_IP = int(os.environ.get("OPEN_SURVEY_PER_IP", "20"))

# --- Languages and time -----------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_MB", "20")) * 1024 * 1024
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_MB", "10")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Security ---------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- REST API ---------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its authenticate_header makes unauthenticated requests 401, not 403.
        "pacesetter.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "pacesetter.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "pacesetter.api.schema.ApiAutoSchema",
    "DEFAULT_FILTER_BACKENDS": [],
    "EXCEPTION_HANDLER": "pacesetter.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min", "ballot": "600/min"},
    # The throttles' client address as core.net.client_ip decides it. Unset, DRF keys anonymous
    # throttles on the whole X-Forwarded-For header, which a client can change at every request.
    "NUM_PROXIES": PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pacesetter API",
    "DESCRIPTION": "创先争优 — the REST API of Pacesetter. Same visibility as the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("kind", "status", "source"): name their schema enums apart.
    "ENUM_NAME_OVERRIDES": {
        "GroupKindEnum": "pacesetter.evaluation.enums.GroupKind",
        "RoundKindEnum": "pacesetter.evaluation.enums.RoundKind",
        "KeyTaskKindEnum": "pacesetter.accountability.enums.KeyTaskKind",
        "KeyTaskStatusEnum": "pacesetter.accountability.enums.KeyTaskStatus",
        "NoticeStatusEnum": "pacesetter.accountability.enums.NoticeStatus",
        "CaseStatusEnum": "pacesetter.accountability.enums.CaseStatus",
        "CaseSourceEnum": "pacesetter.accountability.enums.CaseSource",
        "SourceEnum": "pacesetter.evaluation.enums.IndicatorSource",
        "SanctionKindEnum": "pacesetter.accountability.enums.Sanction",
        "CampaignStatusEnum": "pacesetter.campaigns.enums.CampaignStatus",
        "VanguardRatingEnum": "pacesetter.vanguard.enums.Rating",
    },
}

# --- Scale-out (REDIS_URL, DATABASE_REPLICA_URL) ---------------------------
# Several app nodes behind one proxy (scripts/cluster.py, `make cluster`) share what one process
# would keep to itself. Without these variables nothing here changes: one machine, local memory
# cache, sessions in the database, rate limits in the RateBucket table.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pacesetter",
        }
    }
    # cached_db, not cache: sessions are read from Redis (no database query per request), and
    # written through to the database, so a Redis restart (it keeps nothing on disk) logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # Failed logins are counted in Redis, shared by every node (django-axes 8's cache handler).
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    # DRF throttles use the default cache, and core.ratelimit counts in Redis when this is set.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
            conn_health_checks=True,
        ),
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},
    }
    # Reads go to the replica only inside core.dbrouter.replica_reads() (the dashboards).
    DATABASE_ROUTERS = ["pacesetter.core.dbrouter.ReplicaRouter"]

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pacesetter@localhost")
# Where people open Pacesetter (https://pacesetter.example.gov.cn): e-mailed notifications link there.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# `pacesetter send_reminders` tells owners of commitment items due within this many days.
COMMITMENT_REMIND_DAYS = int(os.environ.get("COMMITMENT_REMIND_DAYS", "7"))
# Feedback and objections on the public notice board from one address per hour (0: no limit).
COMMITMENT_FEEDBACK_PER_HOUR = int(os.environ.get("COMMITMENT_FEEDBACK_PER_HOUR", "5"))
# Observation-meeting score sheets posted from one address per hour: a venue's wifi carries a whole meeting.
SITEVISIT_POSTS_PER_HOUR = int(os.environ.get("SITEVISIT_POSTS_PER_HOUR", "300"))
# Objections to a selection's shortlist on public notice from one address per hour (0: no limit).
SELECTION_OBJECTIONS_PER_HOUR = int(os.environ.get("SELECTION_OBJECTIONS_PER_HOUR", "5"))
# `pacesetter stage_reminders` tells organisation admins of campaign-stage tasks due within this many days.
STAGE_REMIND_DAYS = int(os.environ.get("STAGE_REMIND_DAYS", "3"))
# A party activity's QR sign-in code: seconds it stays valid (it is single-use too), attempts per user a minute.
ACTIVITY_SIGNIN_CODE_SECONDS = int(os.environ.get("ACTIVITY_SIGNIN_CODE_SECONDS", "60"))
ACTIVITY_SIGNIN_RATE_LIMIT = int(os.environ.get("ACTIVITY_SIGNIN_PER_MINUTE", "10"))
ACTIVITY_SIGNIN_RATE_WINDOW = 60
# Organisations that held fewer than ACTIVITY_FLAG_MIN_HELD activities in the last ACTIVITY_FLAG_MONTHS
# months are listed as finding it hard to hold activities (活动开展难).
ACTIVITY_FLAG_MIN_HELD = int(os.environ.get("ACTIVITY_FLAG_MIN_HELD", "3"))
ACTIVITY_FLAG_MONTHS = int(os.environ.get("ACTIVITY_FLAG_MONTHS", "3"))
# Activities expected a month: the evaluation indicator "party activities held" is 100 × held / expected.
ACTIVITY_EXPECTED_PER_MONTH = int(os.environ.get("ACTIVITY_EXPECTED_PER_MONTH", "2"))
# Rows one import of non-public enterprises and social organisations may hold.
NONPUBLIC_IMPORT_MAX_ROWS = int(os.environ.get("NONPUBLIC_IMPORT_MAX_ROWS", "5000"))

# --- Rate limits of the public pages (pacesetter/core/public_limits.py) ------
# Requests per client address and minute to the pages anyone can open without logging in
# (notice boards, galleries, rolls, published results…); 0: no limit. A meeting hall behind one
# NAT address opens the same page at once: keep these well above the people in the hall.
PUBLIC_PAGES_PER_MINUTE = int(os.environ.get("PUBLIC_PAGES_PER_MINUTE", "600"))
# Public images and files (gallery photos and thumbnails, public evidence): a page pulls dozens.
PUBLIC_FILES_PER_MINUTE = int(os.environ.get("PUBLIC_FILES_PER_MINUTE", "3000"))
# Unknown tokens, keys and codes (404) per address and minute on the pages whose URL is a secret
# (ballot, open survey, site-visit score sheet, certificate verification): only guesses count, so
# voters with real tokens are never refused; past the limit the address waits out the minute.
PUBLIC_NOT_FOUND_PER_MINUTE = int(os.environ.get("PUBLIC_NOT_FOUND_PER_MINUTE", "60"))

# --- Background jobs (pacesetter.jobs) ----------------------------------------
# A running job writes a heartbeat every JOB_HEARTBEAT_TIMEOUT/4 seconds (PostgreSQL); one
# silent for longer than this is shown as interrupted (its worker died) and may be retried.
JOB_HEARTBEAT_TIMEOUT = float(os.environ.get("JOB_HEARTBEAT_TIMEOUT", "60"))
# Imports of more rows than this are stored and run by the background worker; smaller ones in the request.
JOB_IMPORT_INLINE_ROWS = int(os.environ.get("JOB_IMPORT_INLINE_ROWS", "2000"))
