import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return env | {"DJANGO_SETTINGS_MODULE": "portal.settings.production"} | overrides


def test_production_settings_pass_the_deploy_checks():
    env = production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="portal.example.org",
                         PORTAL_BASE_URL="https://portal.example.org",
                         EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env(SECRET_KEY="")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_pages_carry_a_content_security_policy(site_tree, client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy


def test_the_admin_has_its_own_policy(site_tree, client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "frame-ancestors 'self'" in policy
    assert "img-src 'self' data: blob:" in policy and "object-src 'none'" in policy


# --- sign-in throttling ---------------------------------------------------------------------------

def sign_in(username, password, address, language="en"):
    """POST the admin's sign-in form from `address`; the response (302 when signed in)."""
    return Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language).post(
        "/admin/login/", {"username": username, "password": password})


def signed_in(response):
    return response.status_code == 302


@pytest.fixture
def throttle(people, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_COOL_OFF = 60
    return settings


def test_failures_lock_the_address_they_come_from(throttle):
    assert not any(signed_in(sign_in("isf", "wrong", "10.0.0.1")) for _ in range(3))
    # Even the right password is refused from that address until the wait is over…
    refused = sign_in("isf", "pass", "10.0.0.1")
    assert refused.status_code == 429
    # …and so is any other name from there: the address itself is throttled.
    assert sign_in("teh", "pass", "10.0.0.1").status_code == 429
    # The same person elsewhere is not locked out.
    assert signed_in(sign_in("isf", "pass", "10.0.0.9"))


def test_an_attacker_cannot_lock_the_owner_out(throttle):
    for _ in range(10):  # someone guessing isf's password from their own address
        sign_in("isf", "guess", "203.0.113.66")
    assert signed_in(sign_in("isf", "pass", "198.51.100.7"))  # the owner, from the office
    assert sign_in("isf", "pass", "203.0.113.66").status_code == 429


def test_failures_from_behind_a_shared_address_count_per_name_too(throttle):
    throttle.AXES_FAILURE_LIMIT = 5
    for _ in range(3):
        sign_in("isf", "wrong", "10.0.0.1")
    assert signed_in(sign_in("teh", "pass", "10.0.0.1"))  # 3 failures in all: below the address's limit


def age_failures(seconds):
    """Move every recorded failure `seconds` into the past, as if the time had passed."""
    from axes.models import AccessAttempt, AccessAttemptExpiration

    past = datetime.timedelta(seconds=seconds)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - past)
    for expiration in AccessAttemptExpiration.objects.all():
        AccessAttemptExpiration.objects.filter(pk=expiration.pk).update(expires_at=expiration.expires_at - past)


def test_the_wait_grows_with_every_failure_after_a_lock(throttle):
    for _ in range(3):
        sign_in("isf", "wrong", "10.0.0.1")
    assert "wait 1 minute " in sign_in("isf", "pass", "10.0.0.1").content.decode()
    age_failures(61)
    locked_again = sign_in("isf", "wrong", "10.0.0.1")  # the lock is over; one more failure…
    assert locked_again.status_code == 429 and "wait 2 minutes" in locked_again.content.decode()
    age_failures(121)
    assert "wait 4 minutes" in sign_in("isf", "wrong", "10.0.0.1").content.decode()
    age_failures(241)
    assert signed_in(sign_in("isf", "pass", "10.0.0.1"))  # the right password, once the wait is over


def test_a_refused_try_does_not_extend_the_wait(throttle):
    for _ in range(3):
        sign_in("isf", "wrong", "10.0.0.1")
    for _ in range(5):
        assert sign_in("isf", "wrong", "10.0.0.1").status_code == 429
    age_failures(61)
    assert signed_in(sign_in("isf", "pass", "10.0.0.1"))


@pytest.mark.parametrize("language, message", [
    ("en", "Too many failed sign-ins from your address. Please wait 1 minute and try again."),
    ("fa", "ورودهای ناموفق از نشانی شما بیش از حد بوده است. لطفاً ۱ دقیقه صبر کنید و دوباره تلاش کنید."),
    ("zh-hans", "来自您的地址的登录失败次数过多。请等待 1 分钟后再试。"),
])
def test_a_throttled_person_is_told_how_long_to_wait_in_their_language(throttle, language, message):
    for _ in range(3):
        sign_in("isf", "wrong", "10.0.0.1", language)
    response = sign_in("isf", "pass", "10.0.0.1", language)
    assert response.status_code == 429
    assert message in response.content.decode()
    assert 'name="username"' in response.content.decode()  # still the sign-in page, to try again later


def test_forwarded_addresses_count_only_behind_configured_proxies(rf, settings):
    from portal.security import client_address

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"  # anyone can write the header
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"  # what our proxy saw, not what the client wrote
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == "127.0.0.1"  # fewer hops than configured: not believed
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.1"


def test_the_test_client_login_still_works(people, client):
    assert client.login(username="isf", password="pass")


def test_weak_passwords_are_refused(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678", "short"):
        try:
            validate_password(weak)
        except ValidationError:
            continue
        raise AssertionError(f"{weak!r} was accepted")
