#!/usr/bin/env python3
"""Search benchmark: generate documents, bulk-index them, time the engine against the database.

    .venv/bin/python scripts/bench_search.py [--documents 100000] [--queries 300] [--fallback-queries 200]
                                             [--reuse] [--seed 0] [--rounds 3]

It works on a throw-away database and index of its own, never on the developer's data: the SQLite
file, media and cache under var/bench/, and Elasticsearch indices named `bench-content-*` on
ELASTICSEARCH_URL (default http://127.0.0.1:9200). The database holds the demo network plus N
generated knowledge items (bench/corpus.py). Without --reuse it is deleted and built again;
with --reuse it is kept when it already holds N items of the same seed (generating is the slow
part) and topped up when it holds fewer.

It prints the machine, N, the indexing throughput of `search_index rebuild` (versions.rebuild:
read the database, prepare, bulk-index, refresh, swap the alias; run twice and both timed: a
node started shortly before is slower while it compiles its analysis code), the index size from
the engine's statistics, and p50/p95/p99 latencies of one mixed query set, with facets, through the
function the search page calls (search.service.search): every query with the engine, the first
--fallback-queries of them forced into database mode (seconds each at 100,000 documents), and
the ratio on those same queries. Then the same public items go into a plain standard-analyzer
index and into Wagtail's own Elasticsearch backend with its default settings, and the three
systems are timed query by query on the same node, --rounds times over (p50/p95, overall, by the
script each query is written in and by the facets the portal's query chose; --no-peers skips it):
once with the engine's request cache, as readers meet it, and once without it for any system
(`without_request_cache` says why).
The report
goes to stdout (tables in Markdown), progress to stderr.
"""

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "db.sqlite3"
CORPUS_MARKER = BENCH_DIR / "corpus.json"
INDEX_PREFIX = "bench"
DEFAULT_ENGINE_URL = "http://127.0.0.1:9200"
WARM_UP_QUERIES = 10
MERGES_WAIT_SECONDS = 120


def say(message):
    print(message, file=sys.stderr, flush=True)


def bench_environment():
    """Environment that points Django (and a server started with it) at the bench data only.

    Set, not defaulted: a DATABASE_URL or SEARCH_INDEX_PREFIX in the caller's environment must not
    lead the benchmark to the developer's own database or index.
    """
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "CACHE_DIR": str(BENCH_DIR / "cache"),
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "ELASTICSEARCH_URL": os.environ.get("ELASTICSEARCH_URL") or DEFAULT_ENGINE_URL,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def setup_django():
    environment = bench_environment()
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return environment


def wipe():
    """Delete the bench database and media (Django must not have connected yet)."""
    from django.db import connections

    connections.close_all()
    for path in (DATABASE, Path(f"{DATABASE}-wal"), Path(f"{DATABASE}-shm"), CORPUS_MARKER):
        path.unlink(missing_ok=True)
    shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
    shutil.rmtree(BENCH_DIR / "cache", ignore_errors=True)  # pages cached from the old data


