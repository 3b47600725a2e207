"""Add the concepts the portal ships (portal/data/thesaurus.json) that the thesaurus lacks."""

from django.core.management.base import BaseCommand

from portal import thesaurus
from portal.models import Concept


class Command(BaseCommand):
    help = ("Add the shipped thesaurus concepts that are missing; --add-labels also the labels existing "
            "concepts lack; --replace resets edited labels.")

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true",
                            help="Overwrite the labels of existing concepts with the shipped ones.")
        parser.add_argument("--add-labels", action="store_true",
                            help="Also give existing concepts the shipped labels they lack (edits are kept).")
        parser.add_argument("--file", default=str(thesaurus.DATA), help="Another thesaurus file.")

    def handle(self, *args, replace=False, add_labels=False, file=None, **options):
        created = thesaurus.load(Concept, thesaurus.shipped_concepts(file), replace_labels=replace,
                                 add_labels=add_labels)
        self.stdout.write(f"{created} concepts added; {Concept.objects.count()} in the thesaurus.")
