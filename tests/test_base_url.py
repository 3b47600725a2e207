"""One base URL: every absolute link starts with PORTAL_BASE_URL, never with the host a request came
on (behind a proxy, an internal name); production refuses to start without it or with mail that
goes nowhere."""

import datetime
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from portal.checks import deployment_settings
from portal.tests.test_api_fixtures import world  # noqa: F401 - a fixture
from resolutions.reminders import send_followup_reminders

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://portal.example.org"
INTERNAL = "app-7.internal:8000"  # what the proxy forwards as Host
ADDRESS = re.compile(r"https?://[^\s<>\"']+")


@pytest.fixture
def behind_a_proxy(settings):
    settings.ALLOWED_HOSTS = ["app-7.internal", "testserver"]
    return {"HTTP_HOST": INTERNAL}


def hosts(text):
    return {re.match(r"https?://([^/]+)", url).group(1) for url in ADDRESS.findall(text)
            if "www.w3.org" not in url and "sitemaps.org" not in url}


@override_settings(PORTAL_BASE_URL=BASE)
def test_sitemap_addresses_carry_only_the_base_url(client, world, behind_a_proxy):  # noqa: F811
    text = client.get("/sitemap.xml", **behind_a_proxy).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", text)
    assert any("/organisations/" in url for url in locations) and any("/resolutions/1/" in url for url in locations)
    assert all(url.startswith(f"{BASE}/") for url in locations), locations
    assert hosts(text) == {"portal.example.org"}


@override_settings(PORTAL_BASE_URL=BASE)
def test_a_feed_carries_only_the_base_url(client, world, behind_a_proxy):  # noqa: F811
    text = client.get("/en/feeds/resolutions/", **behind_a_proxy).content.decode()
    assert f'<id>{BASE}/en/feeds/resolutions/</id>' in text
    assert f'href="{BASE}/en/meetings/' in text
    assert hosts(text) == {"portal.example.org"}


@override_settings(PORTAL_BASE_URL=BASE)
def test_a_reminder_email_carries_only_the_base_url(world, people):  # noqa: F811
    send_followup_reminders(datetime.date(2013, 6, 1))
    [message] = [m for m in mail.outbox if people["isfahan"].email in m.to]
    assert f"{BASE}/fa/meetings/" in message.body
    assert hosts(message.body) == {"portal.example.org"}
    assert message.extra_headers["List-Unsubscribe"] == f"<{BASE}/fa/account/reminders/>"


@override_settings(PORTAL_BASE_URL=BASE)
def test_api_links_carry_the_base_url(client, world, behind_a_proxy):  # noqa: F811
    data = client.get("/api/resolutions/", {"page_size": 1}, **behind_a_proxy).json()
    assert data["next"].startswith(f"{BASE}/api/resolutions/?")
    assert data["results"][0]["url"].startswith(f"{BASE}/")


# --- production refuses to start half-configured ---------------------------------------------------

def check_ids(**overrides):
    values = dict(PORTAL_PRODUCTION=True, PORTAL_BASE_URL=BASE, ALLOWED_HOSTS=["portal.example.org"],
                  EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend") | overrides
    with override_settings(**values):
        return sorted(message.id for message in deployment_settings())


def test_the_checks_name_what_is_missing():
    assert check_ids() == []
    assert check_ids(PORTAL_BASE_URL="") == ["portal.E001"]
    assert check_ids(PORTAL_BASE_URL="portal.example.org") == ["portal.E002"]
    assert check_ids(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend") == ["portal.E003"]
    assert check_ids(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend") == ["portal.E003"]
    assert check_ids(PORTAL_BASE_URL="http://portal.example.org") == ["portal.W001"]
    assert check_ids(ALLOWED_HOSTS=["other.example.org"]) == ["portal.W002"]
    # Development and tests are not held to them.
    assert check_ids(PORTAL_PRODUCTION=False, PORTAL_BASE_URL="", EMAIL_BACKEND="x.console") == []


def production(*command, **env):
    variables = {k: v for k, v in os.environ.items()
                 if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "PORTAL_BASE_URL", "EMAIL_BACKEND")}
    variables |= {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": secrets.token_urlsafe(50),
                  "ALLOWED_HOSTS": "portal.example.org"} | env
    return subprocess.run([sys.executable, *command], cwd=ROOT, env=variables,  # noqa: S603
                          capture_output=True, text=True, check=False)


def test_production_check_deploy_fails_without_base_url_and_with_console_mail():
    result = production("manage.py", "check", "--deploy")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr and "PORTAL_BASE_URL" in result.stderr
    assert "portal.E003" in result.stderr and "console" in result.stderr


def test_production_wsgi_application_refuses_to_load_half_configured():
    result = production("-c", "import portal.wsgi", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    assert result.returncode != 0 and "portal.E001" in result.stderr

    configured = production(
        "-c", "import portal.wsgi; from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        PORTAL_BASE_URL=f"{BASE}/", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip() == BASE  # the admin's links in e-mails follow the one setting
