#!/usr/bin/env python3
"""Mixed-workload load test against the production-style server, on loopback only.

    .venv/bin/python scripts/load_test.py [--users 50] [--seconds 60] [--url http://127.0.0.1:8100]

Without --url it starts gunicorn with the production settings on 127.0.0.1:8100 (static files served
by whitenoise), against the current database and search engine, and stops it afterwards. It prints
throughput, p50/p95/p99 latency per kind of request, and the errors. Every loop is bounded in
requests and time and targets 127.0.0.1 only.
"""

import argparse
import http.client
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS_PER_USER = 100_000

QUERIES = ["زلزله", "مدیریت بحران", "طرح جامع", "应急管理", "社區", "安全社区", "flood", "training",
           "master plan", "۱۳۹۱", "epidemic", "آموزش همگانی"]


def workload():
    """(kind, path) pairs in the proportions people use the portal."""
    query = urllib.parse.quote(random.choice(QUERIES))
    lang = random.choice(["fa", "en", "zh-hans"])
    return random.choices(
        [
            ("page", f"/{lang}/"),
            ("page", f"/{lang}/meetings/9th-meeting-hamedan/"),
            ("page", f"/{lang}/meetings/9th-meeting-hamedan/resolutions/{random.randint(1, 9)}/"),
            ("page", f"/{lang}/knowledge/"),
            ("search-page", f"/{lang}/search/?q={query}"),
            ("search-api", f"/api/search/?q={query}"),
            ("search-api", f"/api/search/?q={query}&type=study&lang=fa"),
            ("api", "/api/resolutions/?meeting=9"),
        ],
        weights=[20, 10, 10, 8, 12, 25, 10, 5],
    )[0]


def user_loop(host, port, deadline, results, errors):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    for _ in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= deadline:
            break
        kind, path = workload()
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status >= 400:
                errors[f"{response.status} {path.split('?')[0]}"] += 1
            else:
                results[kind].append(elapsed)
        except (OSError, http.client.HTTPException) as error:
            errors[type(error).__name__] += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def start_server(port):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.production",
               SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", LOG_LEVEL="WARNING")
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run([python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    workers = str(os.cpu_count() * 2 + 1)
    server = subprocess.Popen(  # noqa: S603
        [python, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", workers,
         "--threads", "4", "--worker-class", "gthread", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    for _ in range(120):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/en/")
            if connection.getresponse().status < 500:
                return server
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    sys.exit("The server did not start.")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--url", help="an already running server on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    args.seconds = min(args.seconds, 600)

    server = None
    if args.url:
        parsed = urllib.parse.urlparse(args.url)
        if parsed.hostname not in {"127.0.0.1", "localhost", "::1"}:
            sys.exit("The load test only targets this machine's loopback addresses.")
        host, port = parsed.hostname, parsed.port or 80
    else:
        host, port = "127.0.0.1", args.port
        server = start_server(port)

    results, errors = defaultdict(list), defaultdict(int)
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=user_loop, args=(host, port, deadline, results, errors))
               for _ in range(args.users)]
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 30)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    duration = time.monotonic() - started

    total = sum(len(v) for v in results.values())
    print(f"{args.users} users, {duration:.0f} s, {total} successful requests, "
          f"{total / duration:.0f} requests/s, {sum(errors.values())} errors")
    print(f"{'kind':<12} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for kind, values in sorted(results.items()):
        print(f"{kind:<12} {len(values):>7} {percentile(values, .5) * 1000:>8.0f} "
              f"{percentile(values, .95) * 1000:>8.0f} {percentile(values, .99) * 1000:>8.0f} "
              f"{statistics.mean(values) * 1000:>8.0f}")
    for error, count in sorted(errors.items()):
        print(f"error: {error} × {count}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
