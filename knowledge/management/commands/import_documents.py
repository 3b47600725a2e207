"""python manage.py import_documents FILE.jsonl — external documents as published knowledge items.

Exit status: 0 when every line was imported (or, with --dry-run, would be), 1 when some lines
were skipped, 2 when nothing could be imported (unreadable file, no knowledge index page).
"""

from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError

from knowledge.importing import DEFAULT_BATCH_SIZE, ImportRefused, import_documents

WOULD = {"created": "would create", "updated": "would update", "unchanged": "unchanged"}


def positive(value):
    number = int(value)
    if number < 1:
        raise ArgumentTypeError("must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Import external documents from a JSON Lines file (UTF-8): one object per line with title, body, "
        "language (fa, zh, en), kind (study, training, report, resolution) and optionally organisation "
        "(a name, alias or slug; default: the network secretariat), date (2012-09-22 or 1391/07/01), "
        "source_url and external_id. Each becomes a published, public knowledge item; kind "
        "'resolution' (another body's resolution) becomes an experience report. Items are found again "
        "by external_id, else by kind, title and organisation, so re-importing updates them. Bad lines "
        "are reported on stderr and skipped. Exit status: 0 all imported, 1 some lines skipped, 2 nothing "
        "imported (unreadable file, no knowledge index page)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON Lines file")
        parser.add_argument("--dry-run", action="store_true",
                            help="check every line and say what would be created or updated; write nothing")
        parser.add_argument("--batch-size", type=positive, default=DEFAULT_BATCH_SIZE,
                            help="lines per transaction and per bulk index write "
                                 f"(default {DEFAULT_BATCH_SIZE})")

    def handle(self, *args, file, dry_run, batch_size, verbosity, **options):
        try:
            with open(file, "rb") as stream:
                summary = import_documents(stream, dry_run=dry_run, batch_size=batch_size)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}", returncode=2) from None
        except ImportRefused as error:
            raise CommandError(str(error), returncode=2) from None

        if dry_run or verbosity >= 2:
            for result in summary.results:
                outcome = WOULD[result.outcome] if dry_run else result.outcome
                record = result.record
                self.stdout.write(f"line {result.line}: {outcome} {record.kind} “{record.title}”"
                                  + (f" [{record.external_id}]" if record.external_id else ""))
        for error in summary.skipped:
            self.stderr.write(str(error))
        self.stdout.write(f"{summary}" + (" (dry run: nothing was written)" if dry_run else ""))
        if summary.skipped:
            raise CommandError(f"{len(summary.skipped)} line(s) skipped.", returncode=1)
