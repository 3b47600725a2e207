"""/healthz/: one JSON answer on the database, the search engine, the worker and the index queue.

Against the real database and the real shared search node; an engine that is away is an address
nothing listens on (the shared node is never stopped).
"""

import datetime
import io
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from portal.health import CACHE_KEY, Worker
from search.models import PendingIndexChange
from search.tests.conftest import closed_port, engine_address  # noqa: F401 - fixtures

PARTS = {"database", "search_engine", "index_queue", "worker"}


@pytest.fixture(autouse=True)
def fresh_answer(settings):
    settings.HEALTH_CACHE_SECONDS = 2
    cache.delete(CACHE_KEY)
    yield
    cache.delete(CACHE_KEY)


@pytest.fixture
def engine_up(settings, engine_address):  # noqa: F811
    settings.ELASTICSEARCH_URL = engine_address
    return engine_address


def health(client):
    response = client.get("/healthz/")
    assert response["Content-Type"] == "application/json"
    return response, response.json()


@pytest.mark.search_engine
def test_all_parts_up_answer_200_with_each_parts_facts(client, db, engine_up):
    response, answer = health(client)
    assert response.status_code == 200, answer
    assert answer["status"] == "ok"
    assert datetime.datetime.fromisoformat(answer["checked_at"]) <= timezone.now()
    assert set(answer["parts"]) == PARTS
    parts = answer["parts"]
    assert all(part["ok"] and "error" not in part and part["seconds"] >= 0 for part in parts.values())
    assert parts["database"]["vendor"] in ("sqlite", "postgresql")
    engine = parts["search_engine"]
    assert engine["configured"] is True
    assert engine["cluster"] in ("green", "yellow") and engine["nodes"] >= 1 and engine["data_nodes"] >= 1
    assert parts["index_queue"] == {"ok": True, "waiting": 0, "oldest_seconds": None,
                                    "seconds": parts["index_queue"]["seconds"]}
    assert parts["worker"]["configured"] is True
    assert (parts["worker"]["waiting"], parts["worker"]["oldest_waiting_seconds"]) == (0, None)


@pytest.mark.search_engine
def test_for_monitors_not_readers_no_language_prefix_no_sign_in_no_page_policy(client, db, engine_up):
    response = client.get("/healthz/")
    assert response.status_code == 200  # anonymous, and not redirected to /fa/healthz/
    assert "Content-Security-Policy" not in response
    assert "no-store" in response["Cache-Control"]  # no proxy keeps a stale verdict
    assert client.get("/en/healthz/").status_code == 404


@pytest.mark.search_engine
def test_503_within_seconds_of_the_engine_going_away(client, db, engine_up, closed_port):  # noqa: F811
    assert client.get("/healthz/").status_code == 200  # and that answer is kept a moment
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port}"):
        started = time.monotonic()
        while (response := client.get("/healthz/")).status_code == 200:
            assert time.monotonic() - started < 6, "still 200 six seconds after the engine went away"
            time.sleep(0.2)
        assert response.status_code == 503
        answer = response.json()
    assert answer["status"] == "failing"
    engine = answer["parts"]["search_engine"]
    assert (engine["ok"], engine["error"]) == (False, "unreachable")
    assert engine["seconds"] < 3
    assert all(answer["parts"][name]["ok"] for name in PARTS - {"search_engine"})


def test_no_engine_configured_is_the_database_search_and_well(client, db, settings):
    settings.ELASTICSEARCH_URL = ""
    response, answer = health(client)
    assert response.status_code == 200
    assert answer["parts"]["search_engine"]["configured"] is False


def test_the_answer_names_no_address_and_no_credential(client, db, settings, closed_port):  # noqa: F811
    settings.ELASTICSEARCH_URL = f"http://portal-reader:hunter2-{uuid.uuid4().hex}@127.0.0.1:{closed_port}"
    response, _answer = health(client)
    assert response.status_code == 503
    body = response.content.decode()
    for secret in ("portal-reader", "hunter2", "127.0.0.1", str(closed_port), "http", settings.SECRET_KEY,
                   str(settings.DATABASES["default"]["NAME"])):
        assert secret not in body, secret


