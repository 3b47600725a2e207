"""The write API: follow-up reports posted with an organisation's API token."""

import io
import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.factories import UserFactory
from portal.models import ApiToken
from portal.models.api_tokens import hash_token
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpLine, FollowUpReport, Resolution

URL = "/api/follow-up/reports/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def setup(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    isfahan_owns = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]])
    tehran_owns = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]])
    token, clear = ApiToken.issue(orgs["isfahan"], "Follow-up spreadsheet")
    return {"isfahan_owns": isfahan_owns, "tehran_owns": tehran_owns, "token": token, "clear": clear,
            "orgs": orgs, "people": people}


def post(client, body, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers, **extra)


def body(resolution, text="The flood maps were sent.", status="done"):
    return {"resolution": resolution.pk, "text": text, "status": status}


def history_counts():
    return (Resolution.history.count(), FollowUpLine.history.count(), FollowUpReport.history.count())


# --- tokens ---------------------------------------------------------------------------------------

def test_only_a_hash_of_the_token_is_stored(setup):
    token, clear = setup["token"], setup["clear"]
    token.refresh_from_db()
    assert clear.startswith("pcm_") and len(clear) > 40
    assert token.token_hash == hash_token(clear) and clear not in token.token_hash
    assert token.hint == clear[:8]
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get(pk=token.pk)]
    assert clear not in stored
    assert ApiToken.objects.find(clear) == token
    assert ApiToken.objects.find("pcm_wrong") is None


def test_management_command_prints_a_working_token(setup, client):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "tehran", "Tehran dashboard", stdout=out, stderr=err)
    clear = out.getvalue().strip()
    token = ApiToken.objects.get(name="Tehran dashboard")
    assert token.organisation.slug == "tehran" and token.token_hash == hash_token(clear)
    assert "not be shown again" in err.getvalue()
    assert post(client, body(setup["tehran_owns"]), clear).status_code == 201


