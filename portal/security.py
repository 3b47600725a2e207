"""Security measures Django 5.2 does not ship: a Content-Security-Policy and login throttling."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

# The public site loads nothing from elsewhere and runs no inline script.
PUBLIC_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Wagtail's admin relies on inline styles and scripts; everything still comes from us.
ADMIN_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = ADMIN_POLICY if admin else PUBLIC_POLICY
        return response


def _throttle_key(username, request):
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    return f"login-failures:{(username or '').lower()}:{address}"


class ThrottledModelBackend(ModelBackend):
    """Refuses to check a password after too many recent failures for that name from that address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if cache.get(_throttle_key(username, request), 0) >= settings.LOGIN_FAILURE_LIMIT:
            raise PermissionDenied  # stops Django from trying further backends
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def count_login_failure(sender, credentials, request=None, **kwargs):
    key = _throttle_key(credentials.get("username"), request)
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)
