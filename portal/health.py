"""/healthz/: is the portal well? JSON for monitors and load balancers, 200 when it is, 503 when not.

Built on django-health-check: each part is one of its checks (a `Part`, which also says what it
saw), run side by side with a time limit each. The ground checks the database and the background
worker; the project wires in the search app's parts (portal/urls.py). The answer is kept a few
seconds (HEALTH_CACHE_SECONDS), so polling every few seconds costs the engine and the database
almost nothing. Nothing in it names a host, an address or a credential: failures are described in
a few fixed words (a driver's own message would name the server).
"""

import asyncio
import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from portal import worker

CACHE_KEY = "portal:healthz"


def cache_seconds():
    return float(getattr(settings, "HEALTH_CACHE_SECONDS", 3))


def seconds_since(moment, now=None):
    return None if moment is None else max(0, round(((now or timezone.now()) - moment).total_seconds()))


@dataclasses.dataclass
class Part(HealthCheck):
    """A check that also reports what it saw (`facts`: counts, ages, colours), beside its verdict.

    `name` is its key in the answer. A part that fails raises one of django-health-check's
    exceptions with a message that names no host.
    """

    name = "part"
    timeout = datetime.timedelta(seconds=2)

    def __post_init__(self):
        self.facts = {}


@dataclasses.dataclass
class Database(Part):
    name = "database"

    async def run(self):
        # On the request's own thread and connection: no new connection per poll.
        await sync_to_async(self.select_one)()

    def select_one(self):
        self.facts["vendor"] = connection.vendor
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                answer = cursor.fetchone()
        except DatabaseError as exc:
            raise ServiceUnavailable("unreachable") from exc
        if tuple(answer or ()) != (1,):
            raise ServiceUnavailable("unexpected answer")


@dataclasses.dataclass
class Worker(Part):
    """The background worker (django-tasks with its database backend), when the portal has one.

    A worker that is down or stuck shows as tasks waiting: the oldest ready task's wait, from the
    moment it could run, fails the check past HEALTH_TASK_MAX_WAIT seconds. A task still marked
    running after its worker stopped (portal.worker: a worker gives such tasks back when it starts)
    is counted apart and fails the check too.
    """

    name = "worker"
    APP = "django_tasks_db"

    async def run(self):
        await sync_to_async(self.measure)()

    def measure(self):
        self.facts["configured"] = apps.is_installed(self.APP)
        if not self.facts["configured"]:
            return
        from django_tasks_db.models import DBTaskResult, get_date_max

        now = timezone.now()
        # A task given no start time has run_after at the end of time, and waits from its enqueuing.
        waiting_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        try:
            found = DBTaskResult.objects.ready().aggregate(waiting=Count("pk"), since=Min(waiting_since))
        except DatabaseError as exc:
            raise ServiceUnavailable("its tables cannot be read (migrate?)") from exc
        self.facts.update(waiting=found["waiting"], oldest_waiting_seconds=seconds_since(found["since"], now))
        self.facts.update(running=DBTaskResult.objects.running().count(),
                          abandoned=len(worker.abandoned_tasks(now)))
        limit = int(getattr(settings, "HEALTH_TASK_MAX_WAIT", 300))
        if found["since"] is not None and self.facts["oldest_waiting_seconds"] > limit:
            raise ServiceUnavailable(f"a task has waited more than {limit} seconds for a worker")
        if self.facts["abandoned"]:
            raise ServiceUnavailable("a task is still marked running after its worker stopped")


class HealthView(HealthCheckView):
    """Every part's verdict and facts as JSON; 503 as soon as one part fails."""

    checks = (Database, Worker)

    async def get(self, request, *args, **kwargs):
        answer = await cache.aget(CACHE_KEY)
        if answer is None:
            answer = await self.fresh_answer()
            await cache.aset(CACHE_KEY, answer, cache_seconds())
        response = JsonResponse(answer, status=200 if answer["status"] == "ok" else 503,
                                json_dumps_params={"ensure_ascii": False})
        response._csp_exempt = True  # django-csp: a policy means nothing on JSON that no browser renders
        return response

    async def fresh_answer(self):
        """Every part checked now, side by side (the answer `get` keeps a few seconds)."""
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        return self.report(results)

    @staticmethod
    def report(results):
        parts = {}
        for result in results:
            check = result.check
            part = {"ok": result.error is None, **getattr(check, "facts", {}), "seconds": round(result.time_taken, 3)}
            if result.error is not None:
                part["error"] = result.error.message
            parts[getattr(check, "name", type(check).__name__)] = part
        return {
            "status": "ok" if all(part["ok"] for part in parts.values()) else "failing",
            "checked_at": timezone.now().isoformat(timespec="seconds"),
            "parts": parts,
        }
