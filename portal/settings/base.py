"""Settings shared by every environment. Values that differ come from environment variables."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "resolutions",
    "knowledge",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.sites",
    "portal.wagtail_users.WagtailUsersConfig",  # wagtail.users; only superusers hand out powers
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "simple_history",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.admin_pages.HiddenPagesMiddleware",  # admin URLs naming a page its reader may not see: 403
    "axes.middleware.AxesMiddleware",  # turns a throttled sign-in into a 429 answer
    "portal.page_cache.PageCacheMiddleware",  # after those that shape a page: whole pages, until content changes
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Members-only pages of the site send readers to the site's own sign-in, in their language (the
# admin keeps its own).
LOGIN_URL = "sign_in"
# Sign-in throttling (django-axes, shaped by portal.security): failures count per address and per name
# from that address, so a guesser elsewhere never locks the owner out. At LOGIN_FAILURE_LIMIT failures
# (remembered LOGIN_FAILURE_WINDOW seconds after the last) the address waits LOGIN_COOL_OFF seconds,
# doubled by every further failure up to LOGIN_COOL_OFF_MAX.
AUTHENTICATION_BACKENDS = ["portal.security.SignInBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "3600"))
LOGIN_COOL_OFF = int(os.environ.get("LOGIN_COOL_OFF", "60"))
LOGIN_COOL_OFF_MAX = int(os.environ.get("LOGIN_COOL_OFF_MAX", "3600"))
# Proxies in front of the portal that append the client's address to X-Forwarded-For; with none
# (the default) the header is ignored, since anyone can send it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_COOLOFF_TIME = "portal.security.login_cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True  # each address's failures expire on their own clock
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused try neither counts nor extends the wait
AXES_CLIENT_IP_CALLABLE = "portal.security.client_address"
AXES_USERNAME_CALLABLE = "portal.security.login_name"
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not logged with their address: nothing reads it
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.ThrottledLoginForm"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview frames the site

# Content-Security-Policy (django-csp): the public site loads nothing from elsewhere and runs no
# inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin relies on inline styles and scripts; everything still comes from us
# (portal.security.ContentSecurityPolicyMiddleware applies it under PATH_PREFIX).
ADMIN_CONTENT_SECURITY_POLICY = {
    "PATH_PREFIX": "/admin/",
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Languages: Persian first because most of the network writes in it.
LANGUAGE_CODE = "fa"
LANGUAGES = [
    ("fa", _("Persian")),
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    # Its catalogue is written from the Simplified one (manage.py make_traditional_catalogue).
    ("zh-hant", _("Traditional Chinese")),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tehran")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every message leaves through the task worker (portal/mail.py), so no request waits for the mail
# server; the EMAIL_BACKEND variable names how the worker delivers it (SMTP in production).
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

# The portal's public address: every absolute link (e-mails, citations, sitemap, feeds, the API,
# the admin's links, the Site record) starts with it (portal/addresses.py). `make run` serves here.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
# Production settings set this: system checks then refuse half-configured settings (portal/checks.py).
PORTAL_PRODUCTION = False

WAGTAIL_SITE_NAME = "Metropolitan Crisis Management Network"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL  # links in review notifications and password resets
WAGTAIL_I18N_ENABLED = False  # one page tree; each item carries its own document language
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin's policy loads images from us only, and people's e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Uploads: what cities may send the secretariat.
WAGTAILDOCS_EXTENSIONS = env_list(
    "DOCUMENT_EXTENSIONS", "pdf,doc,docx,odt,xls,xlsx,ppt,pptx,jpg,jpeg,png"
)
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_BYTES", 50 * 1024 * 1024))
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # every download passes our permission checks
# Every document upload (admin, chooser, share form) is checked by portal.uploads.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.SafeDocumentForm"
# Shown in the browser; anything else is sent as an attachment (portal.documents adds the headers).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png"]
MIDDLEWARE += ["portal.documents.DocumentHeadersMiddleware"]
# Review notifications (submitted, approved, changes requested, comments) come from this address.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# A password reset e-mail is written in the account's language, not the requester's.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.review_notices.PasswordResetForm"  # noqa: S105 - a class path
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Search engine (the search app reads these).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "portal")
# Processes preparing a rebuild's documents; unset: one per core, at most 4 (search.conf).
SEARCH_INDEXING_PROCESSES = int(os.environ.get("SEARCH_INDEXING_PROCESSES") or 0) or None
# Reading attached files (search/extraction.py): each file in a process of its own with this much
# address space, killed after this many seconds; zip-based files (Word, Excel, PowerPoint,
# OpenDocument) give no text when more than this much XML comes out of them.
ATTACHMENT_MEMORY_MB = int(os.environ.get("ATTACHMENT_MEMORY_MB", "512"))
ATTACHMENT_TIME_LIMIT = int(os.environ.get("ATTACHMENT_TIME_LIMIT", "60"))
ATTACHMENT_XML_MB = int(os.environ.get("ATTACHMENT_XML_MB", "50"))

# Background tasks (django-tasks, database backend): e-mail, reading attachments, re-indexing what a
# changed organisation or hazard appears in. `manage.py db_worker` runs them: scripts/run starts one
# beside the development server; in production it is a service (README, Production configuration).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# /healthz/ (portal/health.py) answers 503 once an index change has waited this many seconds for the
# search engine, or a background task this many for a worker; its answer is kept a few seconds.
HEALTH_INDEX_QUEUE_MAX_AGE = int(os.environ.get("HEALTH_INDEX_QUEUE_MAX_AGE", "1800"))
HEALTH_TASK_MAX_WAIT = int(os.environ.get("HEALTH_TASK_MAX_WAIT", "300"))
# A task still marked running this many seconds after a worker on another machine took it is taken as
# abandoned by that worker (portal.worker); one of this machine's is known gone at once.
TASK_RUNNING_LIMIT = int(os.environ.get("TASK_RUNNING_LIMIT", "3600"))
HEALTH_CACHE_SECONDS = 3

# The JSON API (portal.api): sites allowed to read /api/ from a browser (CORS), e.g.
# API_CORS_ALLOWED_ORIGINS="https://data.example.org,https://maps.example.org"; none by default.
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
MIDDLEWARE += ["portal.api.middleware.ApiMiddleware"]

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        # Wagtail logs every page action and background task at INFO; the audit log keeps those.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # failed sign-ins and lockouts only
    },
}
