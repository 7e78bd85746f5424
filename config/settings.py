"""Settings for the reply archive: one module, every knob from the environment.

``ARCHIVE_DATA_DIR`` (default ``var/``) holds everything the archive writes: the SQLite
database, uploaded originals, the search index and a generated secret key, so one variable
gives a fresh, isolated archive.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent
# Everything the archive writes (the database with sessions and unpublished letters, originals, the index, the
# secret key) is its owner's alone: every process that starts Django (gunicorn, the indexer, manage.py) creates
# files owner-only, and the data dir is closed to others even when an older start made it 0755 (issue 13).
os.umask(0o077)
DATA_DIR = Path(env("ARCHIVE_DATA_DIR", default=str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
if DATA_DIR.stat().st_uid == os.geteuid():
    DATA_DIR.chmod(0o700)


def _secret_key_from_data_dir(data_dir: Path) -> str:
    """Generate the key once and keep it beside the data, so sessions survive restarts."""
    path = data_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


############
# Security #
############
SECRET_KEY = env("SECRET_KEY", default="") or _secret_key_from_data_dir(DATA_DIR)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS=1 when the site is reached over HTTPS (directly or through a proxy that sets
# X-Forwarded-Proto, with BEHIND_PROXY=1): redirects, HSTS and secure cookies follow.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
# A local health check speaks plain HTTP and follows no redirect: /healthz answers it even with HTTPS=1.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS and env.bool("HSTS_PRELOAD", default=True)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated): login
# throttling and the API limit key on the right-most forwarded address that is not one of them, and only
# when the request comes from one of them (config/client_address.py). BEHIND_PROXY=1 alone trusts a
# proxy on this machine; without either, X-Forwarded-For is ignored and the client is REMOTE_ADDR.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"] if BEHIND_PROXY else [])
from config.client_address import trusted_networks  # noqa: E402  (no Django settings read at import)

trusted_networks(tuple(TRUSTED_PROXIES))  # a typo stops the start (ImproperlyConfigured), not every login
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the admin's icons are data: URLs
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

########
# Apps #
########
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
# axes under its Chinese name, with its admin pages in Chinese (config/login_throttling.py).
THIRD_PARTY_APPS: list[str] = [
    "haystack", "config.login_throttling.LoginThrottlingConfig", "corsheaders",
    "django_ratelimit",  # for its check: a cache whose counts are not shared or not atomic is an error
    "django_q",  # the task library that reads uploaded files in the background (uploads/queue.py)
]
LOCAL_APPS = ["archive", "search", "alerts", "commitments", "repeats", "uploads"]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # First: a large body from a request without a logged-in session is refused before anything reads it.
    "config.limits.AnonymousBodyLimitMiddleware",
    # Before anything that answers (CommonMiddleware's redirects): a script on another site may read /api/'s answers.
    "api.cors.ReadOnlyCorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

############
# Database #
############
# SQLite under the data dir unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'archive.sqlite3'}"),
}
# A worker keeps its connection between requests (checked before reuse) instead of opening one per request: on
# SQLite, opening, setting the pragmas and closing took 1.2 ms of a 10 ms reply page; PostgreSQL's connect costs more.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers, the indexer and a bulk import share one file. WAL lets readers go on
    # while one writes; IMMEDIATE transactions take the write lock up front and wait for it (timeout, in
    # seconds) instead of failing with "database is locked" halfway through. The load test found that.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#########
# Cache #
#########
# One cache for every gunicorn worker, so a rate limit counts each client once (search/ratelimit.py) and the home
# overview and /stats/ are computed once after a change, not once per worker: diskcache's SQLite files under the
# data dir, whose add and incr are atomic across processes (config/cache.py; Django's file and database caches lose
# counts when two workers count at once: benchmarks/cache_backends.py); or Redis where deployed, and for several
# machines: CACHE_URL=redis://host:6379/0 (README "Configuration").
CACHE_URL = env("CACHE_URL", default="")
CACHES = {"default": env.cache_url_config(CACHE_URL) if CACHE_URL else {
    "BACKEND": "config.cache.SharedDiskCache", "LOCATION": str(DATA_DIR / "cache"),
}}

# Admin logins are throttled by django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one
# user name from one address, that pair is locked out for LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address behind the trusted proxies, never the proxy's own (one lockout for everyone behind it).
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
# axes 8.3.1 restarts the cool-off at every failure during a lockout by default: whoever kept guessing kept
# the clerk out for as long as they went on. Off, a lockout ends LOGIN_COOLOFF_MINUTES after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The locked-out page in the admin's frame, in Chinese, saying how long the pause lasts; axes' own admin
# pages give way to Chinese ones (config/login_throttling_admin.py).
AXES_LOCKOUT_CALLABLE = "config.login_throttling.locked_out"
AXES_ENABLE_ADMIN = False

# Requests per minute to /api/ (every JSON door, v1 and /api/search/) from one client address (search/ratelimit.py).
SEARCH_API_RATE_LIMIT = env.int("SEARCH_API_RATE_LIMIT", default=120)
# django-ratelimit names only memcached and django-redis as supported; diskcache (config/cache.py) and Django's own
# RedisCache count atomically too (benchmarks/cache_backends.py: no count lost, two processes counting one client).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# /api/ may be read by scripts on any site (notebooks, newsroom tools): reads only (api/cors.py), no cookies.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["Retry-After"]  # so a script in a browser can wait as long as a 429 asks
# Exports of a whole search (/search/export/, search/export_views.py): per client address a minute, and rows a file.
SEARCH_EXPORT_RATE_LIMIT = env.int("SEARCH_EXPORT_RATE_LIMIT", default=10)
SEARCH_EXPORT_MAX_ROWS = env.int("SEARCH_EXPORT_MAX_ROWS", default=10_000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

########################
# Language and time    #
########################
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# What Django 5.2 and django-axes leave untranslated in Chinese (the admin's table headers, axes' labels).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

##########################
# Static and media files #
##########################
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "originals"
# manage.py export_dataset writes the public dataset here, and /data/ offers its latest dump.
DATASET_DIR = DATA_DIR / "datasets"
# The seed replies live in the top-level fixtures/ folder the customer fixed.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

###########
# Uploads #
###########
# Files larger than this are refused before any parsing (bytes).
ARCHIVE_MAX_UPLOAD_BYTES = env.int("ARCHIVE_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
# Uploaded files are read by a worker (manage.py run_upload_worker): django-q2, its queue a table of this database.
# A file still being read after UPLOAD_TIME_LIMIT_SECONDS is stopped and tried again, UPLOAD_MAX_ATTEMPTS times in all.
UPLOAD_WORKERS = env.int("UPLOAD_WORKERS", default=2)
UPLOAD_TIME_LIMIT_SECONDS = env.int("UPLOAD_TIME_LIMIT_SECONDS", default=900)
# The worker's niceness (os.nice), inherited by its processes and their Tesseract runs: on a small machine the site's
# requests are served first and the files read with what CPU is left (issue 19). 0 leaves the niceness it started with.
UPLOAD_WORKER_NICENESS = env.int("UPLOAD_WORKER_NICENESS", default=10)
UPLOAD_MAX_ATTEMPTS = 3
Q_CLUSTER = {
    "name": "uploads",
    "orm": "default",
    "workers": UPLOAD_WORKERS,
    "timeout": UPLOAD_TIME_LIMIT_SECONDS,
    # A message whose worker died comes back after this long; past the row's lease (uploads/lease.py), so the
    # worker it comes to may take the row.
    "retry": UPLOAD_TIME_LIMIT_SECONDS + 120,
    # Messages are taken off the queue one per free worker: one taken early would age towards its retry unread.
    "queue_limit": UPLOAD_WORKERS,
    "poll": 1,  # seconds between looks at an empty queue: a short read of the database
    "max_attempts": UPLOAD_MAX_ATTEMPTS,
    "save_limit": 200,  # finished tasks django-q2 keeps (its admin pages); each upload keeps its own outcome
    "catch_up": False,  # a sweep missed while the worker was down is not run once per missed minute
    "recycle": 50,  # a worker process is replaced after 50 files: conversion and OCR leave memory behind
}
DATA_UPLOAD_MAX_MEMORY_SIZE = ARCHIVE_MAX_UPLOAD_BYTES + 1024 * 1024
# Requests without a logged-in session may send at most this many bytes (the login form sends a few hundred);
# a larger Content-Length is answered 413 unread (config/limits.py). Below FILE_UPLOAD_MAX_MEMORY_SIZE, so no
# anonymous body is ever spooled to the temporary folder; clerks' files above it are, owner-only (mkstemp).
ANONYMOUS_MAX_BODY_BYTES = env.int("ANONYMOUS_MAX_BODY_BYTES", default=64 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2.5 MB
# Saved originals: Django chmods them 0644 whatever the umask unless told otherwise.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

########
# Mail #
########
# EMAIL_URL: smtp://user:pass@host:25, smtp+tls://…:587 (STARTTLS), smtp+ssl://…:465 (TLS), or consolemail:// to print
# mails. Without it: the console in DEBUG, else the local mail server (smtp://localhost:25, as Django's default).
vars().update(env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # seconds: a stuck mail server holds no request or run forever
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="建议提案答复档案 <noreply@localhost>")
# The site's address as readers reach it, for the links in mails (alerts/): no request to read it from.
SITE_URL = env("SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}" if HTTPS else "http://127.0.0.1:8000")

###########
# Logging #
###########
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

##########
# Search #
##########
from search.connection import search_connection  # noqa: E402  (pure helper, no Django imports)

# Whoosh under the data dir unless SEARCH_URL names an Elasticsearch cluster (README, "Search").
HAYSTACK_CONNECTIONS = {"default": search_connection(env("SEARCH_URL", default=""), DATA_DIR)}
# Elasticsearch only: Chinese analysis by the IK plugin, or by smartcn where IK is not installed.
SEARCH_ANALYZER = env.str("SEARCH_ANALYZER", default="ik")
# Changes go into search.models.IndexQueue in the change's own transaction; one indexer drains it.
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.QueueSignalProcessor"
# Only one model is indexed: checking registered models costs a whole extra search per query.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# Drain the queue in this process right after each commit (tests, and a single-process dev server).
SEARCH_DRAIN_ON_COMMIT = env.bool("SEARCH_DRAIN_ON_COMMIT", default=False)
# /healthz answers 503 when a change has waited this long for the indexer (it drains within a second).
SEARCH_INDEX_LAG_LIMIT = env.int("SEARCH_INDEX_LAG_LIMIT", default=300)
# One search answers with what it has found after this long, and says so: no query can hold a worker.
SEARCH_TIME_BUDGET_SECONDS = env.float("SEARCH_TIME_BUDGET_SECONDS", default=0.3)
# Every match of one search (exports, feeds, alerts) is found within this long: a list, not a page to rank.
SEARCH_EXPORT_TIME_BUDGET_SECONDS = env.float("SEARCH_EXPORT_TIME_BUDGET_SECONDS", default=5.0)
# Load jieba and the user dictionary when Django starts, so gunicorn --preload shares it with workers.
SEARCH_LOAD_JIEBA_AT_STARTUP = env.bool("SEARCH_LOAD_JIEBA_AT_STARTUP", default=True)