def prepare_database(documents, seed=0, reuse=True):
    """The demo network plus `documents` generated items; returns (seconds spent, items added)."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from bench import corpus as benchmark
    from knowledge.models import KnowledgeIndexPage

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker = read_marker()
    if not reuse or marker.get("seed") != seed or marker.get("version") != benchmark.CORPUS_VERSION:
        wipe()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    index_page = KnowledgeIndexPage.objects.first()
    if index_page is None:
        say("Loading the demo network…")
        with override_settings(ELASTICSEARCH_URL=""):  # indexed below, all at once
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        index_page = KnowledgeIndexPage.objects.get()
    present = benchmark.generated_count(index_page)
    if present > documents:
        say(f"The bench database holds {present:,} generated items, more than {documents:,}: starting again.")
        wipe()
        return prepare_database(documents, seed, reuse=False)
    added = documents - present
    if added:
        say(f"Generating {added:,} documents (seed {seed})…")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")  # a throw-away database: speed over durability

        def progress(count):
            if count % 10_000 < benchmark.BATCH_SIZE or count == added:
                say(f"  {count:,} / {added:,}")

        benchmark.create_items(index_page, benchmark.generate_items(added, seed, start=present + 1),
                               progress=progress)
    marker = {"seed": seed, "documents": documents, "version": benchmark.CORPUS_VERSION}
    if not added:
        marker["index"] = read_marker().get("index")  # still the index of these rows
    CORPUS_MARKER.write_text(json.dumps(marker))
    return time.perf_counter() - started, added


def engine_client():
    from search import conf
    from search.client import get_client

    return get_client().options(request_timeout=conf.bulk_timeout())


def indexable_count():
    from search import registry

    return sum(t.queryset().count() for t in registry.TYPES)


def read_marker():
    return json.loads(CORPUS_MARKER.read_text()) if CORPUS_MARKER.exists() else {}


def index_is_current(client):
    """The bench alias points at the version built from this database, with all its documents."""
    from search import conf, versions

    built = read_marker().get("index")
    if not built or versions.alias_targets(client) != [built]:
        return False
    return client.count(index=conf.alias_name())["count"] == indexable_count()


def rebuild_index(client):
    """`search_index rebuild`, timed; returns (documents, seconds, count per type)."""
    from search import versions

    started = time.perf_counter()
    result = versions.rebuild(client=client)
    seconds = time.perf_counter() - started
    CORPUS_MARKER.write_text(json.dumps(read_marker() | {"index": result.index}))
    return sum(result.counts.values()), seconds, result.counts


def wait_for_merges(client):
    """Until the engine has merged the new index into one segment, as a rebuild asks it to
    (versions.merge_in_background), or MERGES_WAIT_SECONDS have passed.

    Searches timed during those merges share the two cores with them and measure the merge.
    """
    from search import conf

    deadline = time.monotonic() + MERGES_WAIT_SECONDS
    while time.monotonic() < deadline:
        stats = client.indices.stats(index=conf.alias_name(), metric="merge,segments")["_all"]["primaries"]
        # Until the merge has begun, no merge is current: the segments tell it is still to come.
        if not stats["merges"]["current"] and stats["segments"]["count"] <= 1:
            return
        time.sleep(1)


def index_stats(client):
    from search import conf

    stats = client.indices.stats(index=conf.alias_name())["_all"]["primaries"]
    return stats["docs"]["count"], stats["store"]["size_in_bytes"], stats["segments"]["count"]


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "system": f"{platform.system()} "
            f"{platform.release()}", "python": platform.python_version(), "load": os.getloadavg()}


def engine_description(client):
    # Not info(): the development node answers GET / with 405.
    node = next(iter(client.nodes.info(metric="jvm")["nodes"].values()))
    heap = node["jvm"]["mem"]["heap_max_in_bytes"]
    return f"Elasticsearch {node['version']} (heap {heap / 2**20:.0f} MiB)"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_queries(queries, users, label):
    """Seconds per query through search.service.search, in the given order."""
    from search import service
    from search.results import SearchParams

    def params(query):
        return SearchParams(q=query.q, filters=query.filters, sort=query.sort, page=query.page)

    for query in queries[:WARM_UP_QUERIES]:
        service.search(params(query), users[query.member])
    timings = []
    for number, query in enumerate(queries, 1):
        started = time.perf_counter()
        outcome = service.search(params(query), users[query.member])
        timings.append((time.perf_counter() - started, query, outcome.total, outcome.degraded))
        if number % 50 == 0:
            say(f"  {label}: {number} / {len(queries)}")
    return timings


def peer_documents():
    """The indexed knowledge items as the peers see them: live, public, title and text."""
    from knowledge.models import KnowledgeItem
    from search.prepare import streamfield_text
    from search.text import join_text

    for page in KnowledgeItem.objects.live().public().specific().iterator(chunk_size=2000):
        yield page, {"id": str(page.pk), "title": page.title,
                     "body": join_text(page.summary, page.english_summary, streamfield_text(page))}


def build_peers(client):
    """A plain index and Wagtail's own backend over the same items; returns them and seconds each."""
    from bench.relevance.systems import PlainIndex, WagtailBackend

    plain = PlainIndex(client, f"{INDEX_PREFIX}-plain")
    wagtail = WagtailBackend(os.environ["ELASTICSEARCH_URL"], f"{INDEX_PREFIX}-wagtail-")
    started = time.perf_counter()
    plain.build(document for _page, document in peer_documents())
    plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    wagtail.build(page for page, _document in peer_documents())
    return plain, wagtail, {"plain": plain_seconds, "wagtail": time.perf_counter() - started}


def with_words(queries):
    """The queries the three systems are asked side by side: those with words."""
    return [query for query in queries if query.q]


def in_turn(names, number):
    """The systems in the order the `number`th query asks them: each one place further along."""
    turn = number % len(names)
    return names[turn:] + names[:turn]


