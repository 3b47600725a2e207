"""What every answer under /api/ needs (the search app's /api/search/ included):

- CORS: `Access-Control-Allow-Origin` on GET answers for the origins listed in
  settings.API_CORS_ALLOWED_ORIGINS (env API_CORS_ALLOWED_ORIGINS, a comma list such as
  "https://data.example.org,https://maps.example.org"; none by default). Credentials are never
  allowed cross-origin, so other sites read what the public reads.
- No language redirect: Django's LocaleMiddleware answers a 404 by redirecting to the same path
  under a language prefix when that path exists, and Wagtail's catch-all makes every path exist.
  An API's 404 must stay a 404, so for /api/ answers LocaleMiddleware is given a URLconf without
  the language-prefixed patterns (`API_URLCONF`) to check against; the view has already run.

Keep this middleware after LocaleMiddleware in MIDDLEWARE (base.py appends it at the end).
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"
API_URLCONF = "portal.api.urlconf"


def normalise_origin(origin):
    return origin.strip().rstrip("/").lower()


def allowed_origin(origin):
    """The origin to echo back, or None."""
    if not origin:
        return None
    allowed = {normalise_origin(o) for o in getattr(settings, "API_CORS_ALLOWED_ORIGINS", [])}
    return origin if normalise_origin(origin) in allowed else None


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(API_PREFIX):
            return response
        if response.status_code == 404:
            request.urlconf = API_URLCONF
        if request.method in ("GET", "HEAD"):
            patch_vary_headers(response, ["Origin"])
            origin = allowed_origin(request.headers.get("Origin"))
            if origin:
                response["Access-Control-Allow-Origin"] = origin
        return response
