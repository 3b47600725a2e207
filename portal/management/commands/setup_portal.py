"""Set up a new network after `migrate`: what it needs to be used, and nothing of the demo.

Safe to run again: it keeps what exists and adds what is missing; the names given replace the
stored ones. Without a terminal (or with --no-input) it never asks and uses what is stored, or the
defaults.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from portal.addresses import base_url
from portal.models import Network, OrganisationKind
from portal.setup import NAME_LANGUAGES, SetupRefused, existing_secretariat, set_up

LANGUAGE_NAMES = {"fa": "Persian", "en": "English", "zh-hans": "Simplified Chinese",
                  "zh-hant": "Traditional Chinese"}
SECRETARIAT_DEFAULT = OrganisationKind.NETWORK_SECRETARIAT.label


class Command(BaseCommand):
    help = ("Create what a new network needs: the home page, the meetings and knowledge indexes, the "
            "roles and the review workflow, the site record on PORTAL_BASE_URL, the network's name in "
            "each language and its secretariat organisation. Safe to run again.")

    def add_arguments(self, parser):
        for language, label in LANGUAGE_NAMES.items():
            parser.add_argument(f"--name-{language}", dest=f"name_{language.replace('-', '_')}",
                                metavar="NAME", help=f"the network's name in {label}")
        parser.add_argument("--secretariat", metavar="NAME",
                            help="the name of the organisation that runs the network's secretariat "
                                 "(stored as its Persian, Chinese or English name by its script)")
        parser.add_argument("--no-input", "--noinput", action="store_true", dest="no_input",
                            help="ask nothing: use the names given, those stored, or the defaults")

    def handle(self, *args, **options):
        names = {language: options[f"name_{language.replace('-', '_')}"] or "" for language in NAME_LANGUAGES}
        secretariat_name = options["secretariat"] or ""
        if not options["no_input"] and sys.stdin.isatty():
            names, secretariat_name = self.ask(names, secretariat_name)
        try:
            result = set_up(names=names, secretariat_name=secretariat_name)
        except SetupRefused as error:
            raise CommandError(str(error)) from None
        self.report(result)

    def ask(self, names, secretariat_name):
        """Ask for what the options did not give; Enter keeps the value in brackets."""
        network = Network.load()
        for language in NAME_LANGUAGES:
            if not names[language]:
                names[language] = self.prompt(f"The network's name in {LANGUAGE_NAMES[language]}",
                                              network.name_in(language))
        if not secretariat_name:
            current = existing_secretariat()
            secretariat_name = self.prompt("The secretariat organisation's name",
                                           current.name_in("en") if current else SECRETARIAT_DEFAULT)
        return names, secretariat_name

    @staticmethod
    def prompt(question, current):
        """The answer, or "" for "keep what is in brackets"."""
        try:
            return input(f"{question} [{current}]: ").strip()
        except EOFError:
            return ""

    def report(self, result):
        lines = [
            f"Site: {base_url()} (record {result.site.hostname}:{result.site.port}, "
            "from PORTAL_BASE_URL)",
            f"Home page: {result.home.title}",
            *(f"{name.capitalize()} index: {page.title} ({page.url_path.removeprefix(result.home.url_path)})"
              for name, page in result.pages.items()),
            "Network's name: " + " · ".join(result.network.name_in(language) for language in NAME_LANGUAGES),
            f"Secretariat: {result.secretariat.name_in('en')} [{result.secretariat.slug}]",
            "Roles, their permissions and the review workflow are in place.",
        ]
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("The portal is set up."))