def run_interleaved(queries, users, plain, wagtail, rounds):
    """Seconds per query of each system, asked one after the other for every query with words;
    {system: [one list per round]}.

    Interleaved, so a slower minute of the machine weighs on all three alike, and in turns (each
    system asked first, second and third in turn, `in_turn`): a search runs slower right after a
    heavier one (Wagtail's backend, p95 10.4 ms asked alone, took 14.1 ms right after the portal,
    in the same hour), so a fixed order would favour whichever system always follows the lightest.
    The portal answers as its search page does (every facet, highlights, the reader's permissions);
    Wagtail's backend as a plain Wagtail results page would (hits, count, one facet); the plain
    index hits and count.
    The whole set is asked `rounds` times: one pass's p95 is its fifteenth slowest query, which a
    pause of the machine can move by a third.
    """
    from search import service
    from search.results import SearchParams

    asked = with_words(queries)
    timings = {"portal": [], "wagtail": [], "plain": []}
    systems = {
        "portal": lambda query: service.search(
            SearchParams(q=query.q, filters=query.filters, sort=query.sort, page=query.page), users[query.member]),
        "wagtail": lambda query: wagtail.page(query.q),
        "plain": lambda query: plain.page(query.q),
    }
    for round_number in range(1, rounds + 1):
        # The engine's request cache holds the answers of the searches timed before (the portal's
        # facet counts among them): emptied, so no system answers from it what it was not asked
        # in this round.
        plain.client.indices.clear_cache(request=True)
        for seconds in timings.values():
            seconds.append([])
        for number, query in enumerate(asked, 1):
            for name in in_turn(list(systems), number):
                started = time.perf_counter()
                systems[name](query)
                if number > WARM_UP_QUERIES:
                    timings[name][-1].append(time.perf_counter() - started)
            if number % 50 == 0:
                say(f"  three systems, round {round_number} of {rounds}: {number} / {len(asked)}")
    return timings


@contextlib.contextmanager
def without_request_cache(client, indices):
    """No system answers from the engine's request cache while inside: the index setting off for
    `indices` (the cache of counts and facets), and the portal's ranked page no longer asking for it
    (queries.RANKED_PAGE_REQUEST_CACHE). Both are put back on the way out, whatever happens.

    Why the side-by-side comparison is made this way too: Wagtail's backend is asked the words
    alone, and the 282 queries repeat 36 phrasings with different facet choices, so its count and
    facet come from the cache for most of them, while the portal's counts, asked with the reader's
    choices, cannot. Without the cache, each system does each search's whole work."""
    from search import queries

    def setting(value):  # None: the index's default again
        client.indices.put_settings(index=",".join(indices), settings={"index.requests.cache.enable": value})

    asked = queries.RANKED_PAGE_REQUEST_CACHE
    setting(False)
    queries.RANKED_PAGE_REQUEST_CACHE = False
    try:
        yield
    finally:
        setting(None)
        queries.RANKED_PAGE_REQUEST_CACHE = asked


def print_peers(timings, build_seconds, documents, condition):
    rounds = len(timings["portal"])
    print()
    print(f"Side by side on the same node, {condition}: {len(timings['portal'][0])} queries with words, "
          f"interleaved query by query (after warm-up), {rounds} round(s); p50 and p95 over every round, then "
          f"each round's p95:")
    print()
    print(f"| {'system':<58} | {'p50 ms':>7} | {'p95 ms':>7} | {'p95 ms by round':>22} | {'indexing docs/s':>15} |")
    print(f"| {'-' * 58} | {'-' * 6}:| {'-' * 6}:| {'-' * 21}:| {'-' * 14}:|")
    rows = (
        ("the portal (every facet, highlights, permissions)", "portal", None),
        ("Wagtail's Elasticsearch backend (hits, count, one facet)", "wagtail", "wagtail"),
        ("plain standard-analyzer index (hits, count)", "plain", "plain"),
    )
    for label, name, built in rows:
        seconds = [value for one_round in timings[name] for value in one_round]
        by_round = "; ".join(f"{percentile(one_round, .95) * 1000:.1f}" for one_round in timings[name])
        rate = f"{documents / build_seconds[built]:,.0f}" if built else "see above"
        print(f"| {label:<58} | {percentile(seconds, .5) * 1000:>7.1f} | {percentile(seconds, .95) * 1000:>7.1f} "
              f"| {by_round:>22} | {rate:>15} |")
    ratios = [percentile(portal, .95) / percentile(wagtail, .95)
              for portal, wagtail in zip(timings["portal"], timings["wagtail"], strict=True)]
    print()
    print("The portal's p95 ÷ Wagtail's backend's, by round: " + ", ".join(f"{ratio:.2f}" for ratio in ratios))


