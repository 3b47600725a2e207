"""Web addresses: the portal's own, from the one PORTAL_BASE_URL setting, and the longest it stores.

Every absolute link the portal writes (e-mails, citations, sitemap, feeds, the API, Wagtail's
admin links through WAGTAILADMIN_BASE_URL, the Site record) starts with PORTAL_BASE_URL, never
with whatever host a request arrived on: behind a proxy that is an internal name, and a link in
an e-mail or a feed outlives the request.
"""

from urllib.parse import urlsplit

from django.conf import settings

# Addresses of documents in other archives run long once Persian or Chinese words are
# percent-encoded (each letter becomes 6 to 9 characters); 2,000 is what browsers and servers
# reliably accept.
MAX_URL_LENGTH = 2000


def base_url():
    """PORTAL_BASE_URL without a trailing slash, e.g. "https://portal.example.org"."""
    return (getattr(settings, "PORTAL_BASE_URL", "") or "").strip().rstrip("/")


def absolute_url(url):
    """The portal's address for a path, or for a URL of ours built on another host ("" stays "")."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    if parts.fragment:
        path += f"#{parts.fragment}"
    return base_url() + path


def protocol_and_domain():
    """("https", "portal.example.org"): the two halves Django's sitemaps join."""
    parts = urlsplit(base_url())
    return parts.scheme, parts.netloc + parts.path


def site_record_fields(url=None):
    """The Wagtail Site record's hostname and port for the base URL (Wagtail infers https from 443)."""
    parts = urlsplit(url or base_url())
    return {"hostname": parts.hostname or "localhost",
            "port": parts.port or (443 if parts.scheme == "https" else 80)}
