"""The demo's items carry real files: downloads, privacy and search inside them can be seen.

`load_demo` stores the committed files of knowledge/demo_files/ as Wagtail documents in a "Demo"
collection and attaches them; the files are made from knowledge/demo_attachments.py's texts.
"""

import io
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge import demo_attachments
from knowledge.demo_attachments import COLLECTION, DEMO_FILES
from knowledge.kinds import KINDS
from knowledge.models import KnowledgeDocument, KnowledgeItem
from search.attachments import extract_text
from search.tests.conftest import engine, engine_address  # noqa: F401 - fixtures
from search.tests.helpers import search

PUBLIC_PDF = "qazvin-master-plan-summary.pdf"
MEMBERS_PDF = "tehran-workshop-programme.pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def demo_file(name):
    return next(f for f in DEMO_FILES if f.name == name)


def stored(name):
    demo = demo_file(name)
    return get_document_model().objects.get(collection__name=COLLECTION, title=demo.title)


def test_every_file_says_what_the_demo_says_it_does():
    """The committed files are real PDF, Word and Excel files with their texts, Persian shaped."""
    assert {f.path.suffix for f in DEMO_FILES} == {".pdf", ".docx", ".xlsx"}
    for demo in DEMO_FILES:
        text = extract_text(demo.path.read_bytes(), demo.path.suffix)
        assert demo.only_inside in text, demo.name
        for line in demo.lines:
            assert line in text, (demo.name, line)
        for row in demo.table:
            assert all(str(cell) in text for cell in row), (demo.name, row)


def test_load_demo_twice_stores_each_file_once_in_the_demo_collection(db, media):
    load_demo()
    collection = Collection.objects.get(name=COLLECTION)
    documents = get_document_model().objects.filter(collection=collection)
    first = {d.title: (d.pk, d.file.name, d.file_hash) for d in documents}
    revisions = {item.pk: item.revisions.count() for item in KnowledgeItem.objects.all()}

    load_demo()

    assert Collection.objects.filter(name=COLLECTION).count() == 1
    again = {d.title: (d.pk, d.file.name, d.file_hash) for d in documents.all()}
    assert again == first and len(first) == len(DEMO_FILES)
    assert len(list((media / "documents").iterdir())) == len(DEMO_FILES)
    assert {item.pk: item.revisions.count() for item in KnowledgeItem.objects.all()} == revisions
    for demo in DEMO_FILES:
        item = KnowledgeItem.objects.get(slug=demo.item)
        attached = KnowledgeDocument.objects.filter(page=item).values_list("document__title", flat=True)
        assert demo.title in attached
        assert stored(demo.name).file.read() == demo.path.read_bytes()
        # The latest revision, which the admin edits, carries the file too.
        assert demo.title in [d.display_title for d in item.get_latest_revision_as_object().documents.all()]


def test_a_changed_file_replaces_the_stored_copy(db, media, tmp_path, monkeypatch):
    load_demo()
    before = stored(PUBLIC_PDF)
    # A later edition of one file, in a folder of our own (the committed folder is left alone).
    folder = tmp_path / "demo_files"
    shutil.copytree(demo_attachments.FOLDER, folder)
    (folder / PUBLIC_PDF).write_bytes((folder / PUBLIC_PDF).read_bytes() + b"\n% a later edition\n")
    monkeypatch.setattr(demo_attachments, "FOLDER", folder)

    load_demo()

    after = stored(PUBLIC_PDF)
    assert after.pk == before.pk and after.file_hash != before.file_hash
    assert after.file.read().endswith(b"% a later edition\n")
    assert get_document_model().objects.filter(collection__name=COLLECTION).count() == len(DEMO_FILES)
    assert len(list((media / "documents").iterdir())) == len(DEMO_FILES)  # the old copy went


def test_the_public_downloads_public_files_and_not_the_members_only_ones(db):
    load_demo()
    anonymous = Client()
    public = stored(PUBLIC_PDF)
    response = anonymous.get(public.url)
    assert public.url.startswith("/documents/")  # the portal's view, which checks who may download
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == demo_file(PUBLIC_PDF).path.read_bytes()
    for name in ("isfahan-public-building-checklist.docx", "longfengyuan-training-register.xlsx"):
        assert anonymous.get(stored(name).url).status_code == 200, name

    members_only = stored(MEMBERS_PDF)
    assert KnowledgeItem.objects.get(slug=demo_file(MEMBERS_PDF).item).visibility == "members"
    assert anonymous.get(members_only.url).status_code == 403
    member = Client()
    member.force_login(get_user_model().objects.get(username="isfahan"))  # another city's manager
    assert member.get(members_only.url).status_code == 200


@pytest.mark.search_engine
def test_a_word_only_inside_a_file_finds_its_item(db, engine):  # noqa: F811
    load_demo()
    call_command("search_index", "rebuild", stdout=io.StringIO())  # as `make run` does after load_demo
    anonymous, member = AnonymousUser(), get_user_model().objects.get(username="isfahan")

    for demo in DEMO_FILES:
        item = KnowledgeItem.objects.get(slug=demo.item)
        own_text = " ".join([item.title, item.summary, item.english_summary, str(item.body)])
        assert demo.only_inside not in own_text, demo.name  # only the file has the word
        reader = anonymous if item.visibility == "public" else member
        found = [hit.id for hit in search(reader, demo.only_inside).hits if hit.type in KINDS]
        assert item.pk in found, demo.name

    # The members-only item's file is as private as the item: the public never finds it.
    members_only = KnowledgeItem.objects.get(slug=demo_file(MEMBERS_PDF).item)
    assert members_only.pk not in [hit.id for hit in search(anonymous, demo_file(MEMBERS_PDF).only_inside).hits]
