"""System checks that keep a half-configured production site from starting.

They run with every management command that checks (`check`, `check --deploy`, `migrate`,
`runserver`) and when portal/wsgi.py loads the application (gunicorn runs no checks itself).
Only production settings (PORTAL_PRODUCTION) are held to them: development and tests use the
console and in-memory mail backends on purpose.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http.request import validate_host

TAG = "portal_deployment"

# Backends that accept a message and never deliver it.
UNDELIVERED_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@checks.register(TAG)
def deployment_settings(app_configs=None, **kwargs):
    if not getattr(settings, "PORTAL_PRODUCTION", False):
        return []
    return base_url_problems() + mail_problems()


def base_url_problems():
    url = getattr(settings, "PORTAL_BASE_URL", "")
    if not url:
        return [checks.Error(
            "PORTAL_BASE_URL is not set.",
            hint="Set it to the portal's public address, e.g. https://portal.example.org: every link in "
                 "e-mails, feeds, the sitemap and citations starts with it.",
            id="portal.E001",
        )]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
        return [checks.Error(
            f"PORTAL_BASE_URL {url!r} is not a site address.",
            hint="Write the scheme and host only, e.g. https://portal.example.org (the portal is served "
                 "at the root of its host).",
            id="portal.E002",
        )]
    problems = []
    if parts.scheme != "https":
        problems.append(checks.Warning(
            f"PORTAL_BASE_URL {url!r} is not https: links in e-mails and feeds would send readers to an "
            "unencrypted address.", id="portal.W001",
        ))
    if not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        problems.append(checks.Warning(
            f"The host of PORTAL_BASE_URL ({parts.hostname}) is not in ALLOWED_HOSTS: the portal would "
            "refuse the requests its own links make.", id="portal.W002",
        ))
    return problems


def mail_problems():
    from .mail import delivery_backend

    backend = delivery_backend()  # behind the queue (portal/mail.py), what the worker delivers with
    if backend not in UNDELIVERED_MAIL_BACKENDS:
        return []
    return [checks.Error(
        f"EMAIL_BACKEND is {backend}, which never delivers mail.",
        hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST (and the other "
             "EMAIL_ settings): review notifications, reminders and password resets are sent by e-mail.",
        id="portal.E003",
    )]


def refuse_to_serve_half_configured():
    """Raise when the portal's deployment checks find an error (called as the WSGI application loads)."""
    errors = [message for message in checks.run_checks(tags=[TAG])
              if message.is_serious() and not message.is_silenced()]
    if errors:
        from django.core.management.base import SystemCheckError

        raise SystemCheckError("The portal is not fully configured:\n" + "\n".join(map(str, errors)))
