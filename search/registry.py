"""What is indexed: the document types the apps register, and the rules that come with them.

Each app says in its own `search.py` what it indexes and calls `register(...)` from its
AppConfig.ready(); this module never names an app's models. One IndexedType says everything
the search machinery needs of a kind of document: how to build it, which rows belong in the
index, who sees them, which other documents change with it, how its changes reach the index,
what attachments it carries, which facet values it owns, where organisations appear in it.

The same definitions serve indexing, `search_index check` and the database fallback, so the
index and the fallback apply one set of rules.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from django.apps import apps

from portal.audiences import MEMBERS, sees

# How a type's changes reach the index (signals.py connects them).
PUBLISH = "publish"  # Wagtail pages: publish, unpublish, move, view restrictions; and delete
SAVE = "save"  # plain records: every save and delete
# What says "changed" on a page, for catching up with edits made during a rebuild.
PAGE_CHANGED_AT = ("last_published_at", "latest_revision_created_at")


class Ref(NamedTuple):
    """An object to (re)index or remove: its model label and primary key."""

    label: str
    pk: int


@dataclass(frozen=True)
class Attachments:
    """Files whose extracted text goes into a document's `extra_text` (attachments.py)."""

    documents: Callable  # (object) -> its Wagtail documents, in display order
    lookup: str  # from a row to its documents' ids ("attachments", "documents__document")


@dataclass(frozen=True)
class IndexedType:
    """One kind of document in the index.

    `dependents` is the table of what changes with an object: {type name: lookup}, the rows of
    that type whose `lookup` is this object (a lookup string), or is the value of one of this
    object's attributes (a pair: ("lines", "line_id") = rows whose `lines` is `obj.line_id`).
    """

    name: str  # the document's `type`
    model: type
    label: object  # shown on the search page
    prepare: Callable  # (object) -> the document (a dict with every field of the mapping)
    indexable: Callable  # () -> QuerySet of the rows that belong in the index
    members_only: Callable  # (QuerySet) -> the part only members may see
    # (list of objects) -> None: reads what `prepare` needs of a whole batch at once
    attach: Callable = lambda objects: None
    indexed_on: str = PUBLISH  # or SAVE
    relations: tuple = ()  # many-to-many fields whose changes change the document
    dependents: dict = field(default_factory=dict)  # other documents that show this object
    organisations: tuple = ()  # lookups from a row to the organisations whose names it carries
    attachments: Attachments | None = None
    # Database fields the fallback matches as the index matches title, summary, body...
    text_lookups: tuple = ()
    changed_at: tuple = PAGE_CHANGED_AT  # date fields that move when a row changes
    facet_labels: dict = field(default_factory=dict)  # {facet name: {value: label}} it owns
    title: Callable | None = None  # (hit) -> a title, for documents without one of their own
    aliases: tuple = ()  # former names, still accepted in requests
    # (meeting ordinals, resolution numbers) -> a filter of the rows a query names by number
    # («مصوبه ۵ نشست نهم»), for the database search; None: the type has no numbers
    numbered: Callable | None = None

    @property
    def model_label(self):
        return self.model._meta.label_lower

    def queryset(self):
        return self.indexable()

    def ready(self, objects):
        """The objects in a list, ready for `prepare` (see `attach`)."""
        objects = list(objects)
        self.attach(objects)
        return objects

    def batches(self, objects, size):
        """The objects in lists of `size`, each ready for `prepare`."""
        objects = iter(objects)
        while batch := self.ready(islice(objects, size)):
            yield batch

    def visible_to(self, user):
        qs = self.indexable()
        if sees(user, MEMBERS):
            return qs
        return qs.exclude(pk__in=self.members_only(qs).values("pk"))

    def ref(self, pk):
        return Ref(self.model_label, pk)

    def rows(self, **lookup):
        """Primary keys of this type's rows (indexable or not) matching the lookup."""
        return self.model._default_manager.filter(**lookup).values_list("pk", flat=True).distinct()


# --- the registry ------------------------------------------------------------------------------
# Lists and dicts filled in place, so that modules holding them see every type registered later.

