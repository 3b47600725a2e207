"""The search page, the JSON API and autocomplete, through URLs as a browser or a script uses them."""

import re

import pytest

from knowledge.factories import add_item
from resolutions.factories import ResolutionFactory, add_meeting

pytestmark = pytest.mark.search_engine


@pytest.fixture
def items(engine, site_tree, orgs):
    meeting = add_meeting(site_tree["meetings"], 9, title="Ninth meeting")
    ResolutionFactory(meeting=meeting, number=3, text="مقرر شد مانور زلزله برگزار شود", language="fa")
    add_item(site_tree["knowledge"], orgs["tehran"], title="مدیریت بحران زلزله تهران",
             summary="مطالعه خطر زلزله در کلان‌شهر تهران", language="fa", external_id="seed-000")
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Earthquake drill in Isfahan",
             summary="An earthquake drill for schools", language="en", kind="training")
    add_item(site_tree["knowledge"], orgs["tehran"], title="社區應急管理", summary="社区应急培训",
             language="zh")
    engine.reindex()


def test_page_shows_results_with_snippets_in_their_own_language_and_direction(items, client):
    response = client.get("/en/search/", {"q": "زلزله"})
    assert response.status_code == 200
    html = response.content.decode()
    # The study and the resolution, then the English drill, found through the thesaurus: it says
    # "earthquake", and the page says why it was found.
    assert "3 results for" in html
    assert html.index("مدیریت بحران <mark>زلزله</mark> تهران") < html.index("Earthquake drill in Isfahan")
    assert re.search(r'<p class="crossing">Found across languages:\s*<span dir="auto">زلزله</span> →\s*'
                     r'<span lang="en" dir="ltr">earthquake</span>', html)
    assert re.search(r'<p class="snippet" dir="auto" lang="fa">[^<]*<mark>زلزله</mark>', html)
    # The title links in the reader's language and shows what matched.
    title_link = r'<a href="/en/knowledge/[^"]+/" dir="auto" lang="fa">مدیریت بحران <mark>زلزله</mark> تهران'
    assert re.search(title_link, html)
    assert "Meeting 9, resolution 3" in html
    assert "/en/meetings/meeting-9/resolutions/3/" in html  # URLs in the reader's language


def test_page_in_persian_links_to_persian_urls(items, client):
    html = client.get("/fa/search/", {"q": "earthquake"}).content.decode()
    assert 'href="/fa/knowledge/' in html


def test_persian_page_writes_resolution_titles_in_persian_with_persian_digits(items, client):
    html = client.get("/fa/search/", {"q": "مانور"}).content.decode()
    assert "نشست ۹، مصوبه ۳" in html
    assert "resolution 3" not in html
    # Years in the facet, too: the Jalali years a Gregorian year spans, in Persian digits.
    assert re.search(r'<span class="facet-label" >\u200f?[۰-۹]{4}–[۰-۹]{4}</span>', html)


def test_facets_are_checkbox_links_with_counts(items, client):
    html = client.get("/en/search/", {"q": "زلزله"}).content.decode()
    link = re.search(r'<a class="facet-value" href="(\?[^"]+)" role="checkbox" aria-checked="false"[^>]*>\s*'
                     r'<span class="facet-box" aria-hidden="true"></span>\s*'
                     r'<span class="facet-label" >Study</span>\s*'
                     r'<span class="facet-count">1</span>', html)
    assert link, "the Study facet link"
    href = link.group(1).replace("&amp;", "&")
    assert "type=study" in href and "q=" in href

    selected = client.get("/en/search/" + href).content.decode()
    assert "1 result for" in selected
    assert re.search(r'aria-checked="true"[^>]*>\s*<span class="facet-box" aria-hidden="true"></span>\s*'
                     r'<span class="facet-label" >Study</span>', selected)
    assert "Clear all filters" in selected
    # The selection travels with a new query typed in the box.
    assert '<input type="hidden" name="type" value="study">' in selected


def test_facet_labels_in_another_language_than_the_page_say_which(items, client):
    english = client.get("/en/search/", {"q": "زلزله"}).content.decode()
    assert '<span class="facet-label" lang="fa" dir="rtl">فارسی</span>' in english
    persian = client.get("/fa/search/", {"q": "earthquake"}).content.decode()
    assert '<span class="facet-label" lang="en" dir="ltr">English</span>' in persian
    assert '<span class="facet-label" >فارسی</span>' in persian


