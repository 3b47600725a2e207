from django.core.management.base import BaseCommand

from portal.chinese import T2S_TABLE, write_t2s_table


class Command(BaseCommand):
    help = "Regenerate portal/data/t2s.tsv (Traditional → Simplified characters) from OpenCC."

    def handle(self, *args, **options):
        count = write_t2s_table()
        self.stdout.write(f"Wrote {count} character pairs to {T2S_TABLE}. Rebuild the index to use them.")
