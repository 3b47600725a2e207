"""Tasks a killed worker left running, found and given back to the queue.

The worker (django-tasks-db's `db_worker`) marks a task RUNNING when it takes it and finished when
it ends; a worker killed in between (SIGKILL, out of memory, a power cut) leaves the row RUNNING for
ever, and neither library notices. The portal's `db_worker` names each worker after its machine and
its process (`worker_id`), and before it takes its first task, then every few minutes, looks for
abandoned tasks:

- taken by a worker of this machine that is no longer running: at once (the process is gone, or
  its number now belongs to another process);
- taken by a worker elsewhere, or named otherwise: once RUNNING longer than TASK_RUNNING_LIMIT
  seconds (default an hour; no task of the portal runs near that long: a file's text is read within
  ATTACHMENT_TIME_LIMIT).

Every task of the portal is safe to run again (an e-mail delivery, a file's text, a re-indexing),
so an abandoned task goes back to the queue, READY, its earlier workers kept in `worker_ids`. One
that has been taken MAX_STARTS times and never finished (it may be what kills its worker) is
marked failed instead, with `WorkerLost` as its error, for an administrator to see.
"""

import datetime
import hashlib
import logging
import os
import socket
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_STARTS = 3
RECOVERY_INTERVAL = 300  # seconds between two looks while the worker runs
WORKER_LOST = "portal.worker.WorkerLost"


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished (the error of a task given up)."""


def running_limit():
    return datetime.timedelta(seconds=int(getattr(settings, "TASK_RUNNING_LIMIT", 3600)))


# --- who runs a task: processes this one can see, told apart from the numbers they reuse -----------

def _machine():
    """This host, this boot and this process namespace (where process numbers mean the same), as a
    short token; None without Linux's /proc."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        return None
    return hashlib.sha256(f"{socket.gethostname()}|{boot}|{namespace}".encode()).hexdigest()[:12]


def process_start(pid):
    """When the process started (clock ticks since boot), or None when there is no such process."""
    try:
        stat = Path(f"/proc/{int(pid)}/stat").read_text()
    except (OSError, ValueError):
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22, counted after the command's name


def worker_id(pid=None):
    """`host/machine/pid/start`: unique across the worker pool, and telling a worker on this machine
    whether the worker that took a task still runs."""
    pid = os.getpid() if pid is None else pid
    host = socket.gethostname().split(".")[0][:20] or "host"
    return f"{host}/{_machine() or '-'}/{pid}/{process_start(pid) or '-'}"


def worker_alive(claimer):
    """True or False for a worker of this machine; None (cannot tell) for any other worker id."""
    parts = (claimer or "").split("/")
    machine = _machine()
    if len(parts) != 4 or machine is None or parts[1] != machine or "-" in parts[2:]:
        return None
    return process_start(parts[2]) == parts[3]


def is_abandoned(task, now=None):
    """A RUNNING task whose worker is known to be gone, or that has run past TASK_RUNNING_LIMIT with a
    worker this machine cannot see."""
    alive = worker_alive(task.worker_ids[-1] if task.worker_ids else "")
    if alive is not None:
        return not alive
    return task.started_at is None or task.started_at < (now or timezone.now()) - running_limit()


def abandoned_tasks(now=None):
    from django_tasks_db.models import DBTaskResult

    return [task for task in DBTaskResult.objects.running() if is_abandoned(task, now)]


def recover_abandoned_tasks(now=None):
    """Give every abandoned task back to the queue, or up after MAX_STARTS; returns (requeued, failed).

    Each row changes only while it is as it was read (RUNNING, from that start), so a task another
    worker has taken again meanwhile is left alone.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    requeued = failed = 0
    for task in abandoned_tasks(now):
        unchanged = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING,
                                                started_at=task.started_at)
        if len(task.worker_ids) < MAX_STARTS:
            requeued += unchanged.update(status=TaskResultStatus.READY)
            logger.warning("Task %s (%s) was left running by a stopped worker: queued again.", task.pk,
                           task.task_path)
        else:
            failed += unchanged.update(
                status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
                exception_class_path=WORKER_LOST,
                traceback=f"{WORKER_LOST}: its worker stopped while running it, {len(task.worker_ids)} times\n")
            logger.error("Task %s (%s) stopped its worker %s times: given up.", task.pk, task.task_path,
                         len(task.worker_ids))
    return requeued, failed


def keep_recovering(interval=RECOVERY_INTERVAL):
    """Look for abandoned tasks every `interval` seconds, beside the worker's loop (a daemon thread)."""

    def look_again():
        while True:
            time.sleep(interval)
            close_old_connections()
            try:
                recover_abandoned_tasks()
            except DatabaseError:
                logger.warning("Could not look for tasks left running; trying again in %s s.", interval)
            finally:
                connection.close()  # this thread's own

    thread = threading.Thread(target=look_again, name="abandoned-task-recovery", daemon=True)
    thread.start()
    return thread