def script_of(text):
    from portal.textnorm import writes_arabic_script, writes_han

    return "Persian" if writes_arabic_script(text) else "Chinese" if writes_han(text) else "English"


def query_script(query):
    return script_of(query.q)


def facet_choices(query):
    """A query's facet choices, as the groups of `print_grouped` name them."""
    return "none" if not query.filters else "one facet" if len(query.filters) == 1 else "several facets"


GROUPINGS = (
    ("the query's script", query_script, ("Persian", "Chinese", "English")),
    # Wagtail's backend is asked the words alone: its rows show the same words, not the same work.
    ("the portal's facet choices", facet_choices, ("none", "one facet", "several facets")),
)


def print_grouped(timings, queries):
    """p50 / p95 of each system over every round, by the script each query is written in and by
    the facets the portal's query chose: where a gap between the systems comes from."""
    timed = with_words(queries)[WARM_UP_QUERIES:]  # run_interleaved times those after the warm-up
    systems = ("portal", "wagtail", "plain")
    for title, group_of, groups in GROUPINGS:
        print()
        print(f"The same timings by {title}, p50 / p95 ms over every round:")
        print()
        print(f"| {'queries':<14} | {'count':>5} | {'the portal':>13} | {'Wagtail':>13} | {'plain index':>13} |")
        print(f"| {'-' * 14} | {'-' * 4}:| {'-' * 12}:| {'-' * 12}:| {'-' * 12}:|")
        for group in groups:
            positions = [i for i, query in enumerate(timed) if group_of(query) == group]
            cells = []
            for name in systems:
                seconds = [one_round[i] for one_round in timings[name] for i in positions]
                cells.append(f"{percentile(seconds, .5) * 1000:.1f} / {percentile(seconds, .95) * 1000:.1f}"
                             if seconds else "–")
            print(f"| {group:<14} | {len(positions):>5} | " + " | ".join(f"{cell:>13}" for cell in cells) + " |")


