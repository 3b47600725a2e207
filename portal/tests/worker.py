"""The database task backend and its worker, inside a test (the suite's settings run tasks at once).

`database_tasks` switches the test to `django_tasks_db.DatabaseBackend` on a committed database
(the worker reads what the request committed, as in production) and returns `run_worker`, which
runs the same worker loop as `manage.py db_worker --batch`: every task waiting, then it returns.
"""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """Run every task that waits in the database; return how many ran."""
    before = DBTaskResult.objects.exclude(status=TaskResultStatus.READY).count()
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()
    return DBTaskResult.objects.exclude(status=TaskResultStatus.READY).count() - before


def waiting(task_path):
    """Tasks of this function (its module path) that no worker has run yet."""
    return DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY)


@pytest.fixture
def database_tasks(settings, transactional_db, django_db_serialized_rollback):
    settings.TASKS = DATABASE_BACKEND
    return run_worker
