"""Three search systems over the judged set, on the same Elasticsearch node and the same texts.

- `PlainIndex`: what anyone gets in ten minutes: one index, the standard analyzer, `multi_match`
  on title^2 and body.
- `WagtailBackend`: Wagtail's own Elasticsearch 8 backend with its default settings, the pages
  indexed by their `search_fields` and asked as a plain Wagtail site asks
  (`Page.objects.live().public().search(q)`).
- `PortalSearch`: the portal's search as the public uses it (search.service.search, the function
  behind the search page and `/api/search/`), over the documents imported by `import_documents`.

Each answers `ranked(query, size)`: the judged set's document ids, best first.
"""

from elasticsearch.dsl import Q, Search

PLAIN_MAPPING = {"properties": {"doc_id": {"type": "keyword"}, "title": {"type": "text"}, "body": {"type": "text"}}}


class PlainIndex:
    name = "plain index"

    def __init__(self, client, index):
        self.client, self.index = client, index

    def build(self, documents):
        from elasticsearch.helpers import bulk

        self.client.indices.delete(index=self.index, ignore_unavailable=True)
        self.client.indices.create(index=self.index, mappings=PLAIN_MAPPING, settings={"number_of_shards": 1,
                                                                                       "number_of_replicas": 0})
        bulk(self.client, ({"_index": self.index, "_id": d["id"], "doc_id": d["id"], "title": d["title"],
                            "body": d["body"]} for d in documents), refresh=True)

    def ranked(self, query, size=10):
        return [hit.doc_id for hit in self.page(query, size)]

    def page(self, query, size=10):
        """A page of hits with their total: what a results page asks."""
        return Search(using=self.client, index=self.index).query(
            Q("multi_match", query=query, fields=["title^2", "body"])
        ).extra(track_total_hits=True).source(["doc_id"])[:size].execute()

    def drop(self):
        self.client.indices.delete(index=self.index, ignore_unavailable=True)


class WagtailBackend:
    name = "Wagtail's Elasticsearch backend"

    def __init__(self, url, prefix):
        from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

        self.backend = Elasticsearch8SearchBackend({"URLS": [url], "INDEX_PREFIX": prefix})
        self.external_ids = {}

    def build(self, pages, chunk_size=500):
        """Index the given live pages (specific instances, any iterable) as `update_index` would."""
        from itertools import islice

        from wagtail.models import Page

        self.backend.get_index_for_model(Page).reset()
        mapped = set()
        pages = iter(pages)
        while chunk := list(islice(pages, chunk_size)):
            by_model = {}
            for page in chunk:
                by_model.setdefault(type(page), []).append(page)
                self.external_ids[page.pk] = page.external_id
            for model, items in by_model.items():
                index = self.backend.get_index_for_model(model)
                if model not in mapped:
                    index.add_model(model)
                    mapped.add(model)
                index.add_items(model, items)
        self.backend.get_index_for_model(Page).refresh()

    @property
    def index(self):
        """The index every page type shares, as Wagtail's backend names it."""
        from wagtail.models import Page

        return self.backend.get_index_for_model(Page).name

    def page(self, query, size=10, facet="language"):
        """A page of hits, their count and one facet: what a plain Wagtail results page asks."""
        from knowledge.models import KnowledgeItem

        results = self.backend.search(query, KnowledgeItem.objects.live().public())
        return list(results[:size]), results.count(), results.facet(facet)

    def ranked(self, query, size=10):
        from wagtail.models import Page

        results = self.backend.search(query, Page.objects.live().public())[:size]
        return [self.external_ids.get(page.pk, "") for page in results]

    def drop(self):
        from wagtail.models import Page

        self.backend.get_index_for_model(Page).delete()


class PortalSearch:
    name = "the portal"

    def __init__(self):
        from django.contrib.auth.models import AnonymousUser

        self.reader = AnonymousUser()

    def ranked(self, query, size=10):
        from search import service
        from search.results import SearchParams

        outcome = service.search(SearchParams(q=query, page_size=size), self.reader)
        if outcome.degraded:
            raise RuntimeError("The portal answered from the database: the search engine is not reachable.")
        return [hit.external_id for hit in outcome.hits]
