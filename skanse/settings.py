"""Skanse settings: one module, configured from environment variables.

Every variable is listed in README.md ("Configuration"). A malformed value fails loudly at
start-up instead of being silently ignored.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# The demo and the tests run with built-in, insecure defaults; production must set its own.
DEMO = envbool("SKANSE_DEMO", False)
DEBUG = envbool("SKANSE_DEBUG", False)
SECRET_KEY = os.environ.get("SKANSE_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "SKANSE_SECRET_KEY is required (or SKANSE_DEMO=true for the local demo)."
        )
    SECRET_KEY = "insecure-demo-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("SKANSE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("SKANSE_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SKANSE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "skanse.core",
    "skanse.accounts",
    "skanse.tenancy",
    "skanse.auditlog",
    "skanse.library",
    "skanse.programme",
    "skanse.commons",
    "skanse.reporting",
    "skanse.inventory",
    "skanse.requirements",
    "skanse.privacy",
    "skanse.kitos",
    "skanse.breaches",
    "skanse.dpia",
    "skanse.design",
    "skanse.campaigns",
    "skanse.dashboard",
    "skanse.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "skanse.core.middleware.language_middleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "skanse.tenancy.middleware.OrganisationMiddleware",
]

ROOT_URLCONF = "skanse.urls"
WSGI_APPLICATION = "skanse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "skanse" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "skanse.tenancy.context_processors.organisation",
                "skanse.dashboard.menu.context",
            ],
            "string_if_invalid": "",
        },
    },
]

# Database: SQLite by default (WAL mode), PostgreSQL through DATABASE_URL.
DATA_DIR = Path(os.environ.get("SKANSE_DATA_DIR", BASE_DIR / "var"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "skanse.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared across app processes: the database is the cache until a measured need says otherwise.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "skanse_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email login, no self sign-up (members join by invitation), TOTP + recovery codes.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "skanse.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("SKANSE_LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Security keys need a secure origin; the local demo runs on plain http://127.0.0.1.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEMO or DEBUG
MFA_TOTP_ISSUER = "Skanse"

SESSION_COOKIE_AGE = envint("SKANSE_SESSION_AGE", 8 * 3600)
SECURE_COOKIES = envbool("SKANSE_SECURE_COOKIES", not (DEMO or DEBUG))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("SKANSE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SKANSE_HSTS_SECONDS", 0)
if envbool("SKANSE_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict Content Security Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Danish first, English complete.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "skanse" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SKANSE_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "skanse" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = envbool("SKANSE_STATIC_FROM_FINDERS", DEMO or DEBUG)

# Email: the console by default; SMTP when SKANSE_EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("SKANSE_EMAIL_FROM", "Skanse <noreply@skanse.localhost>")
if os.environ.get("SKANSE_EMAIL_HOST"):
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["SKANSE_EMAIL_HOST"],
            "port": envint("SKANSE_EMAIL_PORT", 587),
            "username": os.environ.get("SKANSE_EMAIL_USER", ""),
            "password": os.environ.get("SKANSE_EMAIL_PASSWORD", ""),
            "use_tls": envbool("SKANSE_EMAIL_TLS", True),
        },
    }
elif os.environ.get("SKANSE_EMAIL_FILE_PATH"):
    _mailer = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ["SKANSE_EMAIL_FILE_PATH"]},
    }
else:
    _mailer = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": _mailer}

# Background work: Django's task framework with the database backend and its worker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SKANSE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Tenancy and product settings.
INVITATION_VALID_DAYS = envint("SKANSE_INVITATION_VALID_DAYS", 14)
AUDIT_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SKANSE_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO; its warnings still show.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Forms render with the DKFDS markup in skanse/templates/forms and django/forms/widgets.
FORM_RENDERER = "skanse.core.forms.DKFDSRenderer"

# Library imports: files larger than this are refused before they are read.
LIBRARY_IMPORT_MAX_BYTES = envint("SKANSE_IMPORT_MAX_BYTES", 50 * 1024 * 1024)

# Campaign results: an aggregate over fewer organisations than this is never shown.
CAMPAIGN_MIN_GROUP = envint("SKANSE_MIN_GROUP", 5)

# Uploaded evidence and documents: larger files are refused.
UPLOAD_MAX_BYTES = envint("SKANSE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
