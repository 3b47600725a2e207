"""The load test's workload (bench/locustfile.py) runs against a live server and every kind answers.

A few readers without pauses for a few seconds, on a small site indexed in the real engine: enough
for every kind of request to be asked for, not a measurement.
"""

import csv
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from knowledge.factories import add_item
from portal.factories import HazardFactory, PhaseFactory
from resolutions.factories import ResolutionFactory, add_meeting
from search.tests.conftest import Engine, engine_url

ROOT = Path(__file__).resolve().parent.parent.parent
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
KINDS = {"home", "meeting", "listing", "item-page", "search-page", "search-api", "api", "static"}

pytestmark = pytest.mark.search_engine


@pytest.fixture
def reading_world(transactional_db, django_db_serialized_rollback, site_tree, orgs, settings):
    """What the workload asks for, at its smallest: the three meetings it names (a public resolution
    in the ninth), items the discovery searches find, indexed under a prefix of their own (deleted
    afterwards). The live server runs in this process and reads the same settings."""
    from search import versions
    from search.client import get_client

    settings.ELASTICSEARCH_URL = engine_url()
    settings.SEARCH_INDEX_PREFIX = f"test-load-{uuid.uuid4().hex[:12]}"
    for slug in ["earthquake", "flood", "fire"]:  # the hazards and the phase the workload filters by
        HazardFactory(slug=slug)
    PhaseFactory(slug="preparedness")
    for number, slug in [(7, "7th-meeting-kerman"), (8, "8th-meeting-tehran"), (9, "9th-meeting-hamedan")]:
        meeting = add_meeting(site_tree["meetings"], number, slug=slug)
    ResolutionFactory(meeting=meeting, number=1, owners=[orgs["tehran"]], text="Rehearse the flood plan")
    for kind, title in [("study", "Flood plan for the river district"), ("training", "Evacuation drill for schools")]:
        add_item(site_tree["knowledge"], orgs["tehran"], title=title, kind=kind)
    client = get_client()
    engine = Engine(client=client, prefix=settings.SEARCH_INDEX_PREFIX)
    try:
        versions.swap_alias(client, versions.create_version(client))
        engine.reindex()
        yield engine
    finally:
        engine.delete_all_versions()


def run_locust(url, folder, seconds=5, users=4):
    command = [
        str(Path(sys.executable).parent / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", url,
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "5",
        "--think", "0", "--csv", str(folder / "load"), "--only-summary", "--loglevel", "ERROR",
    ]
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    # Its output to files, not pipes: the time limit is then kept whatever locust leaves running.
    with open(folder / "stdout.txt", "w+") as stdout, open(folder / "stderr.txt", "w+") as stderr:
        finished = subprocess.run(command, cwd=ROOT, env=environment, stdout=stdout, stderr=stderr,  # noqa: S603
                                  timeout=seconds + 60)
        stdout.seek(0)
        stderr.seek(0)
        return subprocess.CompletedProcess(command, finished.returncode, stdout.read(), stderr.read())


def stats_per_kind(folder):
    with open(folder / "load_stats.csv", newline="", encoding="utf-8") as file:
        return {row["Name"]: (int(row["Request Count"]), int(row["Failure Count"]))
                for row in csv.DictReader(file) if row["Name"] != "Aggregated"}


def test_every_kind_of_request_in_the_mix_answers_200(reading_world, live_server, tmp_path):
    from django.db import connection

    # With SQLite in memory the live server's request threads share the test's one connection:
    # two requests at once can deadlock (one waits for SQLite's lock holding Python's, the other
    # the reverse), and once held a whole test run. One reader, longer, asks for every kind too.
    concurrent = connection.vendor != "sqlite"
    finished = run_locust(live_server.url, tmp_path, seconds=5 if concurrent else 12, users=4 if concurrent else 1)

    assert finished.returncode == 0, finished.stderr[-3000:]
    stats = stats_per_kind(tmp_path)
    assert set(stats) == KINDS
    assert {kind: failures for kind, (_count, failures) in stats.items() if failures} == {}
    assert all(count > 0 for count, _failures in stats.values())


def test_the_load_stops_before_it_starts_when_nothing_is_there_to_read(transactional_db, django_db_serialized_rollback,
                                                                       live_server, tmp_path):
    # An empty site: nothing to discover, so the check refuses and no load is sent.
    finished = run_locust(live_server.url, tmp_path, seconds=3, users=1)

    assert finished.returncode == 3, finished.stderr[-3000:]
    assert "no knowledge items or resolutions" in finished.stderr
