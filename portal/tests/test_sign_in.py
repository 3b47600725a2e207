"""The site's own sign-in and sign-out: in the reader's language, landing members on their workspace,
honouring only a safe `next`, throttled like the admin's."""

import pytest
from django.test import Client


def sign_in(username, password, address="10.1.1.1", language="en", next_path=None):
    url = f"/{language}/sign-in/" + (f"?next={next_path}" if next_path else "")
    client = Client(REMOTE_ADDR=address)
    return client.post(url, {"username": username, "password": password}), client


def test_the_page_is_in_the_readers_language(site_tree, client):
    persian = client.get("/fa/sign-in/")
    assert persian.status_code == 200
    page = persian.content.decode()
    assert '<html lang="fa" dir="rtl">' in page and 'name="username"' in page and "csrfmiddlewaretoken" in page
    assert 'action="/admin/login/' not in page


def test_a_city_manager_lands_on_the_workspace(site_tree, people):
    response, _ = sign_in("isf", "pass", language="fa")
    assert response.status_code == 302 and response["Location"] == "/fa/workspace/"


def test_a_safe_next_wins_and_an_unsafe_one_is_ignored(site_tree, people):
    response, _ = sign_in("isf", "pass", next_path="/en/board/")
    assert response["Location"] == "/en/board/"
    response, _ = sign_in("isf", "pass", next_path="https://evil.example.com/")
    assert response["Location"] == "/en/workspace/"


def test_someone_who_is_not_a_member_lands_on_the_home_page(site_tree, people):
    response, _ = sign_in("outsider", "pass")
    assert response["Location"] == "/en/"


def test_a_wrong_password_is_told_in_the_readers_language(site_tree, people):
    response, _ = sign_in("isf", "wrong")
    assert response.status_code == 200
    assert "That user name and password do not match." in response.content.decode()


def test_the_header_shows_sign_in_or_the_person_and_sign_out(site_tree, people):
    home = Client().get("/en/").content.decode()
    assert 'href="/en/sign-in/"' in home and "Sign out" not in home  # from home, members land on the workspace
    anonymous = Client().get("/en/organisations/").content.decode()
    assert 'href="/en/sign-in/?next=/en/organisations/"' in anonymous
    _, client = sign_in("isf", "pass")
    page = client.get("/en/").content.decode()
    assert 'href="/en/workspace/"' in page and 'action="/en/sign-out/"' in page and ">isf<" in page
    assert 'href="/admin/"' not in page


def test_sign_out_is_a_post_with_csrf(site_tree, people):
    _, client = sign_in("isf", "pass")
    assert client.get("/en/sign-out/").status_code == 405
    response = client.post("/en/sign-out/")
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert client.get("/en/workspace/").status_code == 302  # signed out
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["isfahan"])
    assert strict.post("/en/sign-out/").status_code == 403


@pytest.fixture
def throttle(people, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_COOL_OFF = 60
    return settings


@pytest.mark.parametrize("language, message", [
    ("en", "Too many failed sign-ins from your address. Please wait 1 minute and try again."),
    ("fa", "لطفاً ۱ دقیقه صبر کنید"),
    ("zh-hans", "请等待 1 分钟后再试。"),
])
def test_the_site_form_is_throttled_like_the_admins(site_tree, throttle, language, message):
    for _ in range(3):
        sign_in("isf", "wrong", address="10.0.0.7", language=language)
    response, _ = sign_in("isf", "pass", address="10.0.0.7", language=language)
    assert response.status_code == 429
    page = response.content.decode()
    assert message in page and 'name="username"' in page
    elsewhere, _ = sign_in("isf", "pass", address="10.0.0.8", language=language)
    assert elsewhere.status_code == 302
