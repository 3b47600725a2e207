"""Whole pages for readers who are not signed in, kept until content changes (portal.freshness).

Every reader who is not signed in sees the same page at one address on one day: the home page, a
meeting, a resolution, the knowledge listing (with its filters in the address) or an item are then
read from the cache, under a key that carries the content version, instead of being routed, queried
and rendered again. Only what is the same for all of them is kept:

- pages Wagtail serves (pages and their sub-pages), asked for with GET, answered 200;
- by a reader who is not signed in and sends no session, so nothing personal is on them;
- not pages that set a cookie (a form's CSRF token, a session), nor those marked private or not to
  be cached (restricted pages let through: portal.page_privacy).

The middleware comes after those that shape a page (security headers, the content security policy,
the language): they handle a page from the cache as they handle a fresh one. PORTAL_PAGE_CACHE = False
turns it off.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import cc_delim_re

from portal import freshness

NOT_SHARED = {"private", "no-cache", "no-store", "max-age=0"}


def page_key(request):
    """The cache key of this address for readers who are not signed in, at the current version."""
    return freshness.cache_key("page", None, request.get_host(), request.get_full_path(), per_language=False)


def may_read_from_cache(request):
    return (
        getattr(settings, "PORTAL_PAGE_CACHE", True)
        and request.method == "GET"
        and _in_a_language(request.path)  # pages are; the APIs, files and the admin are not
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
    )


def _in_a_language(path):
    return path.split("/", 2)[1] in {code for code, _name in settings.LANGUAGES}


def may_keep(request, response):
    """A Wagtail page answered alike to every reader who is not signed in."""
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if not _served_by_wagtail(response):
        return False
    controls = {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not controls & NOT_SHARED


def _served_by_wagtail(response):
    from wagtail.models import Page

    context = getattr(response, "context_data", None) or {}
    return isinstance(context.get("page"), Page)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_read_from_cache(request):
            return self.get_response(request)
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if may_keep(request, response):  # rendered already: the handler renders inside the middlewares
            cache.set(key, response, freshness.CACHE_TIMEOUT)
        return response
