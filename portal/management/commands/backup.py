from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Save the database and uploaded media into one archive (restore it with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BASE_DIR / "var" / "backups"),
                            help="Folder for the archive (default: var/backups).")

    def handle(self, *args, output, **options):
        try:
            archive = create_backup(output, settings.MEDIA_ROOT)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
