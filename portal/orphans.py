"""Uploaded files nothing uses any more, and their removal (`manage.py remove_orphan_files`).

A file under MEDIA_ROOT is in use while any row of any model names it in a file field: Wagtail's
documents (which hold every knowledge item's attachment, meeting minutes and follow-up report
attachment), images and their renditions, and anything else with a file field, history included.
Every other file is an orphan: left behind by a deleted row, or by an upload that failed halfway.
Files younger than the grace period are never orphans: an upload in progress is written to disk
before its row is saved.
"""

import datetime
import os
import posixpath
from pathlib import Path

from django.apps import apps
from django.db import models

GRACE = datetime.timedelta(days=1)


def files_in_use():
    """Every file name (relative to MEDIA_ROOT) a file field of any row holds."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                stored = model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                stored = stored.exclude(**{field.attname: ""})
                names.update(posixpath.normpath(name) for name in stored.values_list(field.attname, flat=True))
    return names


def orphan_files(media_root, grace=GRACE, now=None):
    """Paths of the files under media_root that no row uses and that are older than `grace`."""
    media_root = Path(media_root)
    if not media_root.is_dir():
        return []
    in_use = files_in_use()
    newest = (now or datetime.datetime.now(datetime.UTC)).timestamp() - grace.total_seconds()
    orphans = []
    for folder, _folders, files in os.walk(media_root):  # symbolic links to folders are not followed
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            if path.relative_to(media_root).as_posix() in in_use or path.stat().st_mtime > newest:
                continue
            orphans.append(path)
    return sorted(orphans)


def remove_orphan_files(media_root, grace=GRACE, dry_run=False):
    """Remove the orphans (or, with dry_run, only find them); return their paths."""
    orphans = orphan_files(media_root, grace)
    if not dry_run:
        for path in orphans:
            path.unlink(missing_ok=True)
    return orphans
