#!/usr/bin/env python3
"""Mixed-workload load test against the production-style server, on loopback only.

    .venv/bin/python scripts/load_test.py [--users 50] [--seconds 60] [--generate 100000]
    .venv/bin/python scripts/load_test.py --url http://127.0.0.1:8100 [--users 50] [--seconds 60]

Without --url it serves the benchmark's throw-away data (scripts/bench_search.py: the SQLite file
under var/bench/ and the `bench-content` index, never the developer's own): the demo network plus
--generate N generated knowledge items, reused when the bench database already holds them and
indexed again only when the index does not match the database. It then starts gunicorn with the
production settings on 127.0.0.1:8100 (static files from whitenoise, compressed and
cache-busted), and stops it afterwards.

The workload mixes pages (home, meeting, resolution, knowledge listing with and without
filters, knowledge items discovered through the search API), the search page with facet filters,
the search API, the read API and a static file. Before the load starts, one URL of every kind
must answer 200. It prints throughput, p50/p95/p99 latency per kind of request, and the errors.
Every loop is bounded in requests and time and targets 127.0.0.1 only.

Each user is a person: it asks for a page, reads it for a moment (--think, by default 1 to 3
seconds, drawn at random), then asks for the next; users start spread over the first think
time. `--think 0` makes every user ask again at once, which measures how much the server can
take (its saturation throughput) rather than how 50 people see it.
"""

import argparse
import http.client
import json
import os
import random
import re
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
MAX_SECONDS = 600
CLIENT_TIMEOUT = 10  # seconds
LANGUAGES = ["fa", "en", "zh-hans"]
TARGETS_MS = {"search-api": 100}  # p95; every other kind of page: PAGE_TARGET_MS
PAGE_TARGET_MS = 200

# Persian with letter and ZWNJ variants and digits, Simplified and Traditional Chinese, English.
QUERIES = ["زلزله", "مدیریت بحران", "طرح جامع", "زمین لرزه", "آتش‌سوزی", "كلان‌شهر", "۱۳۹۸", "آموزش همگانی",
           "应急管理", "应急演练", "應急演練", "社區", "安全社区", "颱風",
           "flood", "training", "master plan", "evacuation drill", "epidemic", "risk assessment"]
FACETS = ["", "&type=study", "&type=training", "&hazard=earthquake", "&hazard=flood&hazard=fire",
          "&lang=fa", "&lang=zh", "&phase=preparedness", "&year=2019", "&organisation=tehran",
          "&type=study&hazard=earthquake&lang=fa"]
KNOWLEDGE_FILTERS = ["", "?kind=study", "?hazard=flood", "?kind=training&hazard=earthquake", "?language=zh",
                     "?page=3"]
API_PATHS = ["/api/resolutions/?meeting=9", "/api/meetings/", "/api/knowledge/?hazard=flood"]
MEETINGS = ["7th-meeting-kerman", "8th-meeting-tehran", "9th-meeting-hamedan"]


class Workload:
    """(kind, path) pairs in the proportions people use the portal."""

    def __init__(self, item_urls, resolution_urls, static_path):
        self.item_urls = item_urls
        self.resolution_urls = resolution_urls
        self.static_path = static_path

    def search_query(self):
        query = urllib.parse.quote(random.choice(QUERIES))
        facets = random.choice(FACETS)
        sort = "&sort=date" if random.random() < 0.2 else ""
        return f"q={query}{facets}{sort}"

    def choices(self, lang):
        """(kind, path, weight): what a reader of the portal asks for, and how often."""
        return [
            ("home", f"/{lang}/", 14),
            ("meeting", f"/{lang}/meetings/{random.choice(MEETINGS)}/", 6),
            ("meeting", in_language(random.choice(self.resolution_urls), lang), 8),
            ("listing", f"/{lang}/knowledge/{random.choice(KNOWLEDGE_FILTERS)}", 6),
            ("item-page", in_language(random.choice(self.item_urls), lang), 12),
            ("search-page", f"/{lang}/search/?{self.search_query()}", 14),
            ("search-api", f"/api/search/?{self.search_query()}", 24),
            ("api", random.choice(API_PATHS), 10),
            ("static", self.static_path, 6),
        ]

    def next(self):
        choices = self.choices(random.choice(LANGUAGES))
        kind, path, _weight = random.choices(choices, weights=[c[2] for c in choices])[0]
        return kind, path

    def one_of_each(self):
        """One URL of every kind (and every page template), for the check before the load."""
        seen, urls = set(), []
        for lang in LANGUAGES:
            for kind, path, _weight in self.choices(lang):
                template = re.sub(r"\d+|\?.*", "", path.replace(f"/{lang}/", "/"))
                if (kind, template) not in seen:
                    seen.add((kind, template))
                    urls.append((kind, path))
        return urls + [("item-page", url) for url in self.item_urls[:3]]