def test_management_command_refuses_an_unknown_organisation(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "atlantis", "x", stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_admin_create_view_shows_the_token_once(setup, client):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    add_url = reverse("wagtailsnippets_portal_apitoken:add")
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, {"organisation": setup["orgs"]["tehran"].pk, "name": "Tehran GIS"},
                           follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Tehran GIS")
    shown = [str(m) for m in response.context["messages"]]
    clear = next(word for m in shown for word in m.replace("<", " ").replace(">", " ").split()
                 if word.startswith("pcm_"))
    assert token.token_hash == hash_token(clear)
    # Never again: not on the listing, the edit page or the inspect page.
    for url in (reverse("wagtailsnippets_portal_apitoken:list"),
                reverse("wagtailsnippets_portal_apitoken:edit", args=[token.pk]),
                reverse("wagtailsnippets_portal_apitoken:inspect", args=[token.pk])):
        page = client.get(url)
        assert page.status_code == 200 and clear not in page.content.decode(), url


def test_a_revoked_token_cannot_be_restored(setup):
    from django.core.exceptions import ValidationError

    token = setup["token"]
    token.revoked = True
    token.save()
    token.revoked = False
    with pytest.raises(ValidationError):
        token.full_clean()


def test_city_managers_cannot_manage_tokens(setup, client):
    client.force_login(setup["people"]["isfahan"])
    assert client.get(reverse("wagtailsnippets_portal_apitoken:add")).status_code in (302, 403)


# --- posting a report -----------------------------------------------------------------------------

def test_token_posts_a_report_with_the_reason_in_history(setup, client):
    resolution = setup["isfahan_owns"]
    response = post(client, body(resolution, status="done"), setup["clear"])
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["organisation"] == "isfahan" and data["status"] == "done"
    assert data["resolution_status"] == "done"
    report = FollowUpReport.objects.get()
    assert report.author is None and report.text == "The flood maps were sent."
    line = resolution.lines.get(organisation=setup["orgs"]["isfahan"])
    assert line.status == "done"
    resolution.refresh_from_db()
    assert resolution.status == "done"

    reason = "API token Follow-up spreadsheet (Isfahan)"
    assert report.history.latest().history_change_reason == reason
    assert line.history.latest().history_change_reason == reason
    assert resolution.history.latest().history_change_reason == reason
    assert resolution.history.latest().history_user is None
    setup["token"].refresh_from_db()
    assert setup["token"].last_used_at is not None


def test_reason_is_not_applied_outside_the_api(setup, client):
    post(client, body(setup["isfahan_owns"]), setup["clear"])
    line = setup["tehran_owns"].lines.get()
    line.record_report(author=None, text="By hand", status="in_progress")
    assert line.history.latest().history_change_reason in (None, "")


def test_resolution_of_another_organisation_is_403_and_writes_nothing(setup, client):
    before = history_counts()
    response = post(client, body(setup["tehran_owns"]), setup["clear"])
    assert response.status_code == 403
    assert "does not own" in response.json()["detail"]
    assert not FollowUpReport.objects.exists()
    assert history_counts() == before
    assert setup["tehran_owns"].lines.get().status == "open"


def test_unknown_resolution_is_404(setup, client):
    response = post(client, {"resolution": 987654, "text": "x", "status": "open"}, setup["clear"])
    assert response.status_code == 404


def test_an_internal_resolution_of_another_organisation_answers_like_a_missing_one(setup, client):
    internal = ResolutionFactory(meeting=setup["tehran_owns"].meeting, number=3, owners=[setup["orgs"]["tehran"]],
                                 is_public=False)
    before = history_counts()
    hidden = post(client, body(internal), setup["clear"])
    missing = post(client, {"resolution": internal.pk + 1000, "text": "x", "status": "open"}, setup["clear"])
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert not FollowUpReport.objects.exists() and history_counts() == before
    # Its owner's token still reports on it.
    _token, tehran_clear = ApiToken.issue(setup["orgs"]["tehran"], "Tehran sheet")
    assert post(client, body(internal), tehran_clear).status_code == 201


def test_a_resolution_of_an_unpublished_meeting_is_404_even_for_its_owner(setup, client):
    meeting = setup["isfahan_owns"].meeting
    meeting.unpublish()
    assert post(client, body(setup["isfahan_owns"]), setup["clear"]).status_code == 404


@pytest.mark.parametrize("token", [None, "", "pcm_not-a-token", "x" * 500])
def test_missing_or_unknown_token_is_401(setup, client, token):
    response = post(client, body(setup["isfahan_owns"]), token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not FollowUpReport.objects.exists()


def test_revoked_token_is_401(setup, client):
    setup["token"].revoked = True
    setup["token"].save()
    assert post(client, body(setup["isfahan_owns"]), setup["clear"]).status_code == 401
    assert not FollowUpReport.objects.exists()


def test_session_of_a_member_is_not_enough(setup, client):
    client.force_login(setup["people"]["isfahan"])
    assert post(client, body(setup["isfahan_owns"])).status_code == 401
    assert not FollowUpReport.objects.exists()


def test_token_requests_need_no_csrf_token(setup):
    client = Client(enforce_csrf_checks=True)
    assert post(client, body(setup["isfahan_owns"]), setup["clear"]).status_code == 201


@pytest.mark.parametrize("payload", [
    {"resolution": 1, "text": "   ", "status": "done"},
    {"resolution": 1, "text": "ok", "status": "finished"},
    {"resolution": 1, "text": "ok", "status": "cancelled"},  # only the secretariat cancels
    {"resolution": 1, "text": "nul \x00 byte", "status": "done"},
    {"resolution": "one", "text": "ok", "status": "done"},
    {"resolution": 1, "text": "ok"},
    {"resolution": 1, "text": "ok", "status": "done", "author": 3},
    {"resolution": 1, "text": "x" * 20_001, "status": "done"},
])
def test_invalid_bodies_are_422(setup, client, payload):
    if payload.get("resolution") == 1:
        payload = {**payload, "resolution": setup["isfahan_owns"].pk}
    response = post(client, payload, setup["clear"])
    assert response.status_code == 422, response.content
    assert response.json()["detail"]
    assert not FollowUpReport.objects.exists()


def test_unparseable_body_is_400(setup, client):
    assert post(client, "{not json", setup["clear"]).status_code == 400


def test_rate_limit_per_token(setup, client, settings, monkeypatch):
    settings.API_TOKEN_RATE_LIMIT = 3
    monkeypatch.setattr("portal.api.tokens.time", SimpleNamespace(time=lambda: 1_000_000.0))  # one window
    for _ in range(3):
        response = post(client, body(setup["isfahan_owns"], status="in_progress"), setup["clear"])
        assert response.status_code == 201
    refused = post(client, body(setup["isfahan_owns"]), setup["clear"])
    assert refused.status_code == 429
    assert refused["Retry-After"] == "20"  # 1 000 000 s is 40 s into its minute
    assert "Too many requests" in refused.json()["detail"]
    assert FollowUpReport.objects.count() == 3
    # Another token has its own count.
    _token, other = ApiToken.issue(setup["orgs"]["tehran"], "Other")
    assert post(client, body(setup["tehran_owns"]), other).status_code == 201


def test_rate_limit_window_moves_on():
    from portal.api.tokens import count_request

    cache.clear()
    key = "test-window"
    results = [count_request(key, now=1000.0) for _ in range(31)]
    assert results[:30] == [None] * 30 and results[30] == 20  # 1000 is 40 s into its minute
    assert count_request(key, now=1020.5) is None  # the next minute
