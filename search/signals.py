"""Index on change, after the transaction commits.

Each handler works out which documents the change touches (registry.refs_for) and schedules
indexing.sync for them with transaction.on_commit(robust=True): a rolled-back change is never
indexed, and neither an unreachable engine nor a bug in indexing can fail the save or publish
(sync queues what it could not write; robust on_commit logs anything else).

Inside `indexing_in_bulk()` (bulk imports) the same changes are collected and written in one
bulk request when the block ends, instead of one request per object.

A renamed organisation, hazard or phase reaches every document that carries its names, possibly
thousands: finding and writing them is a task for the worker (`reindex_organisation`,
`reindex_term`), enqueued after commit, so the admin's save answers at once.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django_tasks import task
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import conf, indexing, queue, registry

ORGANISATION_SEARCHABLE_FIELDS = ("slug", "name_fa", "name_en", "name_zh", "aliases", "city")
# The vocabularies documents are tagged with (their names are indexed in `topics`, slugs as facets).
TERM_MODELS = ("portal.hazard", "portal.phase")
TERM_SEARCHABLE_FIELDS = ("slug", "name_fa", "name_en", "name_zh")

# {action: [refs]} while an indexing_in_bulk() block runs.
_bulk_changes = ContextVar("search_bulk_changes", default=None)


def schedule(refs, action=queue.INDEX):
    refs = [r for r in refs if r is not None]
    if not refs or not conf.engine_configured():
        return
    collected = _bulk_changes.get()
    if collected is not None:
        # Still on commit: a change in a rolled-back savepoint never reaches the list.
        transaction.on_commit(partial(collected[action].extend, refs), robust=True)
    else:
        transaction.on_commit(partial(indexing.sync, refs, action), robust=True)


@contextmanager
def indexing_in_bulk():
    """Index what the block changes with one bulk write after it, not one request per object.

    The write is scheduled on commit like any other (it runs at once outside a transaction) and
    queues what the engine does not take. A nested block leaves the writing to the outer one.
    """
    if _bulk_changes.get() is not None:
        yield
        return
    collected = {queue.INDEX: [], queue.DELETE: []}
    token = _bulk_changes.set(collected)
    try:
        yield
    finally:
        _bulk_changes.reset(token)
        for action, refs in collected.items():
            # The lists fill as the block's changes commit, before this callback runs.
            transaction.on_commit(partial(_sync_collected, refs, action), robust=True)


def _sync_collected(refs, action):
    if refs:
        indexing.sync(refs, action)


def enqueue_after_commit(background_task, *args):
    """Run the task in the worker once the change is committed (never for a rolled-back one)."""
    if conf.engine_configured():
        transaction.on_commit(partial(background_task.enqueue, *args), robust=True)


@task()
def reindex(refs, action=queue.INDEX):
    """Write these documents ([model label, pk] pairs) as the database has them now."""
    indexing.sync([registry.Ref(label, int(pk)) for label, pk in refs], action)
    return len(refs)


# --- pages -----------------------------------------------------------------------------------

def page_changed(sender, instance, **kwargs):
    instance = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    if registry.type_of(instance) is not None:
        schedule(registry.refs_for(instance))


def page_removed(sender, instance, **kwargs):
    instance = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    if registry.type_of(instance) is not None:
        schedule(registry.refs_for(instance), queue.DELETE)


def page_and_descendants(page):
    refs = []
    for descendant in page.get_descendants(inclusive=True).specific(defer=True):
        if registry.type_of(descendant) is not None:
            refs += registry.refs_for(descendant)
    return refs


def page_moved(sender, instance, **kwargs):
    """URLs of the page and everything under it changed."""
    schedule(page_and_descendants(instance))


def view_restriction_changed(sender, instance, raw=False, **kwargs):
    """A restriction changes who sees a whole section (the apps' visibility rules): re-decide for all of it."""
    if not raw:
        schedule(page_and_descendants(instance.page))


# --- any indexed object ------------------------------------------------------------------------

def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(registry.refs_for(instance))


def deleted(sender, instance, **kwargs):
    """Gone from the index, and the documents that showed something of it written again."""
    schedule(registry.refs_for(instance), queue.DELETE)


def relations_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        schedule(registry.refs_for(instance))
    elif pk_set:  # changed from the related object's side (through the reverse accessor)
        for changed in model._default_manager.filter(pk__in=pk_set):
            schedule(registry.refs_for(changed))


def connect_type(indexed_type):
    """Index this type's changes: a page on publish (`connect`) and delete, a record on every save."""
    model, uid = indexed_type.model, f"search_{indexed_type.name}"
    post_delete.connect(deleted, sender=model, dispatch_uid=f"{uid}_deleted")
    if indexed_type.indexed_on == registry.SAVE:
        post_save.connect(record_saved, sender=model, dispatch_uid=f"{uid}_saved")
    for relation in indexed_type.relations:
        m2m_changed.connect(relations_changed, sender=getattr(model, relation).through,
                            dispatch_uid=f"{uid}_{relation}")


# --- attached documents: their text is in the documents of the objects carrying them ------------
# Documents linked to a page (an inline panel) change with a publish, which re-indexes the page.

def collection_restriction_changed(sender, instance, raw=False, **kwargs):
    """Files of a collection became private or public: the objects carrying them, with or without
    their text (attachments.attached_documents)."""
    if raw:
        return
    Document = apps.get_model("wagtaildocs.document")
    collections = instance.collection.get_descendants(inclusive=True)
    for document in Document.objects.filter(collection__in=collections):
        schedule(registry.refs_carrying(document))


def document_saved(sender, instance, created=False, raw=False, **kwargs):
    """A replaced file reaches the objects that carry the document."""
    if not raw and not created:
        schedule(registry.refs_carrying(instance))


def document_deleting(sender, instance, **kwargs):
    schedule(registry.refs_carrying(instance))  # indexed after commit, without this document


# --- organisations: their names and city are copied into documents ---------------------------

def organisation_before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._search_previous = (
        sender.objects.filter(pk=instance.pk).values_list(*ORGANISATION_SEARCHABLE_FIELDS).first()
    )


def organisation_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    current = tuple(getattr(instance, name) for name in ORGANISATION_SEARCHABLE_FIELDS)
    if getattr(instance, "_search_previous", current) != current:
        enqueue_after_commit(reindex_organisation, instance.pk)


@task()
def reindex_organisation(organisation_id):
    """Every document that carries the organisation's name or city, written again."""
    organisation = apps.get_model("portal.organisation").objects.filter(pk=organisation_id).first()
    refs = registry.refs_for_organisation(organisation) if organisation else []
    indexing.sync(refs)
    return len(refs)


# --- hazards and phases: their names are copied into the documents tagged with them ------------

def term_before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._search_previous = sender.objects.filter(pk=instance.pk).values_list(*TERM_SEARCHABLE_FIELDS).first()


def term_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    current = tuple(getattr(instance, name) for name in TERM_SEARCHABLE_FIELDS)
    if getattr(instance, "_search_previous", current) != current:
        enqueue_after_commit(reindex_term, instance._meta.label_lower, instance.pk)


def term_deleting(sender, instance, **kwargs):
    """The tagged documents, found while the links still exist, are written again without the term."""
    refs = registry.refs_for_term(instance)
    if refs:
        enqueue_after_commit(reindex, [list(ref) for ref in refs])


@task()
def reindex_term(model_label, term_id):
    """Every document tagged with the hazard or phase (and those showing them), written again."""
    term = apps.get_model(model_label).objects.filter(pk=term_id).first()
    refs = registry.refs_for_term(term) if term else []
    indexing.sync(refs)
    return len(refs)


def connect():
    """Called once, from the search app's ready(): the signals of every type, registered already
    or later, and those of pages, documents, organisations, hazards and phases whatever the type."""
    registry.when_registered(connect_type)
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_removed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    PageViewRestriction = apps.get_model("wagtailcore.pageviewrestriction")
    for signal, uid in ((post_save, "search_restriction_saved"), (post_delete, "search_restriction_deleted")):
        signal.connect(view_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
    CollectionViewRestriction = apps.get_model("wagtailcore.collectionviewrestriction")
    for signal, uid in ((post_save, "search_collection_restriction_saved"),
                        (post_delete, "search_collection_restriction_deleted")):
        signal.connect(collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid=uid)
    Document = apps.get_model("wagtaildocs.document")
    post_save.connect(document_saved, sender=Document, dispatch_uid="search_document_saved")
    pre_delete.connect(document_deleting, sender=Document, dispatch_uid="search_document_deleting")
    Organisation = apps.get_model("portal.organisation")
    pre_save.connect(organisation_before_save, sender=Organisation, dispatch_uid="search_org_before")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid="search_org_saved")
    for label in TERM_MODELS:
        Term, uid = apps.get_model(label), f"search_{label}"
        pre_save.connect(term_before_save, sender=Term, dispatch_uid=f"{uid}_before")
        post_save.connect(term_saved, sender=Term, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(term_deleting, sender=Term, dispatch_uid=f"{uid}_deleting")
