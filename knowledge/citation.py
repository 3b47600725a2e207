"""How to cite a knowledge item: organisation, year, title, the portal's address, date of access."""

from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.addresses import absolute_url
from portal.dates import format_date, local_year
from portal.models import Network


def _pattern():
    return _("%(organisation)s (%(year)s). %(title)s. %(site)s. %(url)s (accessed %(accessed)s).")


def citation_parts(item, request=None, accessed=None):
    accessed = accessed or timezone.localdate()
    return {
        "organisation": item.organisation.name,
        # In the calendar of the access date beside it: Jalali on Persian pages.
        "year": local_year(item.dated) if item.dated else _("n.d."),
        "title": item.title,
        "site": Network.load(request_or_site=request).name_in(),
        # Readable Persian letters, not %D9%85…: browsers accept the address either way.
        "url": uri_to_iri(absolute_url(item.get_url(request))),
        "accessed": format_date(accessed),
    }


def citation(item, request=None, accessed=None):
    """The citation as plain text, to copy."""
    return _pattern() % citation_parts(item, request, accessed)


def citation_html(item, request=None, accessed=None):
    """The same, each part isolated (<bdi>) so a Persian name beside a Latin address reads in order."""
    values = citation_parts(item, request, accessed)
    parts = {name: format_html("<bdi>{}</bdi>", value) for name, value in values.items()}
    # An address is read left to right even when its path is Persian.
    parts["url"] = format_html('<bdi dir="ltr">{}</bdi>', values["url"])
    return mark_safe(conditional_escape(_pattern()) % parts)  # noqa: S308 - pattern escaped, parts escaped
