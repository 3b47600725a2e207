from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Replace the database and media with a backup made by `backup`, then verify row counts."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, archive, yes, **options):
        try:
            manifest = read_manifest(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not yes:
            answer = input(f"Replace the current database and media with the backup of "
                           f"{manifest['created_at']}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was restored.")
        database = dict(connections["default"].settings_dict)
        connections.close_all()
        try:
            restore_backup(archive, database, settings.MEDIA_ROOT)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            "Restored and verified. Run `python manage.py search_index rebuild` to refresh search."
        ))
