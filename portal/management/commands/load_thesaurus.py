"""Add the concepts the portal ships (portal/data/thesaurus.json) that the thesaurus lacks."""

from django.core.management.base import BaseCommand

from portal import thesaurus
from portal.models import Concept


class Command(BaseCommand):
    help = "Add the shipped thesaurus concepts that are missing; --replace also resets edited labels."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true",
                            help="Overwrite the labels of existing concepts with the shipped ones.")
        parser.add_argument("--file", default=str(thesaurus.DATA), help="Another thesaurus file.")

    def handle(self, *args, replace=False, file=None, **options):
        created = thesaurus.load(Concept, thesaurus.shipped_concepts(file), replace_labels=replace)
        self.stdout.write(f"{created} concepts added; {Concept.objects.count()} in the thesaurus.")
