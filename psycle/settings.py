"""Psycle's one settings file.

Everything an operator may change is read from the environment through the strict readers in
``psycle.env``; the defaults run on one laptop with nothing but Python (SQLite, e-mail written to
files, background tasks in the database). ``PSYCLE_ENV=production`` turns on the production
hardening and refuses to start while any setting is unsafe, naming each one.
"""

import base64
import hashlib
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from psycle import env, guard

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.string("PSYCLE_VAR_DIR", str(BASE_DIR / "var")))

PSYCLE_ENV = env.choice("PSYCLE_ENV", ("development", "production"), "development")
PRODUCTION = PSYCLE_ENV == "production"
DEBUG = env.boolean("DEBUG", default=not PRODUCTION)


def _origin_of(url: str) -> str:
    """scheme://host of a URL template such as https://{s}.tiles.example/{z}/{x}/{y}.png."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


def _development_secret_key() -> str:
    """A key made once per checkout and kept under var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env.string("SECRET_KEY") or ("" if PRODUCTION else _development_secret_key())


def _derived_key(purpose: str) -> bytes:
    """A key for one purpose, derived from SECRET_KEY (development defaults only)."""
    return hashlib.sha256(f"psycle:{purpose}:{SECRET_KEY}".encode()).digest()


# Encryption at rest (core.crypto): the first key encrypts, every key decrypts, so keys can be
# rotated (docs/deployment.md). Development derives one key from SECRET_KEY when none is given;
# production refuses to start without explicit keys.
PSYCLE_ENCRYPTION_KEYS = env.fernet_keys("PSYCLE_ENCRYPTION_KEYS")
_encryption_keys_given = bool(PSYCLE_ENCRYPTION_KEYS)
if not PSYCLE_ENCRYPTION_KEYS and SECRET_KEY and not PRODUCTION:
    PSYCLE_ENCRYPTION_KEYS = [base64.urlsafe_b64encode(_derived_key("encryption")).decode()]
# The key of the lookup hashes (core.crypto.lookup_hash): separate from the encryption keys so
# rotating those changes no hash. Derived from SECRET_KEY unless given.
PSYCLE_LOOKUP_KEY = env.string("PSYCLE_LOOKUP_KEY") or (
    _derived_key("lookup").hex() if SECRET_KEY else ""
)
if env.raw("PSYCLE_LOOKUP_KEY") and len(PSYCLE_LOOKUP_KEY) < 32:
    raise ImproperlyConfigured("PSYCLE_LOOKUP_KEY must be 32 or more random characters.")

# The port `manage.py serve` (and so `make run`) listens on, on 127.0.0.1.
PORT = env.integer("PORT", 8000, minimum=1)
# The public address every absolute link is built from (API, sitemap, canonical links, e-mails).
# In development it follows PORT unless set, so `PORT=8080 make run` links to port 8080.
SITE_URL = env.url(
    "SITE_URL", None if PRODUCTION else f"http://127.0.0.1:{PORT}", schemes=("http", "https")
)
ALLOWED_HOSTS = env.word_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if SITE_URL and not PRODUCTION:
    ALLOWED_HOSTS.append(urlsplit(SITE_URL).hostname)
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL else []

