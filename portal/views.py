"""Site-wide pages that are not Wagtail pages: the organisations directory and the server error page."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.views.decorators.csrf import requires_csrf_token

from portal import directory
from portal.models import Organisation


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def url_in_language(url, language_code):
    """The same address in another interface language: /fa/meetings/?page=2 → /en/meetings/?page=2.

    Every public page lives under a language prefix and no path segment is translated, so swapping
    the prefix keeps the page (and its query); other addresses fall back to Django's translate_url
    and then to the language's home page.
    """
    parts = urlsplit(url)
    segments = parts.path.split("/")
    if len(segments) > 1 and segments[1].lower() in language_codes():
        segments[1] = language_code
        path = "/".join(segments)
        if len(segments) == 2:  # "/fa" without the trailing slash
            path += "/"
        return urlunsplit(("", "", path, parts.query, ""))
    translated = translate_url(url, language_code)
    return translated if translated != url else f"/{language_code}/"


def organisation_index(request):
    organisations = directory.listed_organisations()
    context = {
        "organisations": [o for o in organisations if o.is_active],
        "former_organisations": [o for o in organisations if not o.is_active],
    }
    return TemplateResponse(request, "portal/organisation_index.html", context)


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    context = {
        "organisation": organisation,
        "profile": directory.profile(organisation, request.user),
    }
    return TemplateResponse(request, "portal/organisation_page.html", context)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page in the reader's language, rendered without the database or context processors.

    Whatever broke (the database, a context processor, a template tag) must not break this page too:
    the template gets a plain dictionary, no request and no RequestContext.
    """
    code = (get_language() or settings.LANGUAGE_CODE).lower()
    if code not in language_codes():
        code = settings.LANGUAGE_CODE
    try:
        template = loader.get_template(template_name)
        info = get_language_info(code)
        other = [get_language_info(c) | {"code": c} for c in language_codes() if c != code]
        html = template.render({
            "LANGUAGE_CODE": code,
            "LANGUAGE_BIDI": info["bidi"],
            "other_languages": other,
            "STATIC_URL": settings.STATIC_URL,
        })
    except Exception:  # last resort, whatever failed: plain text in three languages
        html = (
            "<!DOCTYPE html><title>Server error</title><h1>Server error (500)</h1>"
            '<p lang="fa" dir="rtl">خطایی در سرور رخ داد.</p><p lang="zh-Hans">服务器出错。</p>'
        )
    return HttpResponseServerError(html)
