"""What the search index holds of knowledge items: one document type per kind (knowledge.kinds).

Registered from KnowledgeConfig.ready(). The document types are the kinds' short names
("study", "training", "report"), as in the listing's URLs; the names search used before
("training_experience", "experience_report") are still accepted in requests.
"""

from django.db.models import Prefetch

from portal.audiences import MEMBERS, PUBLIC
from portal.translations import FIELD_PREFIXES, field_name
from search import registry
from search.prepare import (
    attach_terms,
    cities,
    date_fields,
    empty_document,
    organisation_ref,
    prefetched,
    prefetched_name,
    stored_url,
    streamfield_text,
    topic_names,
    translated_texts,
)
from search.text import extra_searchable_text, join_text, normalise

from .kinds import KIND_CHOICES, KINDS, kind_of
from .models import KnowledgeDocument
from .visibility import knowledge_items_for

# What people translated of an item (english_summary among them), searched in the database too
# while the engine is away.
TRANSLATED_FIELDS = tuple(field_name(part, language) for language in FIELD_PREFIXES for part in ("title", "summary"))

# Names the document types went by in search before they were the kinds' names: old links.
FORMER_NAMES = {"training": ("training_experience",), "report": ("experience_report",)}


def prepare_knowledge_item(item):
    """A Study, TrainingExperience or ExperienceReport (the specific page)."""
    organisation = item.organisation
    hazards, phases = prefetched(item, "hazards"), prefetched(item, "phases")
    document = empty_document(kind_of(item), item.pk)
    document.update(
        url=stored_url(item.get_url),
        external_id=item.external_id,
        title=normalise(item.title),
        summary=normalise(item.summary),
        body=join_text(streamfield_text(item), item.authors),
        english_summary=normalise(item.english_summary),
        **translated_texts(item),
        extra_text=extra_searchable_text(item),
        language=item.language,
        organisation=[organisation_ref(organisation)],
        city=cities(organisation.city),
        topics=topic_names(hazards, phases),
        hazards=sorted(h.slug for h in hazards),
        phases=sorted(p.slug for p in phases),
        visibility=PUBLIC if seen_by_public(item) else MEMBERS,
        live=item.live,
        organisation_id=organisation.pk,
        **date_fields(item.document_date or item.first_published_at),
    )
    return document


def seen_by_public(item):
    """Whether the public sees the item (knowledge.visibility), as `attach` marked it for its batch."""
    seen = getattr(item, "seen_by_public", None)
    if seen is None:
        return knowledge_items_for(PUBLIC).filter(pk=item.pk).exists()
    return seen


def attach(items):
    """What `prepare` reads of a batch at once: hazards and phases, and which items the public sees."""
    attach_terms(items)
    public = set(knowledge_items_for(PUBLIC).filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
    for item in items:
        item.seen_by_public = item.pk in public


def indexable(model):
    # What members see (knowledge.visibility): an item behind a group restriction is in no list, so in no
    # index; one behind a login or password restriction is indexed for members only.
    def pages():
        return (
            knowledge_items_for(MEMBERS, model)
            .select_related("organisation")
            # Documents, whose extracted text is indexed: one query per batch, into a plain list
            # (search.prepare.prefetched); Django builds a queryset per item for prefetches read
            # through the manager. Hazards and phases: `attach_terms`.
            .prefetch_related(
                Prefetch("documents", queryset=KnowledgeDocument.objects.select_related("document"),
                         to_attr=prefetched_name("documents")),
            )
        )

    return pages


def attached_documents(item):
    """The item's documents in their display order: the links read for its batch, else one query."""
    links = getattr(item, prefetched_name("documents"), None)
    if links is None:
        links = KnowledgeDocument.objects.filter(page_id=item.pk).select_related("document")
    return [link.document for link in sorted(links, key=lambda link: (link.sort_order or 0, link.pk or 0))]


def indexed_type(kind, label):
    model = KINDS[kind]
    return registry.IndexedType(
        name=kind,
        model=model,
        label=label,
        prepare=prepare_knowledge_item,
        indexable=indexable(model),
        members_only=lambda qs: qs.exclude(pk__in=knowledge_items_for(PUBLIC, model).values("pk")),
        attach=attach,
        indexed_on=registry.PUBLISH,
        organisations=("organisation",),
        attachments=registry.Attachments(documents=attached_documents, lookup="documents__document"),
        text_lookups=("title", "summary", "authors", "body", *TRANSLATED_FIELDS),
        aliases=FORMER_NAMES.get(kind, ()),
    )


def register():
    registry.register(*(indexed_type(kind, label) for kind, label in KIND_CHOICES))
