import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return env | {"DJANGO_SETTINGS_MODULE": "portal.settings.production"} | overrides


def test_production_settings_pass_the_deploy_checks():
    env = production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="portal.example.org")
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


def test_login_is_throttled_after_repeated_failures(people, settings):
    settings.LOGIN_FAILURE_LIMIT = 3

    def sign_in(password, address="10.0.0.1"):
        response = Client(REMOTE_ADDR=address).post(
            "/admin/login/", {"username": "isf", "password": password})
        return response.status_code == 302  # a successful login redirects to the dashboard

    assert not any(sign_in("wrong") for _ in range(3))
    # Even the right password is refused from that address until the window passes…
    assert not sign_in("pass")
    # …while the same person elsewhere is not locked out.
    assert sign_in("pass", address="10.0.0.9")


def test_weak_passwords_are_refused(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678", "short"):
        try:
            validate_password(weak)
        except ValidationError:
            continue
        raise AssertionError(f"{weak!r} was accepted")