def get(host, port, path, timeout=30):
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def local_path(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def in_language(path, lang):
    """The same page in another interface language (/fa/… → /en/…)."""
    segments = path.split("/")
    if len(segments) > 2 and segments[1] in LANGUAGES:
        segments[1] = lang
    return "/".join(segments)


def discover_items(host, port, wanted=150):
    """Public knowledge items' URLs, found the way a reader finds them: through the search API."""
    urls = []
    for query in ["زلزله", "مدیریت بحران", "应急演练", "社区", "flood", "drill", "plan"]:
        for kind in ["study", "training", "report"]:  # knowledge.kinds
            status, body = get(host, port, f"/api/search/?q={urllib.parse.quote(query)}&type={kind}&size=50")
            if status == 200:
                urls += [local_path(hit["url"]) for hit in json.loads(body)["results"] if hit["url"]]
    urls = list(dict.fromkeys(urls))
    random.shuffle(urls)
    return urls[:wanted]


def discover_resolutions(host, port):
    """The ninth meeting's resolutions an anonymous reader may open (some are members-only)."""
    status, body = get(host, port, "/api/resolutions/?meeting=9")
    if status != 200:
        return []
    return [local_path(r["url"]) for r in json.loads(body)["results"] if r.get("url")]


def static_path(host, port):
    """The stylesheet the pages link to (its cache-busted name)."""
    status, body = get(host, port, "/en/")
    match = re.search(rb'href="(/static/[^"]+\.css)"', body) if status == 200 else None
    return match.group(1).decode() if match else "/static/portal/site.css"


def check_urls(host, port, workload):
    """Every kind of request answers 200 before the load starts; returns the failures."""
    failures = []
    for kind, path in workload.one_of_each():
        status, _body = get(host, port, path)
        if status != 200:
            failures.append(f"{status} {kind} {path}")
    return failures


def pause(seconds, deadline):
    time.sleep(max(0.0, min(seconds, deadline - time.monotonic())))


def user_loop(host, port, workload, deadline, results, errors, think):
    connection = http.client.HTTPConnection(host, port, timeout=CLIENT_TIMEOUT)
    pause(random.uniform(0, think[1]), deadline)  # people do not all arrive in the same second
    for _ in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= deadline:
            break
        kind, path = workload.next()
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status >= 400:
                errors[(kind, f"{response.status} {path.split('?')[0]}")] += 1
            else:
                results[kind].append(elapsed)
        except (OSError, http.client.HTTPException) as error:
            errors[(kind, type(error).__name__)] += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=CLIENT_TIMEOUT)
        pause(random.uniform(*think), deadline)
    connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


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
    """gunicorn processes × threads: by default two processes per core plus one, four threads each."""
    cores = os.cpu_count() or 1
    return workers or cores * 2 + 1, threads or 4


