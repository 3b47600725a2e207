"""Compare what the database says should be indexed with what the index holds, per type."""

from dataclasses import dataclass, field

from elasticsearch import helpers

from . import conf, registry
from .client import get_client
from .documents import content_index


@dataclass
class TypeDrift:
    indexed_type: registry.IndexedType
    in_database: set = field(default_factory=set)
    in_index: set = field(default_factory=set)

    @property
    def missing(self):
        """Should be searchable but is not in the index."""
        return self.in_database - self.in_index

    @property
    def extra(self):
        """In the index but should not be (deleted, unpublished, restricted...)."""
        return self.in_index - self.in_database

    @property
    def drifted(self):
        return bool(self.missing or self.extra)


def type_of_id(document_id):
    return document_id.rsplit("-", 1)[0]


def index_ids(client, index):
    """{type name: {pk}} of every document in the index."""
    ids = {}
    everything = {"query": {"match_all": {}}}
    for hit in helpers.scan(client, index=index, query=everything, _source=False, size=1000):
        type_name, _, pk = hit["_id"].rpartition("-")
        ids.setdefault(type_name, set()).add(int(pk))
    return ids


def compare(*, client=None, index=None):
    client = client or get_client()
    in_index = index_ids(client, index or conf.alias_name())
    report = []
    for indexed_type in registry.TYPES:
        report.append(TypeDrift(
            indexed_type=indexed_type,
            in_database=set(indexed_type.queryset().values_list("pk", flat=True)),
            in_index=in_index.pop(indexed_type.name, set()),
        ))
    return report


def counts_agree(*, client=None, index=None):
    """Whether the index holds as many documents of each type as the database says it should: a
    count per type and one request, where `compare` reads every document's id (a rebuild of the
    benchmark's 100,000 documents spent 2 of its 57 seconds on it). Equal counts leave one drift
    unseen: as many documents missing from the index as it holds in excess, in the same type, none
    of them changed where `versions.changed_since` looks (a view restriction lifted from one page
    and put on another while a rebuild filled)."""
    client = client or get_client()
    answer = client.search(index=index or conf.alias_name(), size=0, track_total_hits=True,
                           aggs={"types": {"terms": {"field": "type", "size": len(registry.TYPES) + 1}}})
    in_index = {bucket["key"]: bucket["doc_count"] for bucket in answer["aggregations"]["types"]["buckets"]}
    if sum(in_index.values()) != answer["hits"]["total"]["value"]:
        return False  # a document of no known type
    in_database = {t.name: t.queryset().values("pk").distinct().count() for t in registry.TYPES}
    return in_index == {name: count for name, count in in_database.items() if count}


def mapping_differences(*, client=None, index=None):
    """Fields (with their types) the code's mapping has and the index lacks, and the reverse.

    An index built before a change to documents.py refuses the new fields of every document
    written to it (its mapping is strict): only `search_index rebuild` brings it up to date.
    """
    client = client or get_client()
    expected = field_types(content_index("expected").to_dict()["mappings"]["properties"])
    live = client.indices.get_mapping(index=index or conf.alias_name()).body
    actual = {}
    for version in live.values():
        actual |= field_types(version["mappings"].get("properties", {}))
    missing = sorted(f"{path} ({kind})" for path, kind in expected.items() if actual.get(path) != kind)
    unexpected = sorted(f"{path} ({kind})" for path, kind in actual.items() if expected.get(path) != kind)
    return missing, unexpected


def analysis_differences(*, client=None, index=None):
    """The analyzers, filters and character filters the index defines otherwise than the code
    ("filter portal_persian_word_forms"): a word list or rule changed since it was built. Its
    documents were analysed the old way, so only `search_index rebuild` makes them match again."""
    client = client or get_client()
    expected = _as_strings(content_index("expected").to_dict()["settings"].get("analysis", {}))
    differences = set()
    for version in client.indices.get_settings(index=index or conf.alias_name()).body.values():
        actual = _as_strings(version["settings"]["index"].get("analysis", {}))
        for kind in expected.keys() | actual.keys():
            ours, theirs = expected.get(kind, {}), actual.get(kind, {})
            differences |= {f"{kind} {name}" for name in ours.keys() | theirs.keys()
                            if ours.get(name) != theirs.get(name)}
    return sorted(differences)


def _as_strings(value):
    """Settings as the engine returns them: every value a string."""
    if isinstance(value, dict):
        return {key: _as_strings(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_strings(item) for item in value]
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def field_types(properties, prefix=""):
    """{"title": "text", "title.autocomplete": "text", "organisation.slug": "keyword", ...}"""
    types = {}
    for name, spec in properties.items():
        path = prefix + name
        # A text kept only to show (documents.kept_text) is another field than one searched.
        types[path] = spec.get("type", "object") + (" not indexed" if spec.get("index") is False else "")
        types |= field_types(spec.get("properties", {}), f"{path}.")
        types |= field_types(spec.get("fields", {}), f"{path}.")
    return types
