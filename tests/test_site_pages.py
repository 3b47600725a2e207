"""Site-wide pages: home, language switching, direction, error pages, the admin's language."""

import re
import sys
import types

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import translation

import portal.urls
from knowledge.factories import add_item
from portal.views import server_error, url_in_language
from resolutions.factories import ResolutionFactory, add_meeting

LANGUAGES = ["fa", "en", "zh-hans"]


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9, title="Ninth meeting")
    resolution = ResolutionFactory(meeting=meeting, number=3, owners=[orgs["isfahan"]], text="Send the plan",
                                   language="en")
    persian = ResolutionFactory(meeting=meeting, number=4, owners=[orgs["tehran"]], language="fa",
                                text="طرح جامع را برای دبیرخانه بفرستد.")
    members_item = add_item(site_tree["knowledge"], orgs["tehran"], title="Members-only drill notes",
                            visibility="members")
    return locals()


def html_of(response):
    return response.content.decode()


def main_of(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


# --- direction and language ---------------------------------------------------------------

@pytest.mark.parametrize(("language", "lang", "direction"), [
    ("fa", "fa", "rtl"), ("en", "en", "ltr"), ("zh-hans", "zh-Hans", "ltr"),
])
def test_pages_carry_their_language_and_direction(client, world, language, lang, direction):
    meeting = url_in_language(world["meeting"].url, language)
    for url in (f"/{language}/", f"/{language}/organisations/", meeting):
        html = html_of(client.get(url))
        assert f'<html lang="{lang}" dir="{direction}">' in html, url


def test_content_keeps_its_own_language_on_a_page_in_another(client, world):
    html = html_of(client.get("/en/"))
    # The Persian resolution on the English home page reads right to left.
    assert re.search(r'<p lang="fa" dir="(auto|rtl)">طرح جامع', html)


def test_home_page_has_search_start_here_and_status_text(client, world):
    html = html_of(client.get("/en/"))
    assert 'action="/en/search/"' in html and 'name="q"' in html
    assert 'href="/en/start/"' in html
    assert "Latest resolutions" in html and "What cities learned" in html
    assert re.search(r'class="status status-open[^"]*">Open', html)  # status is a word, not a colour
    assert main_of(html).count("<h1") == 1


def test_header_has_a_labelled_search_box_on_every_page(client, world):
    for url in ("/fa/", "/en/organisations/", "/zh-hans/meetings/"):
        html = html_of(client.get(url))
        language = url.split("/")[1]
        assert re.search(f'<form class="site-search" role="search" aria-label="[^"]+" method="get" '
                         f'action="/{language}/search/">', html)
        assert '<label for="site-search-q"' in html


def test_language_switcher_keeps_the_page(client, world):
    resolution_url = world["resolution"].get_url()
    html = html_of(client.get(resolution_url))
    for language in LANGUAGES:
        target = url_in_language(resolution_url, language)
        assert f'href="{target}"' in html
        assert client.get(target).status_code == 200
    assert url_in_language(resolution_url, "en").startswith("/en/meetings/")


@pytest.mark.parametrize(("url", "language", "expected"), [
    ("/fa/meetings/meeting-9/?page=2", "en", "/en/meetings/meeting-9/?page=2"),
    ("/zh-hans/search/?q=%E5%9C%B0%E9%9C%87", "fa", "/fa/search/?q=%E5%9C%B0%E9%9C%87"),
    ("/en/organisations/isfahan/", "zh-hans", "/zh-hans/organisations/isfahan/"),
    ("/en/no-such-page/", "fa", "/fa/no-such-page/"),
    ("/fa", "en", "/en/"),
    ("/follow-up/3/report/", "en", "/en/"),
])
def test_url_in_language(url, language, expected):
    assert url_in_language(url, language) == expected


def test_the_switcher_marks_the_current_language(client, world):
    html = html_of(client.get("/zh-hans/"))
    assert re.search(r'<a href="/zh-hans/" lang="zh-Hans" hreflang="zh-Hans" dir="ltr" aria-current="true">', html)


# --- error pages --------------------------------------------------------------------------

NOT_FOUND = {"fa": "صفحه پیدا نشد", "en": "Page not found", "zh-hans": "页面未找到"}
NOT_ALLOWED = {"fa": "اجازه دسترسی ندارید", "en": "Not allowed", "zh-hans": "无权访问"}
SERVER_ERROR = {"fa": "خطایی در سرور", "en": "Something went wrong on our side.", "zh-hans": "服务器出错"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_in_each_language(client, world, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert NOT_FOUND[language] in html_of(response)
    assert f'action="/{language}/search/"' in html_of(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_403_in_each_language(client, world, people, language):
    client.force_login(people["outsider"])  # signed in, but not a member
    response = client.get(url_in_language(world["members_item"].url, language))
    assert response.status_code == 403
    assert NOT_ALLOWED[language] in html_of(response)


def _boom(request):
    raise RuntimeError("the database is on fire")


@pytest.fixture
def exploding_urls(settings):
    """A URLconf like the portal's with one view that fails, under every language prefix."""
    from django.conf.urls.i18n import i18n_patterns

    module = types.ModuleType("site_error_urls")
    module.urlpatterns = i18n_patterns(path("boom/", _boom), prefix_default_language=True) + list(
        portal.urls.urlpatterns
    )
    module.handler500 = portal.urls.handler500
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    settings.DEBUG = False
    yield
    del sys.modules[module.__name__]


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_in_each_language_without_the_database(exploding_urls, language, django_db_blocker):
    client = Client(raise_request_exception=False)
    with django_db_blocker.block():  # any query would fail the test
        response = client.get(f"/{language}/boom/")
    assert response.status_code == 500
    html = html_of(response)
    assert SERVER_ERROR[language] in html
    assert f'href="/{language}/"' in html
    # The other two languages are there too, for a reader who landed in the wrong one.
    for other in LANGUAGES:
        assert f'href="/{other}/"' in html


def test_500_handler_renders_without_request_context(django_db_blocker):
    request = RequestFactory().get("/en/boom/")
    with django_db_blocker.block(), translation.override("en"):
        response = server_error(request)
    assert response.status_code == 500
    assert '<html lang="en" dir="ltr">' in html_of(response)


def test_500_handler_is_wired():
    assert portal.urls.handler500 == "portal.views.server_error"


def test_permission_denied_keeps_the_language(rf, db):  # the header reads the network's name
    from django.views.defaults import permission_denied

    with translation.override("en"):
        request = rf.get("/en/anything/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403 and "Not allowed" in html_of(response)


# --- the admin in the user's language --------------------------------------------------------

def test_admin_languages_are_the_portals_four():
    from django.conf import settings
    from wagtail.admin.localization import get_available_admin_languages

    assert [code for code, _ in get_available_admin_languages()] == ["fa", "en", "zh-hans", "zh-hant"]
    assert [code for code, _ in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["fa", "en", "zh-hans", "zh-hant"]


@pytest.mark.parametrize(("preferred", "lang", "direction"), [
    ("fa", "fa", "rtl"), ("en", "en", "ltr"), ("zh-hans", "zh-hans", "ltr"),
])
def test_admin_speaks_the_users_language(client, people, preferred, lang, direction):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people["secretariat"])
    profile.preferred_language = preferred
    profile.save()
    client.force_login(people["secretariat"])
    html = html_of(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US"))
    assert f'lang="{lang}" dir="{direction}"' in html


def test_admin_defaults_to_persian(client, people):
    client.force_login(people["secretariat"])
    html = html_of(client.get("/admin/"))
    assert 'lang="fa" dir="rtl"' in html
