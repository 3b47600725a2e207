"""The development node hosts Wagtail's own Elasticsearch 8 backend: default settings, unpatched.

Wagtail's backend is the search benchmark's peer, so it must run on the same node as ours. Its
default index settings define `ngram` and `edge_ngram` tokenizers, `ngram` and `edge_ngram`
filters, use `asciifolding` and set `index.max_ngram_diff`: analysis-common components that the
development node only has through search/engine/analysis-plugin. When one is missing, creating
Wagtail's index fails and so does this module (restart the node after changing the plugin).
"""

import uuid

import pytest
from django.utils.html import escape
from elasticsearch import BadRequestError
from wagtail.rich_text import RichText
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

from knowledge.factories import add_item
from knowledge.models import Study

pytestmark = pytest.mark.search_engine


def wagtail_backend(url, prefix, **params):
    # INDEX_PREFIX is the backend's own name for it (django-modelsearch); "INDEX" would be ignored.
    return Elasticsearch8SearchBackend({"URLS": [url], "INDEX_PREFIX": prefix, **params})


@pytest.fixture
def prefix():
    return f"test-{uuid.uuid4().hex[:12]}-"


@pytest.fixture
def wagtail(engine_address, prefix):
    """Wagtail's backend and its (empty) page index, created exactly as Wagtail creates it."""
    backend = wagtail_backend(engine_address, prefix)
    # Nothing overridden: the class's own defaults are what goes to the engine.
    assert backend.settings == Elasticsearch8SearchBackend.settings
    index = backend.get_index_for_model(Study)  # knowledge items live in the page index
    try:
        try:
            index.reset()  # delete + put(): indices.create with backend.settings
        except BadRequestError as exc:
            pytest.fail(
                f"The search engine refused Wagtail's default index settings: {exc.body['error']['reason']}. "
                "search/engine/analysis-plugin must register every analysis-common component they use "
                "(see search/engine/README.md); restart the node after rebuilding it.",
                pytrace=False,
            )
        index.add_model(Study)  # put_mapping, as Wagtail's rebuild does
        yield backend, index
    finally:
        index.delete()


@pytest.fixture
def add(site_tree, orgs):
    def add(title, summary, body=""):
        paragraphs = [("paragraph", RichText(f"<p>{escape(body)}</p>"))] if body else []
        return add_item(site_tree["knowledge"], orgs["tehran"], title=title, summary=summary, body=paragraphs)

    return add


def found(results):
    return {page.title for page in results}


def terms(backend, index, text, **analysis):
    response = backend.es.indices.analyze(index=index.name, text=text, **analysis)
    return [token["token"] for token in response["tokens"]]


def test_the_index_has_wagtails_default_analysis(wagtail):
    backend, index = wagtail
    settings = backend.es.indices.get_settings(index=index.name)[index.name]["settings"]["index"]
    assert settings["max_ngram_diff"] == "12"
    analysis = settings["analysis"]
    assert set(analysis["analyzer"]) == {"ngram_analyzer", "edgengram_analyzer"}
    assert set(analysis["tokenizer"]) == {"ngram_tokenizer", "edgengram_tokenizer"}
    assert set(analysis["filter"]) == {"ngram", "edgengram"}


def test_wagtail_indexes_searches_and_autocompletes_knowledge_items(wagtail, add):
    backend, index = wagtail
    items = [
        add("Earthquake response in Tehran", "Lessons from the district drills"),
        add("Flood warnings for river towns", "Sirens and text messages",
            body="Sandbags stored before the rains"),
        add("Évacuation drills at schools", "Children leave the building in three minutes"),
    ]
    index.add_items(Study, items)
    index.refresh()

    # Whole words, in the title, the summary or the body (a StreamField).
    assert found(backend.search("earthquake", Study)) == {"Earthquake response in Tehran"}
    assert found(backend.search("sirens", Study)) == {"Flood warnings for river towns"}
    assert found(backend.search("sandbags", Study)) == {"Flood warnings for river towns"}
    assert found(backend.search("drills", Study)) == {
        "Earthquake response in Tehran", "Évacuation drills at schools",
    }
    assert found(backend.search("volcano", Study)) == set()

    # Beginnings of title words (edgengram_analyzer: asciifolding, lowercase, edge_ngram).
    assert found(backend.autocomplete("earthq", Study)) == {"Earthquake response in Tehran"}
    assert found(backend.autocomplete("FLO", Study)) == {"Flood warnings for river towns"}
    assert found(backend.autocomplete("evac", Study)) == {"Évacuation drills at schools"}
    assert found(backend.autocomplete("sch", Study)) == {"Évacuation drills at schools"}
    assert found(backend.autocomplete("quake", Study)) == set()  # beginnings only


def test_the_ngram_components_cut_like_analysis_common(wagtail):
    backend, index = wagtail
    # Filters: ngram 3..15 and edge_ngram 1..15, after asciifolding and lowercase.
    assert terms(backend, index, "Flood", analyzer="ngram_analyzer") == [
        "flo", "floo", "flood", "loo", "lood", "ood",
    ]
    assert terms(backend, index, "Évac", analyzer="edgengram_analyzer") == ["e", "ev", "eva", "evac"]
    # Tokenizers Wagtail defines (ngram 3..15, edge_ngram 2..15): whole text, case kept.
    assert terms(backend, index, "Flood", tokenizer="ngram_tokenizer") == [
        "Flo", "Floo", "Flood", "loo", "lood", "ood",
    ]
    assert terms(backend, index, "Flood", tokenizer="edgengram_tokenizer") == ["Fl", "Flo", "Floo", "Flood"]
    # Wagtail releases before django-modelsearch tokenized with `lowercase`: letters only.
    assert terms(backend, index, "Flood-Warnings 2024 Évacuation", tokenizer="lowercase") == [
        "flood", "warnings", "évacuation",
    ]


def test_max_ngram_diff_is_enforced_like_analysis_common(engine_address, prefix):
    tighter = {"settings": {"index": {"max_ngram_diff": 1}}}
    backend = wagtail_backend(engine_address, prefix, INDEX_SETTINGS=tighter)
    index = backend.get_index_for_model(Study)
    refusal = r"max_gram and min_gram in NGram Tokenizer must be less than or equal to: \[1\] but was \[12\]"
    try:
        with pytest.raises(BadRequestError, match=refusal):
            index.put()
    finally:
        index.delete()
