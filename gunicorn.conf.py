"""gunicorn's settings for the portal (read from the directory gunicorn starts in; flags override them).

    gunicorn portal.wsgi            # behind the TLS proxy, from the project's directory

Processes × threads: two processes per core plus one, four threads each (GUNICORN_WORKERS,
GUNICORN_THREADS). The application is loaded once, before the processes are forked, so they share
its code instead of importing it five times. Each process then reads a few pages before it takes
its first reader: the first request of a fresh process otherwise pays for compiling templates,
loading four languages' catalogues and building the thesaurus matcher (two to three seconds),
and readers would meet that after every restart.
"""

import logging
import os
import time
from urllib.parse import urlsplit

wsgi_app = "portal.wsgi"
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS") or (os.cpu_count() or 1) * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
preload_app = True
keepalive = 5
timeout = 60

# One page per language, the knowledge listing, and searches in each script (engine, analyzers,
# thesaurus); the reader's audience is the public.
WARM_UP_PATHS = ["/fa/", "/en/", "/zh-hans/", "/zh-hant/", "/fa/knowledge/", "/api/meetings/"]
WARM_UP_SEARCHES = ["/fa/search/?q=%D8%B2%D9%84%D8%B2%D9%84%D9%87", "/en/search/?q=flood",
                    "/api/search/?q=%E5%BA%94%E6%80%A5"]

log = logging.getLogger("gunicorn.error")


def pre_fork(server, worker):
    """No database connection opened while loading crosses into the processes."""
    from django.db import connections

    connections.close_all()


def post_worker_init(worker):
    """Read a few pages in this process before it accepts requests (see above)."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    started = time.perf_counter()
    base = urlsplit(getattr(settings, "PORTAL_BASE_URL", "") or "http://127.0.0.1")
    client = Client(HTTP_HOST=base.netloc or "127.0.0.1", HTTP_X_FORWARDED_PROTO=base.scheme or "http")
    paths = WARM_UP_PATHS + (WARM_UP_SEARCHES if settings.ELASTICSEARCH_URL else [])
    for path in paths:
        try:
            client.get(path, secure=base.scheme == "https")
        except Exception as error:  # noqa: BLE001 - a page that fails here fails for readers too, and says so
            log.warning("Warm-up of %s failed: %s", path, error)
    connections.close_all()
    log.info("Worker %s read %d pages in %.1f s before serving", worker.pid, len(paths),
             time.perf_counter() - started)
