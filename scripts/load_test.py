#!/usr/bin/env python3
"""Mixed-workload load test against the production-style server, on loopback only, driven by locust.

    .venv/bin/python scripts/load_test.py [--users 50] [--seconds 60] [--think 1-3] [--generate 100000]
    .venv/bin/python scripts/load_test.py --url http://127.0.0.1:8100 [--users 50] [--seconds 60]

Without --url it serves the benchmark's throw-away data (scripts/bench_search.py: the SQLite file
under var/bench/ and the `bench-content` index, never the developer's own): the demo network plus
--generate N generated knowledge items, reused when the bench database already holds them and
indexed again only when the index does not match the database. It then starts gunicorn with the
production settings on 127.0.0.1:8100 (static files from whitenoise, compressed and
cache-busted), and stops it afterwards.

The workload is bench/locustfile.py, run headless: the home page, meeting and resolution pages, the
knowledge listing with and without filters, knowledge items discovered through the search API, the
search page with facet filters, the search API, the read API and a static file. Before the load
starts, one URL of every kind must answer 200. Each user waits --think seconds between requests (by
default 1 to 3, drawn at random); `--think 0` measures how much the server can take (saturation).
It prints throughput, p50/p95/p99 latency per kind of request (locust's percentiles: milliseconds
below 100 ms, rounded to 10 ms above) and the errors. Everything is bounded in time and targets
127.0.0.1 only.
"""

import argparse
import csv
import os
import re
import runpy
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
MAX_SECONDS = 600
# Discovering the URLs and checking one of each before the load, and stopping after it.
LOCUST_GRACE_SECONDS = 180
CHECK_FAILED_EXIT_CODE = 3  # bench/locustfile.py: a kind of request did not answer 200
TARGETS_MS = {"search-api": 100}  # p95; every other kind of page: PAGE_TARGET_MS
PAGE_TARGET_MS = 200
IDLE_WAIT_SECONDS = 60


def get_status(port, path, timeout=5):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def prepare_bench_data(documents):
    """The bench database with the demo plus `documents` items, and an index that matches it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_search as bench

    environment = bench.setup_django()
    bench.prepare_database(documents, reuse=True)
    client = bench.engine_client()
    if bench.index_is_current(client):
        bench.say("The bench index matches the database: reused.")
    else:
        bench.say("Indexing (search_index rebuild)…")
        total, seconds, _counts = bench.rebuild_index(client)
        bench.say(f"  {total:,} documents in {seconds:.0f} s")
    from django.db import connections

    connections.close_all()  # the server opens its own
    return environment


def server_layout(workers, threads):
    """gunicorn processes × threads: the given ones, else gunicorn.conf.py's defaults."""
    environment = dict(os.environ)
    os.environ.update({"GUNICORN_WORKERS": str(workers or ""), "GUNICORN_THREADS": str(threads or "")})
    try:
        config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(environment)
    return config["workers"], config["threads"]


def server_environment(port):
    """What a production server refuses to start without: its address and mail that could go out.

    Reading pages sends no mail; were one sent, it would go to a closed port on this machine.
    """
    return {
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",
    }


