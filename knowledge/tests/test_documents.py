"""Downloads through /documents/<id>/<filename>: who gets what, and the headers that keep them inert."""

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge.factories import add_item
from knowledge.models import KnowledgeDocument

from . import files


def document(name, content, user=None):
    uploaded = files.upload(name, content)
    doc = get_document_model()(title=name, file=uploaded, collection=Collection.get_first_root_node(),
                               uploaded_by_user=user)
    doc._set_document_file_metadata()
    doc.save()
    return doc


def attach(item, doc):
    KnowledgeDocument.objects.create(page=item, document=doc)
    return doc


@pytest.fixture
def library(site_tree, orgs, people):
    public = add_item(site_tree["knowledge"], orgs["tehran"], title="Public flood study")
    members = add_item(site_tree["knowledge"], orgs["tehran"], title="Drill notes", visibility="members")
    draft = add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran draft", publish=False,
                     owner=people["tehran"])
    return {
        "public_pdf": attach(public, document("study.pdf", files.pdf_bytes())),
        "public_docx": attach(public, document("table.docx", files.docx_bytes())),
        "members_pdf": attach(members, document("drill.pdf", files.pdf_bytes())),
        "draft_pdf": attach(draft, document("draft.pdf", files.pdf_bytes(), user=people["tehran"])),
        "unused": document("unused.pdf", files.pdf_bytes(), user=people["secretariat"]),
        "public": public,
    }


def test_public_documents_are_served_inline_when_pdf_with_safe_headers(client, library):
    response = client.get(library["public_pdf"].url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_office_files_are_always_downloaded_as_attachments(client, library):
    response = client.get(library["public_docx"].url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("key", ["members_pdf", "draft_pdf", "unused"])
def test_the_public_never_gets_private_documents(client, library, key):
    assert client.get(library[key].url).status_code == 403


def test_guessing_a_document_id_with_another_filename_finds_nothing(client, library):
    doc = library["members_pdf"]
    assert client.get(f"/documents/{doc.pk}/study.pdf").status_code == 404


def test_members_read_members_only_documents_but_not_another_citys_drafts(client, library, people):
    client.force_login(people["isfahan"])
    assert client.get(library["members_pdf"].url).status_code == 200
    assert client.get(library["draft_pdf"].url).status_code == 403
    assert client.get(library["unused"].url).status_code == 403
    client.force_login(people["tehran"])
    assert client.get(library["draft_pdf"].url).status_code == 200
    client.force_login(people["secretariat"])
    for key in ("members_pdf", "draft_pdf", "unused"):
        assert client.get(library[key].url).status_code == 200


def test_a_document_becomes_private_again_when_its_item_is_unpublished(client, library):
    library["public"].unpublish()
    assert client.get(library["public_pdf"].url).status_code == 403