def start_server(port, environment, workers, threads):
    env = dict(os.environ, **environment)
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True,
    )
    server = subprocess.Popen(  # noqa: S603
        [python, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--worker-class", "gthread", "--log-level", "warning",
         "--keep-alive", "5", "--timeout", "60"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    for _ in range(120):
        try:
            status, _body = get("127.0.0.1", port, "/en/", timeout=5)
            if status < 500:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.5)
    stop_server(server)
    sys.exit("The server did not start.")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def report(args, layout, item_count, duration, results, errors):
    total = sum(len(v) for v in results.values())
    cores = os.cpu_count()
    think = "none" if args.think[1] == 0 else f"{args.think[0]:g} to {args.think[1]:g} s between requests"
    print(f"{args.users} users (think time: {think}), {duration:.0f} s, {total} successful requests, "
          f"{total / duration:.0f} requests/s, {sum(errors.values())} errors")
    if layout:
        print(f"server: gunicorn, {layout[0]} workers × {layout[1]} threads on {cores} cores; "
              f"{args.generate:,} generated documents + the demo; {item_count} knowledge-item URLs "
              "in the mix")
    print(f"| {'kind':<12} | {'count':>7} | {'errors':>6} | {'p50 ms':>7} | {'p95 ms':>7} "
          f"| {'p99 ms':>7} | {'mean ms':>7} | {'target p95':>10} |")
    print(f"| {'-' * 12} | {'-' * 6}:| {'-' * 5}:| {'-' * 6}:| {'-' * 6}:| {'-' * 6}:| {'-' * 6}:"
          f"| {'-' * 9}:|")
    missed = []
    for kind in sorted(set(results) | {kind for kind, _what in errors}):
        values = results.get(kind, [])
        failed = sum(count for (failed_kind, _what), count in errors.items() if failed_kind == kind)
        target = TARGETS_MS.get(kind, PAGE_TARGET_MS)
        if not values:
            missed.append(kind)
            print(f"| {kind:<12} | {0:>7} | {failed:>6} | {'—':>7} | {'—':>7} | {'—':>7} | {'—':>7} "
                  f"| {'≤ ' + str(target):>10} |")
            continue
        p95 = percentile(values, .95) * 1000
        if p95 > target or failed:
            missed.append(kind)
        p50, p99 = percentile(values, .5) * 1000, percentile(values, .99) * 1000
        mean = statistics.mean(values) * 1000
        print(f"| {kind:<12} | {len(values):>7} | {failed:>6} | {p50:>7.0f} | {p95:>7.0f} | {p99:>7.0f} "
              f"| {mean:>7.0f} | {'≤ ' + str(target):>10} |")
    for (kind, what), count in sorted(errors.items()):
        print(f"error: {kind}: {what} × {count}")
    if errors:
        print(f"(a request unanswered after {CLIENT_TIMEOUT} s is an error, not a latency)")
    if missed:
        print(f"target missed (p95 or errors): {', '.join(missed)}")


def think_time(text):
    """"1-3" → (1.0, 3.0); "2" → (2.0, 2.0); "0" → no pause."""
    try:
        low, _dash, high = text.partition("-")
        bounds = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give seconds as MIN-MAX, e.g. 1-3, or 0") from None
    if not 0 <= bounds[0] <= bounds[1] <= 60:
        raise argparse.ArgumentTypeError(f"{text!r}: 0 ≤ MIN ≤ MAX ≤ 60 seconds")
    return bounds


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help=f"load duration (at most {MAX_SECONDS})")
    parser.add_argument("--generate", type=int, default=100_000, metavar="N",
                        help="generated knowledge items besides the demo (default 100000; 0: the demo only)")
    parser.add_argument("--url", help="an already running server on 127.0.0.1 (nothing is generated)")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--workers", type=int, help="gunicorn processes (default: 2 × cores + 1)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn process (default 4)")
    parser.add_argument("--think", type=think_time, default=(1.0, 3.0), metavar="MIN-MAX",
                        help="seconds each user waits between requests, drawn between MIN and MAX "
                             "(default 1-3; 0: none, as fast as the server answers)")
    args = parser.parse_args()
    args.seconds = max(1, min(args.seconds, MAX_SECONDS))

    server, layout = None, None
    if args.url:
        parsed = urllib.parse.urlparse(args.url)
        if parsed.hostname not in {"127.0.0.1", "localhost", "::1"}:
            sys.exit("The load test only targets this machine's loopback addresses.")
        host, port = parsed.hostname, parsed.port or 80
    else:
        host, port = "127.0.0.1", args.port
        environment = prepare_bench_data(args.generate)
        layout = server_layout(args.workers, args.threads)
        server = start_server(port, environment, *layout)

    try:
        workload = Workload(discover_items(host, port), discover_resolutions(host, port),
                            static_path(host, port))
        if not workload.item_urls or not workload.resolution_urls:
            sys.exit("The APIs found no knowledge items or resolutions: is the demo loaded and indexed?")
        failures = check_urls(host, port, workload)
        if failures:
            sys.exit("Not every kind of request answers 200:\n" + "\n".join(failures))

        results, errors = defaultdict(list), defaultdict(int)
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=user_loop,
                                    args=(host, port, workload, deadline, results, errors, args.think))
                   for _ in range(args.users)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 30)
        duration = time.monotonic() - started
    finally:
        if server is not None:
            stop_server(server)

    report(args, layout, len(workload.item_urls), duration, results, errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
