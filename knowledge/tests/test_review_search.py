"""A shared study is found by search once the secretariat publishes it, and not before."""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.tests.conftest import engine, engine_address  # noqa: F401  (the real node)
from search.tests.helpers import search, titles

from .test_review import act

pytestmark = pytest.mark.search_engine
SHARE = "/en/knowledge/share/"


def test_a_published_submission_appears_in_search(client, engine, site_tree, people, share_form_data, pdf,
                                                    django_capture_on_commit_callbacks):
    client.force_login(people["isfahan"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHARE, share_form_data(action="submit", title="Isfahan river flood study",
                                                      documents=[pdf()]))
    assert response.status_code == 302
    from knowledge.models import KnowledgeItem

    item = KnowledgeItem.objects.get(owner=people["isfahan"]).specific
    engine.refresh()
    assert "Isfahan river flood study" not in titles(search(people["isfahan"], "river flood"))

    with django_capture_on_commit_callbacks(execute=True):
        act(client, people["secretariat"], item, "approve")
    engine.refresh()
    assert titles(search(AnonymousUser(), "river flood")) == ["Isfahan river flood study"]
    client.logout()
    api = client.get("/api/search/", {"q": "river flood"}).json()
    assert [hit["title"] for hit in api["results"]] == ["Isfahan river flood study"]