TYPES = []
BY_NAME = {}
BY_LABEL = {}
_listeners = []


def register(*indexed_types):
    """Add types to the index (from an AppConfig.ready(): models must be loaded)."""
    apps.check_models_ready()
    for indexed_type in indexed_types:
        if indexed_type.indexed_on not in (PUBLISH, SAVE):
            raise ValueError(f"{indexed_type.name}: indexed_on must be PUBLISH or SAVE")
        previous = BY_NAME.get(indexed_type.name)
        if previous is not None:  # registered again (a second ready()): the newer definition wins
            TYPES[TYPES.index(previous)] = indexed_type
        else:
            TYPES.append(indexed_type)
        BY_NAME[indexed_type.name] = indexed_type
        BY_LABEL[indexed_type.model_label] = indexed_type
        for listener in _listeners:
            listener(indexed_type)


def when_registered(listener):
    """Call `listener(indexed_type)` for every type, registered so far or later (signals.py)."""
    if listener not in _listeners:
        _listeners.append(listener)
    for indexed_type in TYPES:
        listener(indexed_type)


def type_of(instance_or_label):
    label = instance_or_label if isinstance(instance_or_label, str) else instance_or_label._meta.label_lower
    return BY_LABEL.get(label)


def ref_of(instance):
    indexed = type_of(instance)
    return indexed.ref(instance.pk) if indexed else None


def type_named(name):
    """The type a request's `type` value names, by its name or a former one; None if none."""
    if name in BY_NAME:
        return BY_NAME[name]
    return next((t for t in TYPES if name in t.aliases), None)


def facet_labels(facet_name):
    """{value: label} of a facet's values, as the types that own them describe them."""
    labels = {}
    for indexed_type in TYPES:
        labels |= indexed_type.facet_labels.get(facet_name, {})
    return labels


# --- which rows are indexable -----------------------------------------------------------------

def published_pages(model):
    """Live pages, not behind a view restriction (only members of the network would pass a
    login or group restriction, and a password is nobody's business)."""
    return model.objects.live().public()


# --- what else changes when an object changes ------------------------------------------------

def refs_for(instance):
    """The object itself and the documents that show something of it."""
    refs = []
    indexed_type = type_of(instance)
    if indexed_type is None:
        return refs
    refs.append(indexed_type.ref(instance.pk))
    for type_name, lookup in indexed_type.dependents.items():
        dependent = BY_NAME.get(type_name)
        if dependent is None:
            continue
        lookup, attribute = (lookup, "pk") if isinstance(lookup, str) else lookup
        value = getattr(instance, attribute)
        if value is not None:
            refs += [dependent.ref(pk) for pk in dependent.rows(**{lookup: value}).order_by("pk")]
    return _unique(refs)


def refs_for_organisation(organisation):
    """Every document that carries the organisation's name or city."""
    refs = []
    for indexed_type in TYPES:
        pks = set()
        for lookup in indexed_type.organisations:
            pks |= set(indexed_type.rows(**{lookup: organisation}))
        refs += [indexed_type.ref(pk) for pk in sorted(pks)]
    return _unique(refs)


def refs_for_term(term):
    """Every document tagged with this hazard or phase (any many-to-many to its model), and the
    documents that show something of those."""
    refs = []
    for indexed_type in TYPES:
        for relation in indexed_type.model._meta.many_to_many:
            if relation.related_model is type(term):
                tagged = indexed_type.model._default_manager.filter(**{relation.name: term}).order_by("pk")
                for obj in tagged:
                    refs += refs_for(obj)
    return _unique(refs)


def refs_carrying(document):
    """Every document whose `extra_text` holds this Wagtail document's text."""
    refs = []
    for indexed_type in TYPES:
        if indexed_type.attachments is not None:
            pks = indexed_type.rows(**{indexed_type.attachments.lookup: document.pk}).order_by("pk")
            refs += [indexed_type.ref(pk) for pk in pks]
    return _unique(refs)


def _unique(refs):
    return list(dict.fromkeys(refs))
