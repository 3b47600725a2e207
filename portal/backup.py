"""Backups of the database and uploaded media, as one archive, and their verified restore.

The archive holds `manifest.json` (what was saved, with row counts to verify against), the database
(`database.sqlite3` for SQLite, `database.pgdump` in pg_dump's custom format for PostgreSQL) and
`media/`. Restore writes into the database and media folder it is given, so it can target a copy.

Sessions and sign-in throttling records are left out (their tables come back empty): they are live
logins and people's addresses, not content. The database still holds password hashes and API token
hashes, so archives are written readable by their owner only (0600).
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.db import connections

FORMAT_VERSION = 1
# Tables whose row counts prove a restore brought back the content people care about.
VERIFIED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtaildocs.Document",
    "portal.Organisation",
    "resolutions.Resolution",
    "resolutions.FollowUpLine",
    "resolutions.FollowUpReport",
    "resolutions.HistoricalResolution",
    "auth.User",
]


# Apps whose tables are saved empty: live sessions, and failed sign-ins with their addresses.
LEFT_OUT_APPS = ("sessions", "axes")


class BackupError(Exception):
    pass


def left_out_tables():
    tables = []
    for label in LEFT_OUT_APPS:
        try:
            tables += [model._meta.db_table for model in apps.get_app_config(label).get_models()]
        except LookupError:  # not installed here
            continue
    return sorted(tables)


def _engine(database):
    engine = database["ENGINE"]
    if "sqlite3" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _pg_env(database):
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _pg_args(database):
    args = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    return args


def _run(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def _count(cursor):
    counts = {}
    for label in VERIFIED_MODELS:
        table = apps.get_model(label)._meta.db_table
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (table names from our models)
        counts[label] = cursor.fetchone()[0]
    return counts


def row_counts(alias="default"):
    with connections[alias].cursor() as cursor:
        return _count(cursor)


def row_counts_in(database):
    """Count rows straight through the driver: the restored database need not be a Django alias."""
    if _engine(database) == "sqlite":
        connection = sqlite3.connect(database["NAME"])
        try:
            return _count(connection.cursor())
        finally:
            connection.close()
    import psycopg

    connection = psycopg.connect(
        dbname=database["NAME"], host=database.get("HOST") or None, port=database.get("PORT") or None,
        user=database.get("USER") or None, password=database.get("PASSWORD") or None,
    )
    try:
        with connection.cursor() as cursor:
            return _count(cursor)
    finally:
        connection.close()


def _dump_database(alias, target_dir):
    connection = connections[alias]
    database = connection.settings_dict
    if _engine(database) == "sqlite":
        connection.ensure_connection()
        path = target_dir / "database.sqlite3"
        destination = sqlite3.connect(path)
        try:
            connection.connection.backup(destination)  # consistent even while the site is in use
            for table in left_out_tables():
                destination.execute(f'DELETE FROM "{table}"')  # noqa: S608 (table names from our models)
            destination.commit()
            destination.execute("VACUUM")  # so the deleted rows are not left in free pages
        finally:
            destination.close()
        return path.name
    path = target_dir / "database.pgdump"
    left_out = [f"--exclude-table-data={table}" for table in left_out_tables()]
    _run(["pg_dump", "--format=custom", "--no-owner", *left_out, "--file", str(path), *_pg_args(database)],
         env=_pg_env(database))
    return path.name


def _private_file(path):
    """A new file only its owner may read, created so from the start (no window with wider rights)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def create_backup(output_dir, media_root, alias="default"):
    """Write an archive of the database and media into output_dir and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"portal-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        database_file = _dump_database(alias, scratch)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": stamp,
            "engine": _engine(connections[alias].settings_dict),
            "database_file": database_file,
            "row_counts": row_counts(alias),
            "left_out": left_out_tables(),
        }
        (scratch / "manifest.json").write_text(json.dumps(manifest, indent=2))
        try:
            file = _private_file(archive)
        except FileExistsError as error:
            raise BackupError(f"{archive} already exists; try again in a second.") from error
        with file, tarfile.open(fileobj=file, mode="w:gz") as tar:
            tar.add(scratch / "manifest.json", arcname="manifest.json")
            tar.add(scratch / database_file, arcname=database_file)
            if Path(media_root).is_dir():
                tar.add(media_root, arcname="media")
    return archive


def read_manifest(archive):
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(f"{archive} is not a portal backup: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{archive} has backup format {manifest.get('format')}, expected {FORMAT_VERSION}.")
    return manifest


def _safe_members(tar, prefix):
    for member in tar.getmembers():
        if member.name == prefix or member.name.startswith(prefix + "/"):
            yield member


def restore_backup(archive, database, media_root):
    """Restore into `database` (a Django DATABASES entry) and `media_root`; verify row counts."""
    manifest = read_manifest(archive)
    engine = _engine(database)
    if engine != manifest["engine"]:
        raise BackupError(f"This backup is of a {manifest['engine']} database, not {engine}.")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive, "r:gz") as tar:
        scratch = Path(scratch)
        tar.extractall(scratch, members=list(_safe_members(tar, manifest["database_file"])), filter="data")
        tar.extractall(scratch, members=list(_safe_members(tar, "media")), filter="data")
        dump = scratch / manifest["database_file"]
        if engine == "sqlite":
            shutil.copyfile(dump, database["NAME"])
        else:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error",
                  *_pg_args(database), str(dump)], env=_pg_env(database))
        media_root = Path(media_root)
        if media_root.exists():
            shutil.rmtree(media_root)
        if (scratch / "media").is_dir():
            shutil.copytree(scratch / "media", media_root)
        else:
            media_root.mkdir(parents=True)
    restored = row_counts_in(database)
    if restored != manifest["row_counts"]:
        raise BackupError(f"The restored database differs from the backup: {restored} != {manifest['row_counts']}")
    return manifest
