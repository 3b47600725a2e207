"""The thesaurus the portal ships (portal/data/thesaurus.json), on a new or upgraded database.

Concepts that already exist keep the secretariat's labels; `manage.py load_thesaurus` adds the
concepts a later release ships.
"""

from django.db import migrations


def load_shipped(apps, schema_editor):
    from portal import thesaurus

    if thesaurus.DATA.exists():
        thesaurus.load(apps.get_model("portal", "Concept"), thesaurus.shipped_concepts())


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_thesaurus")]

    operations = [migrations.RunPython(load_shipped, migrations.RunPython.noop)]
