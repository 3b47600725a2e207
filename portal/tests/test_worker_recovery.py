"""Tasks a killed worker left running go back to the queue (portal.worker, `manage.py db_worker`).

The rules on rows made here; then the real thing: a worker process killed with SIGKILL in the
middle of a slow task, and the next worker that starts running that task again to the end.
"""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal import worker
from portal.health import CACHE_KEY


def running_task(claimers, started_minutes_ago=1):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="portal.tests.slow_tasks.nap", backend_name="default",
        run_after=timezone.now(), status=TaskResultStatus.RUNNING, worker_ids=claimers,
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago))


@pytest.fixture
def gone_worker():
    """The id a worker of this machine had, whose process has ended since."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    claimer = worker.worker_id(process.pid)
    process.kill()
    process.wait()
    return claimer


needs_proc = pytest.mark.skipif(worker.worker_alive(worker.worker_id()) is None,
                                reason="no /proc to tell processes apart")


@needs_proc
def test_a_task_whose_worker_is_gone_is_queued_again_at_once(db, gone_worker):
    task = running_task([gone_worker])
    assert worker.recover_abandoned_tasks() == (1, 0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.worker_ids == [gone_worker]


@needs_proc
def test_a_task_whose_worker_still_runs_is_left_alone_however_long(db):
    task = running_task([worker.worker_id()], started_minutes_ago=24 * 60)
    assert worker.recover_abandoned_tasks() == (0, 0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_worker_elsewhere_is_given_the_running_limit(db, settings):
    settings.TASK_RUNNING_LIMIT = 3600
    recent = running_task(["another-host/0a1b2c3d4e5f/4242/1234"], started_minutes_ago=10)
    old = running_task(["another-host/0a1b2c3d4e5f/4242/1234"], started_minutes_ago=61)
    unnamed = running_task(["f3a9c0d1e2b4"], started_minutes_ago=90)  # an id of the library's own kind
    assert worker.recover_abandoned_tasks() == (2, 0)
    statuses = {t.pk: t.status for t in DBTaskResult.objects.all()}
    assert statuses == {recent.pk: TaskResultStatus.RUNNING, old.pk: TaskResultStatus.READY,
                        unnamed.pk: TaskResultStatus.READY}


@needs_proc
def test_a_task_that_stopped_its_worker_three_times_is_given_up(db, gone_worker):
    task = running_task(["a/1/x", "a/2/y", gone_worker])
    assert worker.recover_abandoned_tasks() == (0, 1)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and task.finished_at is not None
    assert task.exception_class_path == worker.WORKER_LOST


@needs_proc
def test_a_task_taken_again_meanwhile_is_not_touched(db, gone_worker, monkeypatch):
    task = running_task([gone_worker])
    stale = list(DBTaskResult.objects.filter(pk=task.pk))
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now(), worker_ids=[gone_worker, "b/1/z"])
    monkeypatch.setattr(worker, "abandoned_tasks", lambda now=None: stale)  # read before the other worker took it
    assert worker.recover_abandoned_tasks() == (0, 0)
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.RUNNING


@needs_proc
def test_the_health_check_fails_while_an_abandoned_task_is_marked_running(client, db, settings, gone_worker):
    settings.ELASTICSEARCH_URL = ""
    cache.delete(CACHE_KEY)
    running_task([worker.worker_id()])
    answer = client.get("/healthz/").json()["parts"]["worker"]
    assert (answer["ok"], answer["running"], answer["abandoned"]) == (True, 1, 0)
    running_task([gone_worker])
    cache.delete(CACHE_KEY)
    answer = client.get("/healthz/").json()["parts"]["worker"]
    assert (answer["ok"], answer["running"], answer["abandoned"]) == (False, 2, 1)
    assert answer["error"] == "a task is still marked running after its worker stopped"
    cache.delete(CACHE_KEY)


# --- a real worker, killed ------------------------------------------------------------------------

def manage(env, *args, **options):
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env,  # noqa: S603
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **options)


def finished(process, timeout=120):
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output
    return output


def start_worker(env):
    return manage(env, "db_worker", "--queue-name", "*", "--interval", "0.2", "--no-startup-delay", "--no-reload")


def wait_for(condition, seconds=60, what=""):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what} after {seconds} s"
        time.sleep(0.2)


@pytest.mark.worker
@needs_proc
def test_a_task_a_killed_worker_left_running_runs_again_when_the_next_worker_starts(tmp_path):
    database = tmp_path / "tasks.sqlite3"
    markers = tmp_path / "markers"
    markers.mkdir()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL=f"sqlite:///{database}",
               ELASTICSEARCH_URL="", DEBUG="false")
    finished(manage(env, "shell", "-c", (
        "from django.db import connection\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from portal.tests.slow_tasks import nap\n"
        "with connection.schema_editor() as editor: editor.create_model(DBTaskResult)\n"
        f"nap.enqueue({str(markers)!r}, 600)\n")))

    table = DBTaskResult._meta.db_table

    def row():
        with closing(sqlite3.connect(database)) as db:
            status, claimers = db.execute(f"SELECT status, worker_ids FROM {table}").fetchone()  # noqa: S608
        return status, json.loads(claimers)

    first = start_worker(env)
    try:
        wait_for((markers / "started-1").exists, what="the first worker to start the task")
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    status, claimers = row()
    assert status == TaskResultStatus.RUNNING and len(claimers) == 1  # and so it would stay

    second = start_worker(env)
    try:
        wait_for((markers / "finished").exists, what="the second worker to finish the task")
        wait_for(lambda: row()[0] == TaskResultStatus.SUCCESSFUL, what="the task's success")
    finally:
        second.send_signal(signal.SIGTERM)
        output = second.communicate(timeout=30)[0]
    assert "1 queued again" in output
    status, claimers = row()
    assert len(claimers) == 2 and claimers[0] != claimers[1]
    assert (markers / "finished").read_text() == "2"
