"""When a city's answer to a resolution is published, its open follow-up line moves to "in progress";
when an item is deleted, the attachments its owner uploaded for it go too (with their files)."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from resolutions.models import LineStatus


def mark_line_in_progress(item):
    """Record a report on the submitting city's line if it was still open; return the report or None."""
    resolution = item.answers_resolution
    if resolution is None:
        return None
    line = resolution.lines.filter(organisation=item.organisation, status=LineStatus.OPEN).first()
    if line is None:
        return None
    text = _("Shared on the portal and approved by the secretariat: %(title)s %(url)s") % {
        "title": item.title, "url": item.full_url or "",
    }
    return line.record_report(author=item.owner, text=text, status=LineStatus.IN_PROGRESS)


def answer_published(sender, instance, **kwargs):
    from .models import KnowledgeItem

    if isinstance(instance, KnowledgeItem):
        mark_line_in_progress(instance)


def item_deleted(sender, instance, **kwargs):
    from .models import KnowledgeDocument, KnowledgeItem
    from .submissions import delete_unused_attachments

    # Sent once per table of the item (KnowledgeItem, then its kind): the first, with the links still there.
    if type(instance) is not KnowledgeItem:
        return
    document_ids = list(KnowledgeDocument.objects.filter(page=instance).values_list("document", flat=True))
    if document_ids:
        item_id, owner_id = instance.pk, instance.owner_id
        transaction.on_commit(lambda: delete_unused_attachments(item_id, document_ids, owner_id))


def connect():
    page_published.connect(answer_published, dispatch_uid="knowledge_answer_published")
    pre_delete.connect(item_deleted, dispatch_uid="knowledge_item_deleted")
