"""python manage.py create_api_token ORG_SLUG NAME — issue an API token and print it (once)."""

from django.core.management.base import BaseCommand, CommandError

from portal.models import ApiToken, Organisation


class Command(BaseCommand):
    help = "Issue an API token for an organisation and print the clear token; only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's slug.")
        parser.add_argument("name", help="What will use the token, e.g. “follow-up spreadsheet”.")

    def handle(self, *args, organisation, name, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"No organisation with the slug “{organisation}”.")
        if not name.strip():
            raise CommandError("Give the token a name.")
        token, clear = ApiToken.issue(org, name.strip()[:100])
        self.stderr.write(f"API token “{token.name}” for {org.name_in('en')} (id {token.pk}). "
                          "Copy it now: it is not stored and will not be shown again.")
        self.stdout.write(clear)
