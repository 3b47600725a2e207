"""/sitemap.xml: every public page in each of the site's languages, nothing members-only.

Wagtail's sitemap lists live pages without view restrictions, asking each page for its URLs
(`get_sitemap_urls`): members-only knowledge items answer none, meetings add their public
resolutions. Pages are stored with the default language's address; each is listed once per
language, as readers and search engines reach them. Every address starts with PORTAL_BASE_URL,
whatever host the request for the sitemap came on.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse, translate_url
from django.utils.translation import override
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from portal.addresses import absolute_url, protocol_and_domain


def in_every_language(url):
    with override(settings.LANGUAGE_CODE):  # translate_url resolves in the active language
        return [translate_url(url, code) for code, _name in settings.LANGUAGES]


class PortalSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = []
        for info in super()._urls(page, protocol, domain):
            urls += [{**info, "location": absolute_url(location)}
                     for location in in_every_language(info["location"])]
        return urls


class OrganisationSitemap(DjangoSitemap):
    """Organisation pages are views, not Wagtail pages: listed here, in every language."""

    i18n = True

    def get_protocol(self, protocol=None):
        return protocol_and_domain()[0]

    def get_domain(self, site=None):
        return protocol_and_domain()[1]

    def items(self):
        from portal.models import Organisation

        return Organisation.objects.order_by("slug")

    def location(self, organisation):
        return reverse("organisation", kwargs={"slug": organisation.slug})
