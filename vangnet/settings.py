"""Django settings for Vangnet.

Configuration comes from environment variables so the same code runs as the
embedded SQLite demo and in production on PostgreSQL:

- ``DATABASE_URL``   e.g. ``postgres://user@host:5432/vangnet``; default: SQLite file.
- ``SECRET_KEY``     required when ``DEBUG`` is off.
- ``DEBUG``          ``1`` for development/demo.
- ``ALLOWED_HOSTS``  comma separated.
- ``SECURE_HSTS_SECONDS`` (default one year, 0 with ``DEBUG``), ``SECURE_HSTS_INCLUDE_SUBDOMAINS``
  (default on), ``SECURE_HSTS_PRELOAD`` (default off), ``TRUST_X_FORWARDED_PROTO`` (``1`` behind
  a TLS-terminating proxy that sets ``X-Forwarded-Proto``).

Every variable is in README's Configuration table (tests/core/test_config.py fails on a missing one).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not os.environ.get("VANGNET_ALLOW_INSECURE_KEY"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development/demo/test only: never used in production (see check above).
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # third party
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "django_tasks_db",
    # Vangnet domain apps
    "vangnet.core",
    "vangnet.organisations",
    "vangnet.accounts",
    "vangnet.audit",
    "vangnet.access",
    "vangnet.norms",
    "vangnet.persons",
    "vangnet.intake",
    "vangnet.triage",
    "vangnet.cases",
    "vangnet.worklists",
    "vangnet.notifications",
    "vangnet.wvggz",
    "vangnet.network",
    "vangnet.inbeeld",
    "vangnet.procesregie",
    "vangnet.leefgebieden",
    "vangnet.crisis",
    "vangnet.plannen",
    "vangnet.middelen",
    "vangnet.naasten",
    "vangnet.verzoeken",
    "vangnet.inzage",
    "vangnet.grondslagen",
    "vangnet.overleg",
    "vangnet.search",
    "vangnet.monitor",
    "vangnet.verwerking",
    "vangnet.bewaren",
    "vangnet.publiek",
    "vangnet.api",
    "vangnet.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after security: Cache-Control no-store for logged-in users, Permissions-Policy.
    "vangnet.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vangnet.accounts.middleware.SessionRenewalMiddleware",
    "vangnet.core.middleware.ExplicitLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's and django-otp's, with the session's TOTP device in the user's query (issue 17).
    "vangnet.accounts.middleware.AuthenticationMiddleware",
    "vangnet.accounts.middleware.OTPMiddleware",
    "vangnet.accounts.middleware.Require2FAMiddleware",
    "vangnet.accounts.middleware.RequirePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vangnet.audit.middleware.RequestContextMiddleware",
    # The READ rows of a request in one access-log insert (issue 17).
    "vangnet.audit.middleware.AccessLogBatchMiddleware",
    # Expired sessions: drafts of what was posted, 401 + HX-Redirect for HTMX (ADR 0009).
    "vangnet.accounts.middleware.SessionExpiryMiddleware",
    # A REFUSED access-log row for every 403 not logged by a guard (vangnet.access).
    "vangnet.access.middleware.RefusalLogMiddleware",
    # axes must be last: it inspects the result of authentication attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vangnet.urls"
WSGI_APPLICATION = "vangnet.wsgi.application"

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
                "csp.context_processors.nonce",
                "vangnet.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default so a newcomer needs nothing installed;
# DATABASE_URL switches to PostgreSQL (production).
# Persistent connections by default: opening one cost 6-25 ms per request (issue 17);
# the health check replaces a connection the server dropped before a request uses it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: PostgreSQL compiles a statement to machine code once its estimated
    # cost is high, and for the short index lookups of a page that took longer than the
    # statement (the monitor: 133 of 235 ms; triage at region size: 3 s of JIT for one
    # badly estimated plan). Per connection, so no page pays a SET for it (issue 17).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL + a busy timeout so the dev server and the task worker can share the file.
    # IMMEDIATE: a transaction takes the write lock at BEGIN, so a second writer waits
    # (up to the timeout) and then reads the first one's result, instead of failing
    # with "database is locked" when it upgrades a read to a write (two workers
    # triaging the same melding).
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Authentication & security -------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's minimum-length rule with a Dutch message (vangnet/accounts/validators.py).
    {"NAME": "vangnet.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the organisation in the user's query; sessions made under
    # django.contrib.auth's path log in again once after the upgrade (issue 17).
    "vangnet.accounts.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "worklists:home"
LOGOUT_REDIRECT_URL = "accounts:login"


# --- Single sign-on for staff: OpenID Connect (issue 18; mozilla-django-oidc) ---------------
# Off by default. Accounts are matched on a claim, never created (beheer makes accounts, with
# the four-eyes rule for roles); the provider's acr/amr counts as the second factor only when
# listed here, else Vangnet's own TOTP step follows. README, Configuration: "Single sign-on".
def env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


VANGNET_OIDC_ENABLED = env_bool("VANGNET_OIDC_ENABLED")
VANGNET_LOCAL_LOGIN = env_bool("VANGNET_LOCAL_LOGIN", default=True)  # password + TOTP
VANGNET_OIDC_ISSUER = os.environ.get("VANGNET_OIDC_ISSUER", "")  # discovery, and the iss check
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("VANGNET_OIDC_AUTHORIZATION_ENDPOINT", "")  # else discovery
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("VANGNET_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("VANGNET_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("VANGNET_OIDC_JWKS_ENDPOINT", "")
VANGNET_OIDC_END_SESSION_ENDPOINT = os.environ.get("VANGNET_OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("VANGNET_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("VANGNET_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("VANGNET_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("VANGNET_OIDC_SCOPES", "openid email profile")
VANGNET_OIDC_CLAIM = os.environ.get("VANGNET_OIDC_CLAIM", "email")  # the claim that names the user
VANGNET_OIDC_USER_FIELD = os.environ.get("VANGNET_OIDC_USER_FIELD", "email")  # "email" or "username"
VANGNET_OIDC_ACCEPTED_ACR = env_list("VANGNET_OIDC_ACCEPTED_ACR")
VANGNET_OIDC_ACCEPTED_AMR = env_list("VANGNET_OIDC_ACCEPTED_AMR")
VANGNET_OIDC_LEEWAY_SECONDS = int(os.environ.get("VANGNET_OIDC_LEEWAY_SECONDS", "30"))
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider
OIDC_TIMEOUT = int(os.environ.get("VANGNET_OIDC_TIMEOUT_SECONDS", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
if VANGNET_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("vangnet.accounts.oidc.OIDCBackend")

# Brute-force protection: lock the username+IP after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# One place decides the client IP (audit log, security log and lockouts alike).
AXES_CLIENT_IP_CALLABLE = "vangnet.audit.middleware.client_ip"
# axes stores the user name for existing accounts, a keyed hash for anything
# else typed (often a password in the wrong field); see accounts.services.username_key.
AXES_USERNAME_CALLABLE = "vangnet.accounts.services.axes_username"
# Trust X-Forwarded-For only behind your own reverse proxy (it must set the header).
VANGNET_TRUST_X_FORWARDED_FOR = env_bool("VANGNET_TRUST_X_FORWARDED_FOR", False)
# Per user name over all IP addresses: after this many failures every further
# attempt waits 2, 4, 8, ... seconds, at most VANGNET_LOGIN_DELAY_MAX_SECONDS.
VANGNET_LOGIN_DELAY_AFTER_FAILURES = int(os.environ.get("VANGNET_LOGIN_DELAY_AFTER_FAILURES", "3"))
# Short on purpose: an attacker can keep a colleague waiting this long, and the
# password is only the first factor (TOTP stays required).
VANGNET_LOGIN_DELAY_MAX_SECONDS = int(os.environ.get("VANGNET_LOGIN_DELAY_MAX_SECONDS", "60"))
VANGNET_LOGIN_DELAY_WINDOW_SECONDS = 30 * 60  # failures older than this are forgotten
# Reset links sent by functioneel beheer: valid 24 hours, and single use.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# Sessions: idle timeout of 30 minutes (renewed on every request), and gone
# when the browser closes. Workers on the street share phones less than
# they lose them.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
# Renewed by activity at most once a minute (vangnet.accounts.middleware.SessionRenewalMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
CSRF_FAILURE_VIEW = "vangnet.core.views.csrf_failure"  # Dutch, normal layout (templates/403_csrf.html)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HSTS in production (sent on HTTPS requests only); 0 switches it off.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a TLS-terminating proxy Django only knows the request was HTTPS from this header.
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production (issue 18): plain HTTP is redirected to HTTPS, except the health endpoint, which
# the container runtime and the load balancer ask over HTTP inside the network.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
# security.W021 (no HSTS preload): preloading is a choice for a whole registrable domain
# (gemeente.nl and all its subdomains), made by its owner, not by one application on it;
# SECURE_HSTS_PRELOAD=1 sends it where that choice was made.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Browser features Vangnet never uses (Django has no setting for this header;
# vangnet.core.middleware.SecurityHeadersMiddleware sends it).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
X_FRAME_OPTIONS = "DENY"
OTP_TOTP_ISSUER = "Vangnet"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# django-filter's blank choice ("---------"), the same Dutch words as the forms'.
FILTERS_EMPTY_CHOICE_LABEL = _("— kies —")
# No USE_THOUSAND_SEPARATOR: it would also turn years, counts and ids rendered as
# plain numbers into "2.026"; decimals already show a comma under LANGUAGE_CODE "nl".

# --- Static files ---------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
# The NL Design System CSS of the public melding form (vangnet/publiek), fetched by `make install`
# (npm, package.json) into the git-ignored node_modules/ and served under static/nlds/.
STATICFILES_DIRS += [
    (prefix, folder)
    for prefix, folder in (
        ("nlds/component-library-css", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
        ("nlds/design-tokens", BASE_DIR / "node_modules/@utrecht/design-tokens/dist"),
    )
    if folder.is_dir()
]

# --- Background tasks (deadlines, reminders, retention) ------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["vangnet.api.permissions.IsVerifiedUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # JSON nested too deep or a body too large: 400 with a Dutch message, not 500.
    "DEFAULT_PARSER_CLASSES": [
        "vangnet.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "vangnet.api.errors.dutch_exception_handler",
    # JSON only: DRF's browsable HTML pages have English texts and inline script (CSP).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vangnet API",
    "DESCRIPTION": "API van Vangnet, het systeem voor meldpunten zorgwekkend gedrag en bemoeizorg.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- E-mail (console in development/demo) --------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "vangnet@example.org")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))  # a hanging SMTP server must not block the worker
# With DEBUG off the console/locmem/dummy/file backends are refused (check vangnet.E001) unless this is on.
VANGNET_ALLOW_CONSOLE_EMAIL = env_bool("VANGNET_ALLOW_CONSOLE_EMAIL", False)
# Attempts per e-mail before it is marked "mislukt" (vangnet.notifications.mail).
VANGNET_MAIL_MAX_ATTEMPTS = int(os.environ.get("VANGNET_MAIL_MAX_ATTEMPTS", "5"))
# Where Vangnet is served, for the links in notification e-mails; empty: the mails carry a path only.
VANGNET_SITE_URL = os.environ.get("VANGNET_SITE_URL", "")

# --- Caches ----------------------------------------------------------------
# "default" stays per process; "shared" is in the database, so every gunicorn worker sees the
# same counts: the public form's rate limits (django-ratelimit). Its table is made by the
# migration publiek 0002 (and by `manage.py createcachetable`).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vangnet_shared_cache"},
}
RATELIMIT_USE_CACHE = "shared"
# The public melding form (vangnet/publiek, issue 18): posts per client address (ip) and per
# session, as django-ratelimit rates; the largest post in bytes (no uploads). Python only, no variable.
VANGNET_PUBLIEK_RATE_LIMITS = {
    "stap_ip": "120/h",
    "versturen_ip": "20/h",
    "versturen_sessie": "3/h",
    "status_ip": "30/h",
    "status_sessie": "10/h",
}
VANGNET_PUBLIEK_MAX_POST_BYTES = 64 * 1024

# --- Health endpoint (/gezondheid/, vangnet.core.health) -----------------
# 503 when the oldest task waiting for the task worker waits longer than this.
VANGNET_HEALTH_MAX_TASK_WAIT_SECONDS = int(os.environ.get("VANGNET_HEALTH_MAX_TASK_WAIT_SECONDS", "900"))

# --- Vangnet domain settings ---------------------------------------------
# Demo helpers (fixed TOTP secret printing etc.) are only available when on.
VANGNET_DEMO = env_bool("VANGNET_DEMO", False)
# Access (vangnet.access): break-the-glass grants per user per day, and the
# burst of refused accesses after which the user's teamleider is told.
VANGNET_BREAK_GLASS_DAILY_LIMIT = int(os.environ.get("VANGNET_BREAK_GLASS_DAILY_LIMIT", "3"))
VANGNET_REFUSAL_BURST = int(os.environ.get("VANGNET_REFUSAL_BURST", "10"))
VANGNET_REFUSAL_BURST_MINUTES = int(os.environ.get("VANGNET_REFUSAL_BURST_MINUTES", "5"))
# Audit (vangnet.audit.management.commands.flush): `manage.py flush` lifts the append-only
# triggers and wipes the access log only in tests or with this on (a test or development database).
VANGNET_AUDIT_ALLOW_FLUSH = env_bool("VANGNET_AUDIT_ALLOW_FLUSH", False)
# Audit (vangnet.audit.services.prune_access_log, issue 16): the access log's own term in years;
# older rows are removed behind a checkpoint. NEN 7513 asks at least 5: system check
# vangnet.audit.E001 refuses less (and a database trigger never deletes a younger row).
VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = int(os.environ.get("VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN", "5"))
# Network (vangnet.network.services.follow_up_plan): the checks after a warm handover, as
# (key, days, months); the keys 2w/3m/6m have labels and 6m is the last check. Python only, no variable.
NETWORK_FOLLOW_UPS = (("2w", 14, 0), ("3m", 0, 3), ("6m", 0, 6))

# Retention (vangnet.bewaren, issue 16 part 3): the bewaartermijn per kind of record in months,
# counted from the moment the record became inactive (README "What is kept how long"). Kept as
# typed; the system check bewaren.E001 refuses a value that is not a whole number or is shorter
# than the floor of vangnet.bewaren.terms.FLOORS_MONTHS.
VANGNET_BEWAARTERMIJNEN = {
    "melding": os.environ.get("VANGNET_BEWAARTERMIJN_MELDING", "24"),
    "casus": os.environ.get("VANGNET_BEWAARTERMIJN_CASUS", "60"),
    "wvggz_onderzoek": os.environ.get("VANGNET_BEWAARTERMIJN_WVGGZ_ONDERZOEK", "60"),
    "in_beeld_vraag": os.environ.get("VANGNET_BEWAARTERMIJN_IN_BEELD_VRAAG", "6"),
    "statusbericht": os.environ.get("VANGNET_BEWAARTERMIJN_STATUSBERICHT", "6"),
    "persoon": os.environ.get("VANGNET_BEWAARTERMIJN_PERSOON", "3"),
}

# --- Logging (structlog) --------------------------------------------------
from vangnet.core.logging import configure_logging  # noqa: E402

# JSON lines by default with DEBUG off, readable lines with DEBUG on; to standard error unless
# VANGNET_LOG_STREAM=stdout (deploy/gunicorn.conf.py sets it for the web server).
LOGGING = configure_logging(
    debug=DEBUG,
    json_logs=env_bool("VANGNET_JSON_LOGS", not DEBUG),
    stream=os.environ.get("VANGNET_LOG_STREAM", "stderr"),
)
