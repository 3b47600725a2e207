#!/usr/bin/env python3
"""Search quality: nDCG@10 of three systems on the judged set (bench/relevance), on the same node.

    .venv/bin/python scripts/bench_relevance.py [--split all|tune|heldout] [--per-query] [--variants]

The set's documents are imported through `import_documents` into a throw-away database
(var/bench-relevance/), then indexed three ways on ELASTICSEARCH_URL (default
http://127.0.0.1:9200): a plain standard-analyzer index, Wagtail's own Elasticsearch 8 backend
with its default settings, and the portal's index (`search_index rebuild`). Every query is asked of
each system as the public asks; the report (Markdown, stdout) gives nDCG@10 per query language
(monolingual queries), across languages and overall, for the queries kept for tuning and those
held out, and the share of highly relevant documents found in the top ten; with --variants, the
same of the queries typed other ways (bench/relevance/variants.py). The speed of the same
three systems on 100,000 documents is measured by scripts/bench_search.py.
"""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench-relevance"
DATABASE = BENCH_DIR / "db.sqlite3"
INDEX_PREFIX = "relbench"
DEFAULT_ENGINE_URL = "http://127.0.0.1:9200"
SECRETARIAT = "secretariat"


def say(message):
    print(message, file=sys.stderr, flush=True)


def setup_django():
    """Point Django at the bench's own database and index names, whatever the caller's environment."""
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "CACHE_DIR": str(BENCH_DIR / "cache"),
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "ELASTICSEARCH_URL": os.environ.get("ELASTICSEARCH_URL") or DEFAULT_ENGINE_URL,
        "PORTAL_BASE_URL": "http://127.0.0.1:8000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    })
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def site_tree(organisation_slugs):
    """A fresh network as `setup_portal` makes it, and the organisations the set's documents name."""
    from portal.models import Organisation, OrganisationKind
    from portal.setup import set_up

    set_up()
    for slug in sorted(organisation_slugs | {SECRETARIAT}):
        kind = OrganisationKind.NETWORK_SECRETARIAT if slug == SECRETARIAT else OrganisationKind.CITY_OFFICE
        Organisation.objects.get_or_create(slug=slug, defaults={"kind": kind, "name_en": slug.replace("-", " ")})


def import_set(documents):
    """The set's documents as published knowledge items (through the importer people use)."""
    import json

    from knowledge.importing import import_documents
    from knowledge.models import KnowledgeItem

    limit = KnowledgeItem._meta.get_field("source_url").max_length
    lines = []
    for document in documents:
        line = {key: document[key] for key in ("title", "body", "language", "kind", "organisation", "date")}
        line["external_id"] = document["id"]
        if len(document["source_url"]) <= limit:
            line["source_url"] = document["source_url"]
        lines.append(json.dumps(line, ensure_ascii=False))
    with tempfile.TemporaryFile() as stream:
        stream.write("\n".join(lines).encode())
        stream.seek(0)
        summary = import_documents(stream)
    if summary.skipped:
        sys.exit("The import skipped lines:\n" + "\n".join(map(str, summary.skipped)))
    return list(KnowledgeItem.objects.live().specific())


def run(split, per_query, variants=False):
    from django.core.management import call_command
    from django.test.utils import override_settings

    from bench.relevance import measure
    from bench.relevance.systems import PlainIndex, PortalSearch, WagtailBackend
    from search import versions
    from search.client import get_client

    documents, queries = measure.documents(), measure.queries()
    if split != "all":
        queries = [q for q in queries if q["split"] == split]
    say("Creating the bench database…")
    call_command("migrate", verbosity=0)
    site_tree({d["organisation"] for d in documents})
    say(f"Importing {len(documents)} documents…")
    with override_settings(ELASTICSEARCH_URL=""):  # indexed below, all at once
        pages = import_set(documents)

    client = get_client()
    url = os.environ["ELASTICSEARCH_URL"]
    systems = [PlainIndex(client, f"{INDEX_PREFIX}-plain"), WagtailBackend(url, f"{INDEX_PREFIX}-wagtail-"),
               PortalSearch()]
    say("Indexing three ways…")
    systems[0].build(documents)
    systems[1].build(pages)
    versions.rebuild(client=client)

    results, timings = {}, {}
    for system in systems:
        started = time.perf_counter()
        results[system.name] = {q["id"]: system.ranked(q["query"]) for q in queries}
        timings[system.name] = (time.perf_counter() - started) / len(queries)
    report(queries, systems, results, timings, split, per_query)
    if variants:
        report_variants(queries, systems, results)
    for system in systems[:2]:
        system.drop()


def report(queries, systems, results, timings, split, per_query):
    from bench.relevance import measure

    labels = [label for label, _ in measure.GROUPS]
    print(f"nDCG@10 on the judged set ({len(queries)} queries, split: {split}; gain 2^grade − 1)\n")
    print("| system | " + " | ".join(labels) + " | grade-2 found in top 10 |")
    print("| --- | " + " | ".join("---:" for _ in labels) + " | ---: |")
    for system in systems:
        table = measure.scores(queries, results[system.name])
        found = sum(measure.found_highly_relevant(results[system.name][q["id"]], q["judgements"])
                    for q in queries) / len(queries)
        print(f"| {system.name} | " + " | ".join(f"{table[label][0]:.2f}" for label in labels)
              + f" | {found:.0%} |")
    counts = measure.scores(queries, results[systems[0].name])
    print("\nQueries per column: " + ", ".join(f"{label} {counts[label][1]}" for label in labels))
    print("Mean time per query (small index, informative only): "
          + ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in timings.items()))
    if per_query:
        print("\n| query | shape | split | " + " | ".join(s.name for s in systems) + " |")
        print("| --- | --- | --- | " + " | ".join("---:" for _ in systems) + " |")
        for q in queries:
            values = [measure.ndcg(results[s.name][q["id"]], q["judgements"]) for s in systems]
            cross = " ×" if q["cross_language"] else ""
            print(f"| {q['id']} {q['query']}{cross} | {q['shape']} | {q['split']} | "
                  + " | ".join(f"{v:.2f}" for v in values) + " |")


def report_variants(queries, systems, results):
    """nDCG@10 of each system on the queries each variant rewrites, as written and as rewritten."""
    from bench.relevance import measure
    from bench.relevance.variants import VARIANTS, rewritten

    print("\nThe same queries typed another way (bench/relevance/variants.py): mean nDCG@10 of the queries "
          "each way changes, as written → as rewritten\n")
    print("| typed | queries | " + " | ".join(system.name for system in systems) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in systems) + " |")
    for variant in VARIANTS:
        pairs = rewritten(queries, variant)
        if not pairs:
            continue
        cells = []
        for system in systems:
            written = [measure.ndcg(results[system.name][query["id"]], query["judgements"]) for query, _ in pairs]
            typed = [measure.ndcg(system.ranked(text), query["judgements"]) for query, text in pairs]
            cells.append(f"{sum(written) / len(pairs):.2f} → {sum(typed) / len(pairs):.2f}")
        print(f"| {variant.__doc__} | {len(pairs)} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("all", "tune", "heldout"), default="all")
    parser.add_argument("--per-query", action="store_true", help="also print each query's nDCG@10")
    parser.add_argument("--variants", action="store_true",
                        help="also ask the queries typed other ways (a ZWNJ as a space, Arabic letters, the "
                             "other Chinese script, as a question…) and compare")
    args = parser.parse_args()
    setup_django()
    run(args.split, args.per_query, args.variants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
