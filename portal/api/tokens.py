"""Bearer-token authentication for the write API, and the per-token rate limit.

The rate limit is a fixed window counted in Django's cache: at most API_TOKEN_RATE_LIMIT requests
(default 30) per API_TOKEN_RATE_WINDOW seconds (default 60) for each token.
"""

import time

from django.conf import settings
from django.core.cache import cache
from ninja.security import HttpBearer

from portal.models import ApiToken

MAX_TOKEN_LENGTH = 200


class RateLimited(Exception):
    def __init__(self, retry_after):
        self.retry_after = retry_after
        super().__init__("Too many requests for this token.")


def rate_limit():
    return getattr(settings, "API_TOKEN_RATE_LIMIT", 30), getattr(settings, "API_TOKEN_RATE_WINDOW", 60)


def count_request(key, now=None):
    """Count one request under `key`; returns None if allowed, else the seconds to wait."""
    limit, window = rate_limit()
    now = time.time() if now is None else now
    slot = int(now // window)
    cache_key = f"api-rate:{key}:{slot}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return None
    return max(1, int((slot + 1) * window - now + 0.999))


def token_from(clear):
    """The active ApiToken for a clear token, or None."""
    if not clear or len(clear) > MAX_TOKEN_LENGTH:
        return None
    return ApiToken.objects.find(clear.strip())


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; unknown or revoked → 401, too many requests → 429."""

    def authenticate(self, request, token):
        api_token = token_from(token)
        if api_token is None:
            return None
        retry_after = count_request(f"token-{api_token.pk}")
        if retry_after is not None:
            raise RateLimited(retry_after)
        api_token.mark_used()
        return api_token
