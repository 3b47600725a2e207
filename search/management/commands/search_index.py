"""manage.py search_index rebuild|update|check|sync"""

from django.core.management.base import BaseCommand, CommandError

from search import conf, drift, indexing, queue, versions
from search.client import ENGINE_ERRORS, get_client

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "Manage the search index. rebuild: build a new version, fill it, swap the alias, drop old "
        "versions. update: re-index everything into the current version. check: compare database "
        "and index per type (exit 1 on drift). sync: replay changes queued while the engine was down."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "check", "sync"])
        parser.add_argument("--chunk-size", type=int, default=indexing.CHUNK_SIZE,
                            help="documents per bulk request (rebuild)")

    def handle(self, action, chunk_size, **options):
        if not conf.engine_configured():
            raise CommandError("ELASTICSEARCH_URL is empty: there is no search engine to manage.")
        try:
            client = get_client().options(request_timeout=conf.bulk_timeout())
            getattr(self, f"do_{action}")(client, chunk_size=chunk_size)
        except versions.NoIndex as exc:
            raise CommandError(str(exc)) from exc
        except ENGINE_ERRORS as exc:
            raise CommandError(f"The search engine at {conf.engine_url()} failed: {exc}") from exc

    def do_rebuild(self, client, chunk_size):
        result = versions.rebuild(client=client, chunk_size=chunk_size)
        self.stdout.write(f"Built {result.index}: " + self.counts(result.counts))
        self.stdout.write(f"Alias {conf.alias_name()} now points at {result.index}"
                          + (f" (was {', '.join(result.previous)})" if result.previous else "") + ".")
        if result.deleted:
            self.stdout.write(f"Deleted old versions: {', '.join(result.deleted)}.")
        if result.caught_up:
            self.stdout.write(f"Caught up with {result.caught_up} change(s) made during the rebuild.")

    def do_update(self, client, chunk_size):
        counts, stale = versions.update(client=client)
        target = ", ".join(versions.alias_targets(client))
        self.stdout.write(f"Re-indexed into {target}: " + self.counts(counts))
        if stale:
            self.stdout.write(f"Removed {stale} document(s) that no longer belong in the index.")

    def do_check(self, client, chunk_size):
        report = drift.compare(client=client)
        for type_drift in report:
            line = (f"{type_drift.indexed_type.name}: {len(type_drift.in_database)} in the database, "
                    f"{len(type_drift.in_index)} in the index")
            self.stdout.write(line)
            for label, ids in (("missing from the index", type_drift.missing),
                               ("in the index but not in the database", type_drift.extra)):
                if ids:
                    shown = ", ".join(str(pk) for pk in sorted(ids)[:SHOWN_IDS])
                    more = f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
                    self.stdout.write(f"  {label}: {shown}{more}")
        pending = queue.pending_count()
        if pending:
            self.stdout.write(f"{pending} change(s) wait in the queue (run `search_index sync`).")
        missing, unexpected = drift.mapping_differences(client=client)
        for label, fields in (("fields the index lacks", missing), ("fields the code no longer has", unexpected)):
            if fields:
                self.stdout.write(f"Mapping, {label}: {', '.join(fields)}")
        analysis = drift.analysis_differences(client=client)
        if analysis:
            self.stdout.write(f"Analysis, defined otherwise than in the code: {', '.join(analysis)}")
        drifted = [t.indexed_type.name for t in report if t.drifted]
        if drifted:
            message = f"The index has drifted from the database ({', '.join(drifted)})."
            raise CommandError(message, returncode=1)
        if missing or unexpected or analysis:
            raise CommandError("The index was built with an older mapping or analysis: run `search_index rebuild`.",
                               returncode=1)
        self.stdout.write("The index matches the database.")

    def do_sync(self, client, chunk_size):
        result = queue.drain(lambda refs: indexing.apply(refs, client=client, refresh=True))
        self.stdout.write(f"Replayed {result.done} queued change(s).")
        for what, error in result.failed.items():
            self.stderr.write(f"  {what}: {error}")
        if result.failed:
            raise CommandError(f"{len(result.failed)} change(s) failed again and stay queued.")

    @staticmethod
    def counts(counts):
        return ", ".join(f"{name} {count}" for name, count in counts.items())