def test_index_changes_waiting_too_long_fail_the_check(client, db, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.HEALTH_INDEX_QUEUE_MAX_AGE = 600
    PendingIndexChange.objects.create(model_label="knowledge.study", object_id="1")
    change = PendingIndexChange.objects.create(model_label="knowledge.study", object_id="2")
    response, answer = health(client)
    assert response.status_code == 200
    assert answer["parts"]["index_queue"]["waiting"] == 2
    assert answer["parts"]["index_queue"]["oldest_seconds"] < 60

    PendingIndexChange.objects.filter(pk=change.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    cache.delete(CACHE_KEY)
    response, answer = health(client)
    assert response.status_code == 503
    queue = answer["parts"]["index_queue"]
    assert (queue["ok"], queue["waiting"]) == (False, 2)
    assert 3590 <= queue["oldest_seconds"] <= 3700
    assert "600 seconds" in queue["error"]


def waiting_task(**fields):
    from django_tasks_db.models import DBTaskResult, get_date_max

    fields.setdefault("run_after", get_date_max())
    return DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="portal.mail.deliver",
                                       backend_name="default", **fields)


def test_a_task_no_worker_takes_fails_the_check(client, db, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.HEALTH_TASK_MAX_WAIT = 300
    task = waiting_task()
    waiting_task(run_after=timezone.now() + datetime.timedelta(hours=2))  # not due yet: not waiting
    response, answer = health(client)
    assert response.status_code == 200
    assert answer["parts"]["worker"]["waiting"] == 1

    type(task).objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    cache.delete(CACHE_KEY)
    response, answer = health(client)
    assert response.status_code == 503
    worker = answer["parts"]["worker"]
    assert (worker["ok"], worker["waiting"]) == (False, 1)
    assert 590 <= worker["oldest_waiting_seconds"] <= 700


def test_a_task_due_later_waits_from_its_start_time(client, db, settings):
    settings.ELASTICSEARCH_URL = ""
    waiting_task(enqueued_at=timezone.now(), run_after=timezone.now() - datetime.timedelta(seconds=30))
    _response, answer = health(client)
    assert 25 <= answer["parts"]["worker"]["oldest_waiting_seconds"] <= 90


def test_without_the_task_database_backend_there_is_no_worker_to_check(client, db, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(Worker, "APP", "an_app_this_portal_does_not_have")
    response, answer = health(client)
    assert response.status_code == 200
    assert answer["parts"]["worker"] == {"ok": True, "configured": False,
                                         "seconds": answer["parts"]["worker"]["seconds"]}


# --- the same checks from the command line: `manage.py health_check`, for a service manager ------------

def run_health_command():
    out = io.StringIO()
    try:
        call_command("health_check", stdout=out)
    except CommandError as failure:
        return failure.returncode, json.loads(out.getvalue()), str(failure)
    return 0, json.loads(out.getvalue()), ""


@pytest.mark.search_engine
def test_the_command_exits_0_with_every_part_well(db, engine_up):
    status, answer, _message = run_health_command()
    assert status == 0, answer
    assert answer["status"] == "ok" and set(answer["parts"]) == PARTS
    assert answer["parts"]["search_engine"]["cluster"] in ("green", "yellow")


def test_the_command_exits_1_when_the_search_engine_is_down(db, settings, closed_port):  # noqa: F811
    settings.ELASTICSEARCH_URL = f"http://portal-reader:hunter2@127.0.0.1:{closed_port}"
    status, answer, message = run_health_command()
    assert status == 1
    assert answer["status"] == "failing"
    assert (answer["parts"]["search_engine"]["ok"], answer["parts"]["search_engine"]["error"]) == (False, "unreachable")
    assert all(answer["parts"][name]["ok"] for name in PARTS - {"search_engine"})
    assert message == "failing: search_engine"


def test_the_command_exits_1_when_a_task_waits_too_long(db, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.HEALTH_TASK_MAX_WAIT = 300
    waiting_task(enqueued_at=timezone.now(), run_after=timezone.now() - datetime.timedelta(minutes=10))
    status, answer, _message = run_health_command()
    assert status == 1 and answer["parts"]["worker"]["ok"] is False


def test_the_command_as_a_probe_runs_it_names_no_address_and_no_credential(tmp_path, closed_port):  # noqa: F811
    """As a service manager runs it: its own process, its exit status, everything it writes."""
    password = f"hunter2-{uuid.uuid4().hex}"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL=f"sqlite:///{tmp_path}/db",
               ELASTICSEARCH_URL=f"http://portal-reader:{password}@127.0.0.1:{closed_port}")
    probe = subprocess.run([sys.executable, "manage.py", "health_check"], capture_output=True, text=True, env=env,
                           cwd=Path(django_settings.BASE_DIR), timeout=120, check=False)
    assert probe.returncode == 1, probe.stderr
    assert json.loads(probe.stdout)["parts"]["search_engine"]["error"] == "unreachable"
    for secret in ("portal-reader", password, "127.0.0.1", str(closed_port), "http", str(tmp_path)):
        assert secret not in probe.stdout + probe.stderr, secret
