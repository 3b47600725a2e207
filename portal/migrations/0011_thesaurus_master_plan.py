"""The concepts a later thesaurus ships that the database lacks (the generic master plan, «طرح جامع»,
总体规划, of the network's glossary); the secretariat's concepts and labels stay as they are."""

from django.db import migrations


def add_shipped_concepts(apps, schema_editor):
    from portal import thesaurus

    if thesaurus.DATA.exists():
        thesaurus.load(apps.get_model("portal", "Concept"), thesaurus.shipped_concepts())


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_thesaurus_regional_labels")]

    operations = [migrations.RunPython(add_shipped_concepts, migrations.RunPython.noop)]
