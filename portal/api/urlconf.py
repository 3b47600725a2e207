"""The site's URL patterns less the language-prefixed ones, for LocaleMiddleware's look at API 404s
(see middleware.py): with no language patterns it does not redirect /api/… to /fa/api/…."""

from django.urls.resolvers import LocalePrefixPattern

from portal.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    pattern for pattern in site_urlpatterns
    if not isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern)
]