def test_empty_result_is_helpful(items, client):
    html = client.get("/en/search/", {"q": "earthqake", "as_typed": "1"}).content.decode()
    assert "Nothing matches this search" in html
    assert "Did you mean" in html and "earthquake" in html
    html = client.get("/en/search/", {"q": "volcano", "type": "study"}).content.decode()
    assert "remove the filters" in html


def test_a_suggestion_in_another_language_says_so_and_the_question_ends_as_the_page_writes_it(items, client):
    # «ثشقفاضعشنث» is "earthquake" typed on the Persian layout; "lhk,v" is «مانور» typed on English.
    chinese = client.get("/zh-hans/search/", {"q": "ثشقفاضعشنث"}).content.decode()
    suggestion = r'<p class="suggestion">您是不是要找 <a href="\?q=earthquake" lang="en" dir="ltr">earthquake</a>？</p>'
    assert re.search(suggestion, chinese)
    persian = client.get("/fa/search/", {"q": "lhk,v"}).content.decode()
    assert re.search(r'<a href="[^"]+" lang="fa" dir="rtl">مانور</a>؟</p>', persian)


def test_autocomplete_reads_keys_typed_on_the_other_layout(items, client):
    titles = [r["title"] for r in client.get("/api/search/autocomplete/", {"q": "lndvdj"}).json()["results"]]
    assert titles == ["مدیریت بحران زلزله تهران"]  # «مدیریت» with the keyboard still on English


def test_invalid_requests_get_a_message_not_an_error(items, client):
    response = client.get("/en/search/", {"q": "x", "type": "nonsense", "page": "abc"})
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
    response = client.get("/api/search/", {"type": "nonsense"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"type"}


def test_api_answers_in_its_stable_shape(items, client):
    query = {"q": "زلزله", "type": "study", "lang": "fa"}
    response = client.get("/api/search/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"results", "facets", "total", "degraded"}
    assert data["total"] == 1 and data["degraded"] is False
    [result] = data["results"]
    assert set(result) == {"id", "type", "title", "url", "score", "highlight", "external_id", "language", "why",
                           "translated_summary"}
    assert result["language"] == "fa" and result["why"] == [] and result["translated_summary"] is None
    assert result["type"] == "study" and result["external_id"] == "seed-000"
    assert result["title"] == "مدیریت بحران زلزله تهران"
    assert isinstance(result["score"], float) and "<mark>" in result["highlight"][0]
    # Each facet counts as if its own selection were not made: the Persian resolution is offered.
    assert data["facets"]["type"] == [{"value": "resolution", "label": "Resolution", "count": 1},
                                      {"value": "study", "label": "Study", "count": 1}]
    facets = {"type", "organisation", "city", "hazard", "phase", "topic", "lang", "year", "status"}
    assert set(data["facets"]) == facets


def test_api_pages(items, client):
    data = client.get("/api/search/", {"size": 2, "page": 2}).json()
    assert data["total"] == 5 and data["page"] == 2 and len(data["results"]) == 2


def test_autocomplete_completes_titles_in_every_script(items, client):
    def completions(prefix):
        return [r["title"] for r in client.get("/api/search/autocomplete/", {"q": prefix}).json()["results"]]

    assert completions("Earthq") == ["Earthquake drill in Isfahan"]
    assert completions("مدیر") == ["مدیریت بحران زلزله تهران"]
    assert completions("社区应急") == ["社區應急管理"]
    assert completions("") == []


# --- degraded modes ---------------------------------------------------------------------------

def test_no_engine_configured_answers_from_the_database(items, client, settings):
    settings.ELASTICSEARCH_URL = ""
    response = client.get("/en/search/", {"q": "زلزله"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Search is running in reduced mode" in html
    assert "مدیریت بحران زلزله تهران" in html and "<mark>زلزله</mark>" in html
    data = client.get("/api/search/", {"q": "社区"}).json()
    assert data["degraded"] is True
    assert [r["title"] for r in data["results"]] == ["社區應急管理"]  # variants: simplified finds traditional
    assert client.get("/api/search/autocomplete/", {"q": "Earth"}).json()["degraded"] is True


def test_a_missing_index_falls_back_instead_of_failing(items, engine, client):
    engine.delete_all_versions()
    response = client.get("/en/search/", {"q": "earthquake"})
    assert response.status_code == 200
    assert "Search is running in reduced mode" in response.content.decode()
    assert client.get("/api/search/", {"q": "earthquake"}).json()["total"] == 1


def test_unreachable_engine_falls_back(items, client, settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    data = client.get("/api/search/", {"q": "earthquake"}).json()
    assert data["degraded"] is True and data["total"] == 1
