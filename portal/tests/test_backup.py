"""Backup and restore round-trip, restored into a copy so the test database stays untouched."""

import os
import stat
import subprocess
import tarfile
import uuid
from contextlib import closing

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
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


def count_rows(database, table):
    """Rows of `table` in a database that need not be a Django alias."""
    if connection.vendor == "sqlite":
        import sqlite3

        with closing(sqlite3.connect(database["NAME"])) as db:
            return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
    import psycopg

    with psycopg.connect(dbname=database["NAME"], host=database["HOST"] or None, port=database["PORT"] or None,
                         user=database["USER"] or None, password=database["PASSWORD"] or None) as db:
        return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608


# What each database's path writes: SQLite's own backup, or pg_dump's custom format.
DUMPS = {"sqlite": ("sqlite", "database.sqlite3"), "postgresql": ("postgresql", "database.pgdump")}


def assert_dump_holds_no_session_data(archive, tmp_path):
    """pg_dump's table of contents: the session and sign-in tables' structure, none of their rows."""
    with tarfile.open(archive, "r:gz") as tar:
        tar.extract("database.pgdump", tmp_path / "dump", filter="data")
    listing = subprocess.run(["pg_restore", "--list", str(tmp_path / "dump" / "database.pgdump")],  # noqa: S603,S607
                             capture_output=True, text=True, check=True).stdout
    for table in ("django_session", "axes_accessattempt"):
        assert f"TABLE public {table} " in listing, table
        assert f"TABLE DATA public {table} " not in listing, table
    assert "TABLE DATA public auth_user " in listing


# Serialized rollback: the database is then emptied afterwards without post_migrate making the roles
# again under new ids, which the next transactional test's restored rows would collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip(tmp_path, settings, copy_database):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    document = Document.objects.create(title="Flood map")
    document.file.save("flood-map.pdf", ContentFile(b"%PDF-1.4 flood map"))
    # A signed-in session and a failed sign-in with its address: neither belongs in a backup.
    Client().force_login(get_user_model().objects.get(username="isfahan"))
    Client(REMOTE_ADDR="192.0.2.5").post("/admin/login/", {"username": "isfahan", "password": "wrong"})
    assert Session.objects.exists() and AccessAttempt.objects.exists()
    expected = row_counts()

    old_umask = os.umask(0)  # however permissive the shell, the archive is the owner's alone
    try:
        call_command("backup", output=str(tmp_path / "backups"), stdout=open(tmp_path / "out.txt", "w"))
    finally:
        os.umask(old_umask)
    archive = (tmp_path / "out.txt").read_text().strip()
    assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "backups").st_mode) == 0o700
    manifest = read_manifest(archive)
    assert manifest["row_counts"] == expected
    assert {"django_session", "axes_accessattempt"} <= set(manifest["left_out"])
    assert (manifest["engine"], manifest["database_file"]) == DUMPS[connection.vendor]
    if connection.vendor == "postgresql":
        assert_dump_holds_no_session_data(archive, tmp_path)

    restored_media = tmp_path / "restored-media"
    restore_backup(archive, copy_database, restored_media)
    assert row_counts_in(copy_database) == expected
    assert expected["resolutions.Resolution"] >= 9
    restored_file = restored_media / document.file.name
    assert restored_file.read_bytes() == b"%PDF-1.4 flood map"
    assert count_rows(copy_database, "django_session") == 0
    assert count_rows(copy_database, "axes_accessattempt") == 0
    assert count_rows(copy_database, "auth_user") == expected["auth.User"]


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(BackupError):
        read_manifest(junk)
