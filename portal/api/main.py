"""The API object: title, description, error answers; each app brings its routers (portal/urls.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from . import read
from .filters import InvalidFilter
from .tokens import RateLimited

DESCRIPTION = """\
Open data of the Metropolitan Crisis Management Network: its meetings, the resolutions they adopted
and how their follow-up stands, the knowledge its cities share (studies, training experiences,
experience reports) and its organisations.

**Reading** needs no authentication; the public sees public resolutions and public knowledge items
only. Members signed in to the portal (session cookie) also see members-only material, each owner's
follow-up line and organisations' contact e-mails.

**Filters** mirror the search page's facets and may be repeated (`?hazard=flood&hazard=fire` means
either); lists are paginated with `page` and `page_size` (at most 100) and answer
`{"count", "next", "previous", "results"}`. An invalid filter value answers 422 (malformed) or 400
(a slug that names nothing), with a message.

**Writing**: an organisation's systems post follow-up reports with the organisation's API token
(`Authorization: Bearer …`), see `POST /api/follow-up/reports/`.

Feeds (Atom) of new public resolutions, public status changes and new knowledge items live under
`/<language>/feeds/`.
"""

def build_api(routers):
    """The API with the ground's endpoints (organisations) and the apps' `routers`, in order."""
    api = NinjaAPI(
        title="Metropolitan Crisis Management Network API",
        version="1.0.0",
        description=DESCRIPTION,
        urls_namespace="portal_api",
        openapi_url="/openapi.json",
        docs_url=None,  # the interactive docs need scripts from elsewhere, which the site's CSP forbids
    )
    for router in routers:
        api.add_router("/", router)
    api.add_router("/", read.router)

    def error(request, status, message):
        return api.create_response(request, {"detail": message}, status=status)

    @api.exception_handler(InvalidFilter)
    def invalid_filter(request, exc):
        return error(request, 400, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error(request, 404, "Not found.")

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return error(request, 403, str(exc) or "Forbidden.")

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = error(request, 401, "Unknown or revoked API token.")
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc):
        response = error(request, 429, f"Too many requests with this token; try again in {exc.retry_after} s.")
        response["Retry-After"] = str(exc.retry_after)
        return response

    return api