def print_report(*, host, engine, documents, total, counts, generated, reused, index_seconds, first_rate, size,
                 segments, queries, engine_timings, fallback_timings):
    from search import conf

    print(f"Machine:   {host['cpu']}, {host['cores']} cores, {host['memory'] / 2**30:.1f} GiB RAM, "
          f"{host['system']}, Python {host['python']}; load average at start "
          f"{' '.join(f'{v:.2f}' for v in host['load'])}")
    print(f"Engine:    {engine}; database SQLite ({DATABASE.relative_to(ROOT)})")
    print(f"Documents: {documents:,} generated + the demo network = {total:,} indexed "
          f"({', '.join(f'{name} {count:,}' for name, count in counts.items() if count)})")
    print(f"Corpus:    {'reused' if reused else f'generated in {generated:.0f} s'}")
    print(f"Indexing:  {total / index_seconds:,.0f} docs/s ({total:,} documents in {index_seconds:.1f} s, "
          f"search_index rebuild, {conf.indexing_processes()} preparing process(es); the one just before it: "
          f"{first_rate:,.0f} docs/s)")
    print(f"Index:     {size / 2**20:,.1f} MiB on disk ({segments} segments)")
    print(f"Queries:   {len(queries)} mixed (Persian with letter, ZWNJ and digit variants, Simplified and "
          "Traditional Chinese, English; words and phrases; with and without facet filters; relevance and "
          "date order; anonymous and member readers), every one with all facets, "
          f"after {WARM_UP_QUERIES} warm-up queries, once the engine had merged the new index")
    print()
    compared = engine_timings[:len(fallback_timings)]
    print(f"| {'mode':<25} | {'queries':>7} | {'p50 ms':>8} | {'p95 ms':>8} | {'p99 ms':>8} "
          f"| {'mean ms':>8} |")
    print(f"| {'-' * 25} | {'-' * 6}:| {'-' * 7}:| {'-' * 7}:| {'-' * 7}:| {'-' * 7}:|")
    rows = {}
    for label, timings in (("Elasticsearch", engine_timings), ("Elasticsearch (same as ↓)", compared),
                           ("database fallback", fallback_timings)):
        if label.startswith("Elasticsearch (") and len(compared) == len(engine_timings):
            continue
        seconds = [t[0] for t in timings]
        rows[label] = [percentile(seconds, .5), percentile(seconds, .95), percentile(seconds, .99),
                       statistics.mean(seconds)]
        figures = " | ".join(f"{v * 1000:>8.1f}" for v in rows[label])
        print(f"| {label:<25} | {len(seconds):>7} | {figures} |")
    engine_row = rows.get("Elasticsearch (same as ↓)", rows["Elasticsearch"])
    ratios = [f / e for f, e in zip(rows["database fallback"], engine_row, strict=True)]
    print(f"| {'fallback ÷ engine':<22} | {len(fallback_timings):>7} | "
          + " | ".join(f"{r:>7.0f}×" for r in ratios) + " |")
    degraded = sum(1 for t in engine_timings if t[3])
    if degraded:
        print(f"\nWarning: {degraded} engine-mode queries were answered by the fallback (engine errors).")
    for label, timings in (("Elasticsearch", engine_timings), ("database fallback", fallback_timings)):
        print(f"\nSlowest with {label}:")
        for seconds, query, hits, _degraded in sorted(timings, key=lambda t: t[0], reverse=True)[:5]:
            print(f"  {seconds * 1000:8.1f} ms  {hits:>7,} hits  {query.describe()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000,
                        help="generated knowledge items (default 100000; 1000000 works, slowly)")
    parser.add_argument("--queries", type=int, default=300, help="queries with the engine (default 300)")
    parser.add_argument("--fallback-queries", type=int, default=200, metavar="N",
                        help="the first N of the same queries in database mode (default 200): at 100,000 "
                             "documents each takes seconds")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the bench database when it already holds these documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-peers", action="store_true",
                        help="skip the side-by-side timing of Wagtail's backend and a plain index")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times the three systems are asked the whole set side by side (default 3)")
    args = parser.parse_args()
    if args.documents < 0 or args.queries < 1 or args.fallback_queries < 1 or args.rounds < 1:
        parser.error("--documents must be ≥ 0, --queries, --fallback-queries and --rounds ≥ 1")
    args.fallback_queries = min(args.fallback_queries, args.queries)

    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser
    from django.test.utils import override_settings

    from bench import corpus as benchmark
    from search import conf

    host = machine()
    client = engine_client()
    engine = engine_description(client)
    generated, added = prepare_database(args.documents, args.seed, reuse=args.reuse)
    # Twice: a node started shortly before is still compiling its analysis code (and sizing its
    # heap) during the first; the second is nearer what a cluster that has been running does.
    say("Indexing (search_index rebuild, twice)…")
    first_total, first_seconds, _ = rebuild_index(client)
    wait_for_merges(client)  # the first version's merge into one segment (versions.merge_in_background)
    total, index_seconds, counts = rebuild_index(client)
    wait_for_merges(client)
    documents, size, segments = index_stats(client)
    if documents != total:
        sys.exit(f"The index holds {documents:,} documents, the rebuild wrote {total:,}.")

    users = {False: AnonymousUser(), True: get_user_model().objects.get(username="isfahan")}
    queries = benchmark.benchmark_queries(args.queries, args.seed)
    say("Searching with the engine…")
    engine_timings = run_queries(queries, users, "engine")
    say("Searching the database (reduced mode)…")
    with override_settings(ELASTICSEARCH_URL=""):
        fallback_timings = run_queries(queries[:args.fallback_queries], users, "database")

    print_report(host=host, engine=engine, documents=args.documents, total=total, counts=counts,
                 generated=generated, reused=args.reuse and not added, index_seconds=index_seconds,
                 first_rate=first_total / first_seconds, size=size,
                 segments=segments, queries=queries, engine_timings=engine_timings,
                 fallback_timings=fallback_timings)
    if not args.no_peers:
        say("Indexing the same items into a plain index and Wagtail's backend…")
        plain, wagtail, build_seconds = build_peers(client)
        wait_for_merges(client)
        say("Searching the three systems, query by query…")
        peer_count = client.count(index=plain.index)["count"]
        timings = run_interleaved(queries, users, plain, wagtail, args.rounds)
        print_peers(timings, build_seconds, peer_count, "with the engine's request cache")
        print_grouped(timings, queries)
        say("Again, without the engine's request cache for any system…")
        with without_request_cache(client, [conf.alias_name(), plain.index, wagtail.index]):
            timings = run_interleaved(queries, users, plain, wagtail, args.rounds)
        print_peers(timings, build_seconds, peer_count, "without the engine's request cache for any system")
        print_grouped(timings, queries)
        plain.drop()
        wagtail.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
