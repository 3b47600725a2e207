"""A deleted item takes along the attachments its owner uploaded for it, files included, unless
something else still uses them."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge.factories import add_item
from knowledge.models import KnowledgeDocument

from .files import pdf_bytes


def stored_document(title, uploaded_by):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node(),
                                    uploaded_by_user=uploaded_by)
    document.file.save(f"{title}.pdf", ContentFile(pdf_bytes(title)), save=False)
    document.save()
    return document


def test_deleting_an_item_removes_only_its_owners_unused_attachments(
    site_tree, orgs, people, media_root, django_capture_on_commit_callbacks,
):
    owner, editor = people["isfahan"], people["secretariat"]
    knowledge = site_tree["knowledge"]
    item = add_item(knowledge, orgs["isfahan"], title="Drill notes", publish=False, owner=owner)
    other_item = add_item(knowledge, orgs["isfahan"], title="Drill report", owner=owner)
    own = stored_document("own-notes", owner)
    shared = stored_document("shared-notes", owner)
    secretariats = stored_document("secretariat-notes", editor)
    for document in (own, shared, secretariats):
        KnowledgeDocument.objects.create(page=item, document=document)
    KnowledgeDocument.objects.create(page=other_item, document=shared)
    paths = {d.pk: media_root / d.file.name for d in (own, shared, secretariats)}

    with django_capture_on_commit_callbacks(execute=True):
        item.delete()

    remaining = set(get_document_model().objects.values_list("pk", flat=True))
    assert remaining == {shared.pk, secretariats.pk}
    assert not paths[own.pk].exists()
    assert paths[shared.pk].exists() and paths[secretariats.pk].exists()
