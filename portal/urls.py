import posixpath
import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

import knowledge.api
import knowledge.feeds
import resolutions.api
import resolutions.feeds
import resolutions.views.workspace
import search.health
from portal import signin
from portal import views as portal_views
from portal.api.main import build_api
from portal.health import Database, HealthView, Worker
from portal.sitemap import OrganisationSitemap, PortalSitemap

# The project assembles what each app provides: its API routers and its feeds.
api = build_api([*resolutions.api.routers, knowledge.api.router])
feed_patterns = resolutions.feeds.urlpatterns + knowledge.feeds.urlpatterns

urlpatterns = [
    # For monitors: no language prefix, no sign-in (portal/health.py).
    path("healthz/", HealthView.as_view(checks=(Database, search.health.SearchEngine, search.health.IndexQueue,
                                                Worker)), name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap, "organisations": OrganisationSitemap}}),
    path("", include("resolutions.urls")),
    path("api/search/", include("search.api_urls")),
    path("api/", api.urls),  # after api/search/, which the search app serves
]

# Folders of MEDIA_ROOT served as plain files in development: images and their renditions. Uploaded
# documents (documents/) never are, there or in production: they go through /documents/, which checks
# who may download them.
DEVELOPMENT_MEDIA_FOLDERS = ("original_images", "images")


def serve_development_media(request, path):
    from django.views.static import serve

    path = posixpath.normpath(path).lstrip("/")  # "images/../documents/x.pdf" is in documents/
    if path.split("/", 1)[0] not in DEVELOPMENT_MEDIA_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def development_media_urls():
    """URL patterns serving image uploads while DEBUG is on (none otherwise)."""
    if not settings.DEBUG:
        return []
    return [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_development_media)]


urlpatterns += development_media_urls()

urlpatterns += i18n_patterns(
    path("organisations/", portal_views.organisation_index, name="organisations"),
    path("organisations/<slug:slug>/", portal_views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/deadlines.ics", resolutions.views.workspace.organisation_deadlines,
         name="organisation_deadlines"),
    path("sign-in/", signin.SignInView.as_view(), name="sign_in"),
    path("sign-out/", signin.SignOutView.as_view(), name="sign_out"),
    path("", include("resolutions.workspace_urls")),
    path("", include("knowledge.urls")),
    path("", include("resolutions.tracking_urls")),
    path("search/", include("search.urls")),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# The 500 page must work when the database does not: no context processors, no queries.
handler500 = "portal.views.server_error"
