"""Sign-in throttling (django-axes) and the admin's own Content-Security-Policy (django-csp).

Failed sign-ins count against the address they come from, and against the name tried from that
address, never against a name alone: someone guessing a person's password from elsewhere cannot lock
that person out. The settings are in portal/settings/base.py (AXES_*, LOGIN_*).
"""

import ipaddress
import math
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.forms import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms.auth import LoginForm

from .dates import local_digits

# --- who is signing in, from where -------------------------------------------------------------


def client_address(request):
    """The address failures count against: the peer's, or the one the trusted proxies were given.

    With TRUSTED_PROXY_COUNT proxies in front of the portal, each appends the address it received
    the request from to X-Forwarded-For, so the entry that many places from the end is the client's;
    anything before it was written by the client and is not believed.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops and _is_address(forwarded[-hops]):
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def login_name(request, credentials=None):
    """The name tried, as the sign-in form matches it: "Ali" and "ali " are one name to count."""
    if credentials:
        name = credentials.get("username")
    else:
        name = getattr(request, "POST", {}).get("username")
    name = (name or "").strip().lower()
    return name or None


# --- how long failures count, and how long a lock lasts ----------------------------------------


def _alive():
    return Q(expiration__isnull=True) | Q(expiration__expires_at__gt=timezone.now())


def _attempts(request):
    """This sign-in's remembered failures: one queryset per lockout parameter (address; name and address)."""
    parameters = get_client_parameters(
        get_client_username(request), request.axes_ip_address, request.axes_user_agent, request,
    )
    return [AccessAttempt.objects.filter(_alive(), **filters) for filters in parameters]


def recorded_failures(request):
    return max((attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0 for attempts in _attempts(request)),
               default=0)


def login_cool_off(request):
    """AXES_COOLOFF_TIME: how far back failures count, which is also how long a lock lasts.

    Below the limit, failures are remembered for LOGIN_FAILURE_WINDOW after the last one. At the
    limit the lock lasts LOGIN_COOL_OFF, and every further failure after a lock doubles it, up to
    LOGIN_COOL_OFF_MAX: someone who mistyped waits a minute, someone guessing ever longer.
    """
    window = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    if request is None or not hasattr(request, "axes_ip_address"):
        return window
    beyond_limit = recorded_failures(request) - settings.AXES_FAILURE_LIMIT
    if beyond_limit < 0:
        return window
    seconds = settings.LOGIN_COOL_OFF * 2 ** min(beyond_limit, 30)
    return timedelta(seconds=min(seconds, settings.LOGIN_COOL_OFF_MAX))


def minutes_to_wait(request):
    """Whole minutes until a locked sign-in may try again (at least one)."""
    lasts = [attempts.aggregate(last=Max("attempt_time"))["last"] for attempts in _attempts(request)]
    lasts = [last for last in lasts if last is not None]
    ends = (max(lasts) if lasts else timezone.now()) + login_cool_off(request)
    return max(1, math.ceil((ends - timezone.now()).total_seconds() / 60))


def throttled_message(request):
    minutes = minutes_to_wait(request)
    return ngettext(
        "Too many failed sign-ins from your address. Please wait %(minutes)s minute and try again.",
        "Too many failed sign-ins from your address. Please wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": local_digits(minutes)}


# --- where the throttle meets the sign-in forms ------------------------------------------------


class SignInBackend(AxesStandaloneBackend):
    """Refuses a sign-in while its address, or its name from that address, is locked.

    A sign-in without a request (the test client's login, a management command) comes from no
    address and has nothing to count against: it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class SaysHowLongToWait:
    """For a sign-in form: says how long to wait instead of "wrong password" while locked."""

    def get_invalid_login_error(self):
        if self.request is not None and getattr(self.request, "axes_locked_out", False):
            return ValidationError(throttled_message(self.request), code="throttled")
        return super().get_invalid_login_error()


class ThrottledLoginForm(SaysHowLongToWait, LoginForm):
    """Wagtail's sign-in form, which says how long to wait instead of "wrong password" when locked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail leaves this label to the field's name, which no catalogue translates.
        self.fields["password"].label = gettext_lazy("Password")


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page itself, with its message, as 429 Too Many Requests."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        original_response.reason_phrase = "Too Many Requests"
        return original_response
    return HttpResponse(throttled_message(request), status=429, content_type="text/plain; charset=utf-8")


# --- Content-Security-Policy --------------------------------------------------------------------


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY for the admin's pages.

    A response that sets its own policy (downloads: portal.documents) keeps it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = request.path.startswith(settings.ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIX"])
        if admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