INSTALLED_APPS = [
    "core",
    "directory",
    "content",
    "api",
    "accounts",
    "assessments",
    "newsletter",
    "consultations",
    "clinics",
    "audit",
    "feedback",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "corsheaders",
    "leaflet",
    "anymail",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.middleware.HostLengthMiddleware",
    "api.cors.ApiCorsMiddleware",
    "api.middleware.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.NulCharacterMiddleware",
    "content.middleware.CurrentRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffIdleSignOutMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "psycle.urls"
WSGI_APPLICATION = "psycle.wsgi.application"
# Selects and text inputs drawn in Python, the same markup as Django's templates (core.forms).
FORM_RENDERER = "core.forms.FastRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file under var/ unless DATABASE_URL says otherwise.
_database_url = env.string("DATABASE_URL")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url or f"sqlite:///{VAR_DIR / 'psycle.sqlite3'}",
            conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be used: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker share the file: WAL lets readers and a writer
    # work at once, and IMMEDIATE transactions wait for the lock instead of failing.
    # Connections are kept between requests (DATABASE_CONN_MAX_AGE) as on PostgreSQL: a new
    # SQLite connection reads and parses the whole schema on its first query, 1.4 ms, which
    # was three quarters of the time a page from the page cache took.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not Django's shared in-memory database: browser tests run a live server
    # in other threads, and an in-memory database's table locks fail at once instead of waiting,
    # so a request still in flight when a test ends could make the next flush fail.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-psycle.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Every query here is short; PostgreSQL compiles a plan it judges costly to machine code
    # first, which took 24 ms for a search that runs in 2 (docs/decisions.md).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.url("REDIS_URL", schemes=("redis", "rediss"))
# Two caches. "default" holds what security rests on (sign-in rate limits, used one-time codes):
# it must not drop live entries to make room, so its bound is far above what it holds (the
# database cache deletes expired rows only once the bound is passed). "pages" holds whole
# pages and values computed for them (core.pagecache), which a busy finder makes by the
# thousand and which cost only time to lose; Django's bound of 300 entries, shared with the
# rate limits, made both churn (docs/decisions.md).
SECURITY_CACHE_ENTRIES = 50_000
PAGE_CACHE_ENTRIES = env.integer("PSYCLE_PAGE_CACHE_ENTRIES", 20_000)
if REDIS_URL:
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {"default": _redis, "pages": {**_redis, "KEY_PREFIX": "pages"}}
elif PRODUCTION:
    # Shared by every web process without another service: sign-in rate limits and used
    # one-time codes must hold across processes. `migrate` creates the tables (core.apps).
    _database_cache = "django.core.cache.backends.db.DatabaseCache"
    CACHES = {
        "default": {
            "BACKEND": _database_cache,
            "LOCATION": "psycle_cache",
            "OPTIONS": {"MAX_ENTRIES": SECURITY_CACHE_ENTRIES},
        },
        "pages": {
            "BACKEND": _database_cache,
            "LOCATION": "psycle_page_cache",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
    }
else:
    _memory_cache = "django.core.cache.backends.locmem.LocMemCache"
    CACHES = {
        "default": {"BACKEND": _memory_cache, "OPTIONS": {"MAX_ENTRIES": SECURITY_CACHE_ENTRIES}},
        "pages": {
            "BACKEND": _memory_cache,
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
    }

# Whole pages for visitors who are not signed in (core.pagecache), in the "pages" cache; 0 turns
# it off. Publishing a page or changing a listing makes every cached page stale at once, so
# this only bounds how long a page can show a date-dependent note ("confirmed 91 days ago").
PAGE_CACHE_SECONDS = env.integer("PSYCLE_PAGE_CACHE_SECONDS", 300)

# Background work: rows in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Accounts (django-allauth): seekers keep the screening results they choose to save; clinic
# staff and administrators also sign in with a second factor (TOTP), which
# accounts.middleware.SecondFactorRequiredMiddleware demands before /clinic/ and /admin/.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/assessment/history/"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.SignInForm", "signup": "accounts.forms.SignUpForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# A code typed on the same page keeps the person in the browser (and session) they signed up in,
# so the screening answers waiting to be saved are still there afterwards.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/assessment/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Psycle: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_ADAPTER = "accounts.adapters.SecondFactorAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Psycle"
# A code from the previous or next 30 seconds is accepted too, for phones whose clock is a little
# off and people who type slowly (RFC 6238 suggests one step of tolerance).
MFA_TOTP_TOLERANCE = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# E-mail: written to files under var/mail/ by default so a newcomer can read what was sent.
EMAIL_DELIVERY = env.choice("EMAIL_DELIVERY", ("files", "console", "smtp"), "files")
EMAIL_BACKEND = {
    "files": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[EMAIL_DELIVERY]
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.boolean("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "Psycle <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Newsletter: how long a confirmation link works, and how campaigns are paced. A delivery whose
# claim outlives NEWSLETTER_CLAIM_TIMEOUT is never resent (docs/decisions.md).
NEWSLETTER_CONFIRMATION_MAX_AGE = env.integer(
    "NEWSLETTER_CONFIRMATION_MAX_AGE", 3 * 24 * 60 * 60, minimum=60
)
NEWSLETTER_BATCH_SIZE = env.integer("NEWSLETTER_BATCH_SIZE", 50, minimum=1)
NEWSLETTER_BATCH_PAUSE = env.integer("NEWSLETTER_BATCH_PAUSE", 60, minimum=0)
NEWSLETTER_CLAIM_TIMEOUT = env.integer("NEWSLETTER_CLAIM_TIMEOUT", 15 * 60, minimum=60)
# Sign-ups accepted per hour from one client address and for one e-mail address (counted
# without +tags); more get a message and HTTP 429, so the form cannot be used to mail strangers.
NEWSLETTER_SIGNUP_LIMIT_PER_IP = env.integer("NEWSLETTER_SIGNUP_LIMIT_PER_IP", 10, minimum=1)
NEWSLETTER_SIGNUP_LIMIT_PER_EMAIL = env.integer("NEWSLETTER_SIGNUP_LIMIT_PER_EMAIL", 3, minimum=1)
# Bounce and complaint webhooks (django-anymail) answer only when this secret is set.
ANYMAIL = {"WEBHOOK_SECRET": env.string("ANYMAIL_WEBHOOK_SECRET")}

# Consultation requests (consultations/). A request closed by its clinic is deleted after
# PSYCLE_REQUEST_RETENTION_DAYS, and any request after PSYCLE_REQUEST_MAX_AGE_DAYS whatever its
# status. The form takes at most PSYCLE_REQUEST_LIMIT_PER_IP requests from one address and
# PSYCLE_REQUEST_LIMIT_PER_EMAIL from one e-mail address in PSYCLE_REQUEST_LIMIT_WINDOW seconds,
# counted in the database so that every process sees the same counts. The clinic's notice and the
# seeker's confirmation are tried PSYCLE_REQUEST_DELIVERY_ATTEMPTS times, waiting
# PSYCLE_REQUEST_RETRY_DELAY seconds and then twice as long each time; a send still unfinished
# after PSYCLE_REQUEST_CLAIM_TIMEOUT seconds (its worker stopped) is sent again.
PSYCLE_REQUEST_RETENTION_DAYS = env.integer("PSYCLE_REQUEST_RETENTION_DAYS", 90, minimum=1)
PSYCLE_REQUEST_MAX_AGE_DAYS = env.integer("PSYCLE_REQUEST_MAX_AGE_DAYS", 365, minimum=1)
if PSYCLE_REQUEST_MAX_AGE_DAYS < PSYCLE_REQUEST_RETENTION_DAYS:
    raise ImproperlyConfigured(
        "PSYCLE_REQUEST_MAX_AGE_DAYS must be at least PSYCLE_REQUEST_RETENTION_DAYS."
    )
PSYCLE_REQUEST_LIMIT_PER_IP = env.integer("PSYCLE_REQUEST_LIMIT_PER_IP", 10, minimum=1)
PSYCLE_REQUEST_LIMIT_PER_EMAIL = env.integer("PSYCLE_REQUEST_LIMIT_PER_EMAIL", 5, minimum=1)
PSYCLE_REQUEST_LIMIT_WINDOW = env.integer("PSYCLE_REQUEST_LIMIT_WINDOW", 60 * 60, minimum=60)
PSYCLE_REQUEST_DELIVERY_ATTEMPTS = env.integer("PSYCLE_REQUEST_DELIVERY_ATTEMPTS", 10, minimum=1)
PSYCLE_REQUEST_RETRY_DELAY = env.integer("PSYCLE_REQUEST_RETRY_DELAY", 60, minimum=1)
PSYCLE_REQUEST_CLAIM_TIMEOUT = env.integer("PSYCLE_REQUEST_CLAIM_TIMEOUT", 15 * 60, minimum=60)
# "Report a problem" accepts this many reports an hour from one client address (counted in the
# database like the request form's limit); more get a message and HTTP 429.
PSYCLE_REPORT_LIMIT_PER_IP = env.integer("PSYCLE_REPORT_LIMIT_PER_IP", 10, minimum=1)
# Behind a proxy that appends the client's address to X-Forwarded-For, rate limits count that
# address instead of the proxy's.
TRUST_X_FORWARDED_FOR = env.boolean("TRUST_X_FORWARDED_FOR", default=False)
# Staff left idle this long in the clinic portal or the admin are signed out.
PSYCLE_STAFF_IDLE_MINUTES = env.integer("PSYCLE_STAFF_IDLE_MINUTES", 30, minimum=1)
# Sign-in rate limits (allauth) count the same address: one proxy of ours in front.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if TRUST_X_FORWARDED_FOR else 0

SECURITY_CONTACT = env.string(
    "SECURITY_CONTACT", f"mailto:security@{urlsplit(SITE_URL).hostname}" if SITE_URL else None
)

# Maps: with no tile server the map draws the state outlines shipped in directory/static and no
# request leaves for another host. An operator who sets a tile server (and its attribution) gets
# street maps.
MAP_TILE_URL = env.url("MAP_TILE_URL", schemes=("https",)) or ""
MAP_TILE_ATTRIBUTION = env.string("MAP_TILE_ATTRIBUTION", "")
if MAP_TILE_URL and not MAP_TILE_ATTRIBUTION:
    raise ImproperlyConfigured("MAP_TILE_ATTRIBUTION is required with MAP_TILE_URL.")

# Security headers. The Content Security Policy allows nothing from other hosts and no inline
# code except what carries the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"]
        + ([_tile_origin] if (_tile_origin := _origin_of(MAP_TILE_URL)) else []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Cross-origin calls (django-cors-headers), only to the API paths api.cors lists, with the
# methods it lists for each: from any origin, without cookies.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
# A page may ask again with the validators /api/hsds/ gives (ETag, Last-Modified).
CORS_ALLOW_HEADERS = ("accept", "content-type", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("Link", "X-Request-ID", "ETag")
CORS_PREFLIGHT_MAX_AGE = 24 * 60 * 60
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)"
X_FRAME_OPTIONS = "DENY"
# Messages ("Signed in as ...") are kept in the session, not in a cookie anyone can read.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env.boolean("TRUST_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Self-assessment: the scores at or above which a PTSD screen counts as positive. Only the
# published, validated cut-points are accepted: any other value would make the screen say
# something its studies never tested.
# PC-PTSD-5: 3 favours sensitivity, 4 balances missed and false positives (Bovin et al. 2021).
PC_PTSD_5_CUT_POINT = env.integer("PC_PTSD_5_CUT_POINT", 3, minimum=3, maximum=4)
# PCL-5: a provisional cut-point in the 31-33 range (Bovin et al. 2016).
PCL5_CUT_POINT = env.integer("PCL5_CUT_POINT", 33, minimum=31, maximum=33)

# Wagtail.
WAGTAIL_SITE_NAME = "Psycle"
WAGTAILADMIN_BASE_URL = SITE_URL or ""
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Editors sign in through the site's account pages, which ask for the second factor.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# A medical reviewer's approval publishes the page, though reviewers cannot publish directly.
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.workflows.publish_approved"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt"]

# Logging: one line per record with the request id; no personal data (see core.logging).
LOG_LEVEL = env.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.logging.RequestIdFilter"},
        "redact": {"()": "core.logging.RedactFilter"},
    },
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [request_id=%(request_id)s] %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # runserver's access lines, through the same filters (Django gives them a handler of
        # their own otherwise, which would write query strings in full).
        "django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}


if PRODUCTION and (
    _problems := guard.unsafe_production_settings(
        {
            "DEBUG": DEBUG,
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": ALLOWED_HOSTS,
            "SITE_URL": SITE_URL,
            "EMAIL_DELIVERY": EMAIL_DELIVERY,
            "DATABASE_URL": _database_url,
            "PSYCLE_ENCRYPTION_KEYS": PSYCLE_ENCRYPTION_KEYS if _encryption_keys_given else [],
            "PSYCLE_LOOKUP_KEY": env.raw("PSYCLE_LOOKUP_KEY") and PSYCLE_LOOKUP_KEY,
        }
    )
):
    raise ImproperlyConfigured(
        "Refusing to start in production with unsafe settings:\n"
        + "\n".join(f"  - {problem}" for problem in _problems)
    )
