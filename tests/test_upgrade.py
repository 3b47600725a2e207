"""Upgrading keeps every row: a database of the previous release's schema, holding the demo network,
is migrated to this one and nothing it held is lost or changed in number.

The previous release's schema is reached by migrating the demo database back to the migrations it
had (this release adds the thesaurus, the network's names and longer source addresses), then
forward again, as `migrate` does on a deployed portal.
"""

import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The last migration of each app in the previous release.
PREVIOUS_RELEASE = [
    ("portal", "0004_contentversion"),
    ("knowledge", "0004_listing_order_index"),
    ("resolutions", "0001_initial"),
    ("portal_search", "0002_documenttext"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def row_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our tables)
            counts[table] = cursor.fetchone()[0]
    return counts


# Serialized rollback: the database is then emptied afterwards without post_migrate making the roles
# again under new ids, which the next transactional test's restored rows would collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_the_previous_schema_with_the_demo_keeps_every_row(settings):
    settings.ELASTICSEARCH_URL = ""  # the engine plays no part in a schema upgrade
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    try:
        migrate(PREVIOUS_RELEASE)
        before = row_counts()
        assert before["resolutions_resolution"] > 0 and before["knowledge_knowledgeitem"] > 0
        assert "portal_concept" not in before  # truly the previous schema
    finally:
        migrate(latest())
    after = row_counts()
    kept = {table: after[table] for table in before if table != "django_migrations"}  # it records the upgrade
    assert kept == {table: count for table, count in before.items() if table != "django_migrations"}
    assert after["portal_concept"] >= 400  # the thesaurus arrives with the upgrade
