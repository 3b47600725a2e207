"""Backup and restore round-trip, restored into a copy so the test database stays untouched."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from wagtail.documents.models import Document

from portal.backup import BackupError, read_manifest, restore_backup, row_counts, row_counts_in


@pytest.fixture
def copy_database(tmp_path):
    """A database to restore into: a file for SQLite, a fresh database on the same PostgreSQL server."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings_dict
        return
    import psycopg

    name = f"restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(dbname=settings_dict["NAME"], host=settings_dict["HOST"] or None,
                            port=settings_dict["PORT"] or None, user=settings_dict["USER"] or None,
                            password=settings_dict["PASSWORD"] or None, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    try:
        yield settings_dict
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, settings, copy_database):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    document = Document.objects.create(title="Flood map")
    document.file.save("flood-map.pdf", ContentFile(b"%PDF-1.4 flood map"))
    expected = row_counts()

    call_command("backup", output=str(tmp_path / "backups"), stdout=open(tmp_path / "out.txt", "w"))
    archive = (tmp_path / "out.txt").read_text().strip()
    assert read_manifest(archive)["row_counts"] == expected

    restored_media = tmp_path / "restored-media"
    restore_backup(archive, copy_database, restored_media)
    assert row_counts_in(copy_database) == expected
    assert expected["resolutions.Resolution"] >= 9
    restored_file = restored_media / document.file.name
    assert restored_file.read_bytes() == b"%PDF-1.4 flood map"


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(BackupError):
        read_manifest(junk)