def start_server(port, environment, workers, threads):
    env = dict(os.environ, **environment, **server_environment(port))
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True,
    )
    server = subprocess.Popen(  # noqa: S603 - gunicorn.conf.py holds the rest of its settings
        [python, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    for _ in range(120):
        try:
            if get_status(port, "/en/") < 500:
                wait_until_idle(server)  # every process has read its warm-up pages
                return server
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.5)
    stop_server(server)
    sys.exit("The server did not start.")


def cpu_seconds(group):
    """CPU time used so far by the processes of this process group."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_idle(server, limit=IDLE_WAIT_SECONDS):
    """Until the server's processes use less than a tenth of a core (at most `limit` seconds)."""
    deadline = time.monotonic() + limit
    used = cpu_seconds(server.pid)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(server.pid)
        if now - used < 0.1:
            return
        used = now


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def run_locust(base_url, users, seconds, think, folder):
    """bench/locustfile.py headless against base_url; returns (exit code, CSV prefix)."""
    prefix = Path(folder) / "load"
    command = [
        str(ROOT / ".venv" / "bin" / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", base_url,
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "10",
        "--think", think, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--exit-code-on-error", "0",
    ]
    locust = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True)  # noqa: S603
    try:
        code = locust.wait(timeout=seconds + LOCUST_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(locust.pid, signal.SIGKILL)
        locust.wait()
        sys.exit(f"locust did not finish within {seconds + LOCUST_GRACE_SECONDS} s.")
    return code, prefix


def read_stats(prefix):
    """Per kind: requests, failures, p50, p95, p99 and mean (ms); and the whole run's requests/s."""
    kinds, throughput = {}, 0.0
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["Name"] == "Aggregated":
                throughput = float(row["Requests/s"])
                continue
            count = int(row["Request Count"])
            kinds[row["Name"]] = {
                "count": count, "failures": int(row["Failure Count"]),
                "p50": int(row["50%"] or 0), "p95": int(row["95%"] or 0), "p99": int(row["99%"] or 0),
                "mean": float(row["Average Response Time"] or 0),
            }
    errors = Counter()
    with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):  # one row per URL: counted per kind and error instead
            errors[(row["Name"], re.sub(r"'https?://[^']*'", "…", row["Error"]))] += int(row["Occurrences"])
    return kinds, throughput, sorted((kind, error, count) for (kind, error), count in errors.items())


def report(args, layout, kinds, throughput, errors):
    successful = sum(k["count"] - k["failures"] for k in kinds.values())
    failed = sum(k["failures"] for k in kinds.values())
    think = "none" if args.think == "0" else f"{args.think.replace('-', ' to ')} s between requests"
    print(f"{args.users} users (think time: {think}), {args.seconds} s, {successful} successful requests, "
          f"{throughput:.0f} requests/s, {failed} errors")
    if layout:
        print(f"server: gunicorn, {layout[0]} workers × {layout[1]} threads on {os.cpu_count()} cores; "
              f"{args.generate:,} generated documents + the demo")
    print(f"| {'kind':<12} | {'count':>7} | {'errors':>6} | {'p50 ms':>7} | {'p95 ms':>7} "
          f"| {'p99 ms':>7} | {'mean ms':>7} | {'target p95':>10} |")
    print(f"| {'-' * 12} | {'-' * 6}:| {'-' * 5}:| {'-' * 6}:| {'-' * 6}:| {'-' * 6}:| {'-' * 6}:"
          f"| {'-' * 9}:|")
    missed = []
    for kind, stats in sorted(kinds.items()):
        target = TARGETS_MS.get(kind, PAGE_TARGET_MS)
        if stats["p95"] > target or stats["failures"] or not stats["count"]:
            missed.append(kind)
        print(f"| {kind:<12} | {stats['count']:>7} | {stats['failures']:>6} | {stats['p50']:>7} | {stats['p95']:>7} "
              f"| {stats['p99']:>7} | {stats['mean']:>7.0f} | {'≤ ' + str(target):>10} |")
    for kind, error, count in errors:
        print(f"error: {kind}: {error} × {count}")
    if errors:
        print("(a request unanswered after 10 s is an error, not a latency)")
    if missed:
        print(f"target missed (p95 or errors): {', '.join(missed)}")
    return missed


def think_time(text):
    """"1-3", "2" or "0", checked: seconds between a user's requests, as bench/locustfile.py reads them."""
    try:
        low, _dash, high = text.partition("-")
        bounds = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give seconds as MIN-MAX, e.g. 1-3, or 0") from None
    if not 0 <= bounds[0] <= bounds[1] <= 60:
        raise argparse.ArgumentTypeError(f"{text!r}: 0 ≤ MIN ≤ MAX ≤ 60 seconds")
    return "0" if bounds[1] == 0 else f"{bounds[0]:g}-{bounds[1]:g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help=f"load duration (at most {MAX_SECONDS})")
    parser.add_argument("--generate", type=int, default=100_000, metavar="N",
                        help="generated knowledge items besides the demo (default 100000; 0: the demo only)")
    parser.add_argument("--url", help="an already running server on 127.0.0.1 (nothing is generated)")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--workers", type=int, help="gunicorn processes (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn process (default: gunicorn.conf.py's)")
    parser.add_argument("--think", type=think_time, default="1-3", metavar="MIN-MAX",
                        help="seconds each user waits between requests, drawn between MIN and MAX "
                             "(default 1-3; 0: none, as fast as the server answers)")
    args = parser.parse_args()
    args.seconds = max(1, min(args.seconds, MAX_SECONDS))
    args.users = max(1, args.users)

    server, layout = None, None
    if args.url:
        parsed = urllib.parse.urlparse(args.url)
        if parsed.hostname not in {"127.0.0.1", "localhost", "::1"}:
            sys.exit("The load test only targets this machine's loopback addresses.")
        base_url = f"http://{parsed.netloc}"
    else:
        base_url = f"http://127.0.0.1:{args.port}"
        environment = prepare_bench_data(args.generate)
        layout = server_layout(args.workers, args.threads)
        server = start_server(args.port, environment, *layout)

    try:
        with tempfile.TemporaryDirectory(prefix="load-test-") as folder:
            code, prefix = run_locust(base_url, args.users, args.seconds, args.think, folder)
            if code == CHECK_FAILED_EXIT_CODE:
                sys.exit("The load did not start: see the check above.")
            if code != 0:
                sys.exit(f"locust stopped with exit code {code}.")
            kinds, throughput, errors = read_stats(prefix)
    finally:
        if server is not None:
            stop_server(server)

    report(args, layout, kinds, throughput, errors)
    return 1 if errors or not kinds else 0


if __name__ == "__main__":
    sys.exit(main())
