"""E-mail each owner's people a digest of their open and overdue follow-up lines (run daily from cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from resolutions.reminders import send_followup_reminders


class Command(BaseCommand):
    help = ("Send each person whose organisation owes follow-up lines one digest of them, in their "
            "language. Safe to run often: nobody gets more than one digest a day.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list who would hear what; send nothing")
        parser.add_argument("--date", help="the day to act as, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2024-03-20.") from None
        digests = send_followup_reminders(today, dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        for digest in digests:
            self.stdout.write(
                f"{verb}: {digest.membership.user.email} ({digest.membership.organisation.slug}, "
                f"{digest.membership.language}): {len(digest.lines)} open, {len(digest.overdue)} overdue"
            )
        self.stdout.write(f"{len(digests)} digest(s) {verb}.")
