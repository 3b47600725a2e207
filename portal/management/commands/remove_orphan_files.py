import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.orphans import GRACE, remove_orphan_files


class Command(BaseCommand):
    help = ("Remove uploaded files under MEDIA_ROOT that no document, image, rendition or other row uses "
            "any more (see portal/orphans.py). Run it daily.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the files that would be removed.")
        parser.add_argument("--grace-hours", type=float, default=GRACE.total_seconds() / 3600,
                            help="Leave files younger than this alone: uploads in progress (default 24).")

    def handle(self, *args, dry_run, grace_hours, **options):
        orphans = remove_orphan_files(settings.MEDIA_ROOT, datetime.timedelta(hours=grace_hours), dry_run=dry_run)
        for path in orphans:
            self.stdout.write(f"{'would remove' if dry_run else 'removed'} {path}")
        self.stdout.write(f"{len(orphans)} orphan file(s) {'found' if dry_run else 'removed'}.")
