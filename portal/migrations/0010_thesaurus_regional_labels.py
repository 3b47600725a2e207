"""Labels a later thesaurus ships (regional spellings: Hong Kong, Taiwan, Mainland, Persian, British
and American) reach concepts that already exist; the secretariat's own labels stay first and none
is removed."""

from django.db import migrations


def add_shipped_labels(apps, schema_editor):
    from portal import thesaurus

    if thesaurus.DATA.exists():
        thesaurus.load(apps.get_model("portal", "Concept"), thesaurus.shipped_concepts(), add_labels=True)


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_organisation_aliases")]

    operations = [migrations.RunPython(add_shipped_labels, migrations.RunPython.noop)]
