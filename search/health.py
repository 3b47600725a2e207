"""The search app's parts of /healthz/ (portal/health.py): the engine, and the changes waiting for it."""

import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min
from django.utils import timezone
from elastic_transport import ConnectionError as EngineConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import ApiError
from health_check.exceptions import ServiceUnavailable

from portal.health import Part, seconds_since

from . import conf
from .client import ENGINE_ERRORS, get_client
from .models import PendingIndexChange

# Seconds one node may take to say how the cluster is: a poll must not wait on an engine away.
ENGINE_TIMEOUT = 1


@dataclasses.dataclass
class SearchEngine(Part):
    """The cluster's health: green or yellow (every shard has a copy to answer) is well, red is not.

    Yellow (a replica missing: a node of two is away) still answers every search, so it is
    reported, not failed. Without ELASTICSEARCH_URL the portal searches its database by design.
    """

    name = "search_engine"
    timeout = datetime.timedelta(seconds=3)

    def run(self):
        hosts = conf.engine_hosts()
        self.facts["configured"] = bool(hosts)
        if not hosts:
            return
        # One try per node: with several, a node away must not fail the check.
        client = get_client().options(request_timeout=ENGINE_TIMEOUT, max_retries=len(hosts) - 1)
        try:
            health = client.cluster.health(filter_path="status,number_of_nodes,number_of_data_nodes")
        except ConnectionTimeout as exc:
            raise ServiceUnavailable(f"no answer within {ENGINE_TIMEOUT} s") from exc
        except EngineConnectionError as exc:
            raise ServiceUnavailable("unreachable") from exc
        except ApiError as exc:
            raise ServiceUnavailable(f"refused the request (HTTP {exc.meta.status})") from exc
        except ENGINE_ERRORS as exc:
            raise ServiceUnavailable("unreachable") from exc
        self.facts.update(cluster=health.get("status"), nodes=health.get("number_of_nodes"),
                          data_nodes=health.get("number_of_data_nodes"))
        if health.get("status") not in ("green", "yellow"):
            raise ServiceUnavailable("the cluster is red: some of the index has no copy to answer from")


@dataclasses.dataclass
class IndexQueue(Part):
    """Changes the index has not taken yet (PendingIndexChange), and how long the oldest has waited.

    They wait while the engine is away and are replayed when it is back (`search_index sync`, or
    the next write or search); one older than HEALTH_INDEX_QUEUE_MAX_AGE seconds fails the check.
    """

    name = "index_queue"

    async def run(self):
        await sync_to_async(self.measure)()

    def measure(self):
        now = timezone.now()
        try:
            found = PendingIndexChange.objects.aggregate(waiting=Count("pk"), since=Min("created_at"))
        except DatabaseError as exc:
            raise ServiceUnavailable("the database cannot be read") from exc
        self.facts.update(waiting=found["waiting"], oldest_seconds=seconds_since(found["since"], now))
        limit = int(getattr(settings, "HEALTH_INDEX_QUEUE_MAX_AGE", 1800))
        if found["since"] is not None and self.facts["oldest_seconds"] > limit:
            raise ServiceUnavailable(f"a change has waited more than {limit} seconds for the search index")
