"""Test runs: fast hashing, in-memory e-mail and cache, an index prefix of their own."""

import os

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
# Tasks run where they are enqueued, so a test sees their effect at once; tests of the worker
# itself (portal/tests/test_tasks.py) switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The test client's host: absolute links point where the tests' requests go.
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole pages are not kept (portal.page_cache): a test that changes rows without signals and reads
# the page again sees the change; the page cache's own tests turn it on.
PORTAL_PAGE_CACHE = False
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "test-portal")
# No engine unless a test asks for one: the `engine` fixtures read the node's address from the
# ELASTICSEARCH_URL environment variable and give each test an index prefix of its own. Other
# tests then never write to, or read from, a shared index.
ELASTICSEARCH_URL = ""
# One folder per parallel test process, so uploads with the same name never meet.
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
