"""The generated benchmark corpus (bench/corpus.py), at a size the suite can afford."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from wagtail.models import Page

from bench import corpus as benchmark
from knowledge.models import ExperienceReport, KnowledgeItem, Study, TrainingExperience
from knowledge.search import prepare_knowledge_item
from portal.chinese import to_simplified
from search import service
from search.forms import SearchForm
from search.results import SearchParams

PERSIAN_DIGIT = re.compile("[۰-۹]")


def all_text(item):
    return " ".join([item.title, item.summary] + [block["value"] for block in item.body])


def test_the_same_seed_gives_the_same_corpus_and_a_longer_one_starts_with_it():
    first = list(benchmark.generate_items(40, seed=7))
    assert list(benchmark.generate_items(40, seed=7)) == first
    assert list(benchmark.generate_items(10, seed=7)) == first[:10]
    assert list(benchmark.generate_items(40, seed=8)) != first
    assert benchmark.benchmark_queries(50, seed=3) == benchmark.benchmark_queries(50, seed=3)


def test_the_corpus_mixes_languages_scripts_kinds_and_readers():
    items = list(benchmark.generate_items(300, seed=1))
    assert {i.language for i in items} == {"fa", "zh", "en"}
    assert {i.script for i in items} == {"persian", "arabic-letters", "simplified", "traditional", "latin"}
    assert {i.kind for i in items} == {"study", "training", "report"}
    assert {i.visibility for i in items} == {"public", "members"}
    assert len({i.organisation for i in items}) > 10
    assert len({i.document_date.year for i in items}) > 10

    persian = " ".join(all_text(i) for i in items if i.script == "persian")
    assert benchmark.ZWNJ in persian and PERSIAN_DIGIT.search(persian)
    assert "ی" in persian and "ي" not in persian
    arabic_letters = " ".join(all_text(i) for i in items if i.script == "arabic-letters")
    assert "ي" in arabic_letters and "ك" in arabic_letters
    traditional = " ".join(all_text(i) for i in items if i.script == "traditional")
    simplified = " ".join(all_text(i) for i in items if i.script == "simplified")
    assert to_simplified(traditional) != traditional  # really Traditional characters
    assert to_simplified(simplified) == simplified
    english = " ".join(all_text(i) for i in items if i.language == "en")
    assert re.search(r"\b(drill|flood|earthquake|evacuation)\b", english, re.IGNORECASE)


@pytest.fixture
def generated(site_tree):
    items = list(benchmark.generate_items(45, seed=2))
    created = benchmark.create_items(site_tree["knowledge"], items, batch_size=20)
    assert created == 45
    return items


def test_bulk_created_items_are_consistent_wagtail_pages(site_tree, generated):
    assert all(not problems for problems in Page.find_problems())
    knowledge = Page.objects.get(pk=site_tree["knowledge"].pk)
    assert knowledge.numchild == knowledge.get_children().count() == 45
    assert benchmark.generated_count(knowledge) == 45

    pages = {page.slug: page for page in KnowledgeItem.objects.child_of(knowledge).specific()}
    for item in generated:
        page = pages[item.slug]
        kinds = {"study": Study, "training": TrainingExperience, "report": ExperienceReport}
        assert type(page) is kinds[item.kind]
        assert (page.title, page.summary, page.language) == (item.title, item.summary, item.language)
        assert sorted(h.slug for h in page.hazards.all()) == item.hazards
        assert page.live and page.url_path == f"{knowledge.url_path}{item.slug}/"

    # The tree takes ordinary Wagtail children after the bulk insert, and another batch after that.
    organisation = pages[generated[0].slug].organisation
    later = Study(title="Added by hand", slug="added-by-hand", organisation=organisation, summary="—")
    knowledge.add_child(instance=later)
    benchmark.create_items(knowledge, benchmark.generate_items(5, seed=2, start=46))
    assert all(not problems for problems in Page.find_problems())
    assert Page.objects.get(pk=knowledge.pk).numchild == 51


def test_generated_pages_render_and_respect_visibility(generated):
    public = next(i for i in generated if i.visibility == "public")
    members = next(i for i in generated if i.visibility == "members")
    page = KnowledgeItem.objects.get(slug=public.slug)
    response = Client().get(page.url)
    assert response.status_code == 200
    assert public.title in response.content.decode()
    hidden = KnowledgeItem.objects.get(slug=members.slug)
    assert Client().get(hidden.url).status_code == 302  # to the sign-in page
    assert Client().get("/en/knowledge/").status_code == 200


def test_generated_pages_are_found_by_the_database_search(settings, generated):
    settings.ELASTICSEARCH_URL = ""
    item = next(i for i in generated if i.language == "en" and i.visibility == "public")
    word = item.title.split()[0]
    outcome = service.search(SearchParams(q=word, page_size=50), AnonymousUser())
    assert outcome.degraded
    assert item.slug in {hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in outcome.hits}

    page = KnowledgeItem.objects.get(slug=item.slug).specific
    document = prepare_knowledge_item(page)
    assert document["body"] and document["hazards"] == item.hazards


def test_benchmark_queries_are_valid_search_requests():
    for query in benchmark.benchmark_queries(120):
        data = {"q": query.q, "sort": query.sort, "page": query.page, **query.filters}
        form = SearchForm(data)
        assert form.is_valid(), (query, form.errors)
