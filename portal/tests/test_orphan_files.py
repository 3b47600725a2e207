"""Uploaded files nothing uses any more are removed (`remove_orphan_files`); files in use never are."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

DAY = 24 * 3600


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_document(title, filename):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save(filename, ContentFile(b"%PDF-1.4 " + title.encode()), save=False)
    document.save()
    return document


def stored_image(title):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    image = get_image_model()(title=title, collection=Collection.get_first_root_node())
    image.file.save(f"{title}.png", ImageFile(buffer, name=f"{title}.png"), save=False)
    image._set_image_file_metadata()
    image.save()
    return image


def stray(media, name, age=2 * DAY):
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"left behind")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def age_everything(media, age=2 * DAY):
    then = time.time() - age
    for folder, _folders, files in os.walk(media):
        for name in files:
            os.utime(os.path.join(folder, name), (then, then))


def run(*args):
    out = io.StringIO()
    call_command("remove_orphan_files", *args, stdout=out)
    return out.getvalue()


def test_orphans_go_and_files_in_use_stay(db, media):
    document = stored_document("Evacuation routes", "evacuation-routes.pdf")
    image = stored_image("shelter-map")
    rendition = image.get_rendition("width-20")
    age_everything(media)
    orphan = stray(media, "documents/deleted-item-attachment.pdf")
    old_rendition = stray(media, "images/gone.width-400.png")
    fresh = stray(media, "documents/upload-in-progress.pdf", age=60)
    in_use = [media / document.file.name, media / image.file.name, media / rendition.file.name]

    listed = run("--dry-run")
    assert str(orphan) in listed and str(old_rendition) in listed and "2 orphan file(s) found" in listed
    assert orphan.exists() and old_rendition.exists()  # a dry run only tells

    assert "2 orphan file(s) removed" in run()
    assert not orphan.exists() and not old_rendition.exists()
    assert all(path.exists() for path in in_use)
    assert fresh.exists()  # younger than a day: perhaps an upload whose row is not saved yet
    assert "0 orphan file(s) removed" in run()


def test_a_missing_media_folder_is_nothing_to_do(db, media):
    assert "0 orphan file(s) removed" in run()


def test_deleting_a_document_removes_its_file(db, media, django_capture_on_commit_callbacks):
    document = stored_document("Old plan", "old-plan.pdf")
    path = media / document.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not path.exists()
