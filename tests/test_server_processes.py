"""gunicorn.conf.py: each server process reads a few pages before its first reader."""

import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from django.core.signals import request_started

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_a_new_process_reads_every_warm_up_page_before_serving(site_tree, settings, caplog):
    settings.ELASTICSEARCH_URL = ""  # without the engine the searches are left out
    config = runpy.run_path(str(CONFIG))
    asked = []

    def count(sender, environ=None, **kwargs):
        asked.append(environ["PATH_INFO"])

    request_started.connect(count)
    try:
        with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
            config["post_worker_init"](SimpleNamespace(pid=1))
    finally:
        request_started.disconnect(count)
    assert asked == [path.split("?")[0] for path in config["WARM_UP_PATHS"]]
    assert not [record for record in caplog.records if "Warm-up" in record.getMessage()]


def test_a_page_that_fails_during_the_warm_up_is_reported_and_the_process_starts(db, settings, caplog):
    # No site at all: the pages cannot be served, and the process must start all the same.
    settings.ELASTICSEARCH_URL = ""
    config = runpy.run_path(str(CONFIG))
    with caplog.at_level(logging.INFO, logger="gunicorn.error"):
        config["post_worker_init"](SimpleNamespace(pid=1))
    assert any("before serving" in record.getMessage() for record in caplog.records)


def test_processes_and_threads_follow_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    config = runpy.run_path(str(CONFIG))
    assert (config["workers"], config["threads"], config["preload_app"]) == (3, 8, True)
