"""Related items on a knowledge item's page come from the engine's more-like-this."""

import pytest
from django.contrib.auth.models import AnonymousUser

from knowledge.factories import add_item
from knowledge.models import Visibility
from knowledge.related import related_items
from portal.factories import HazardFactory

pytestmark = pytest.mark.search_engine


@pytest.fixture
def shelf(engine, site_tree, orgs):
    quake = HazardFactory(slug="earthquake")
    kn = site_tree["knowledge"]
    items = {
        "study": add_item(kn, orgs["tehran"], title="مطالعه خطر زلزله تهران", language="fa",
                          summary="پهنه‌بندی خطر زلزله و آسیب‌پذیری ساختمان‌های مدارس تهران", hazards=[quake]),
        "neighbour": add_item(kn, orgs["isfahan"], title="آسیب‌پذیری مدارس اصفهان", language="fa",
                              summary="ارزیابی آسیب‌پذیری ساختمان مدارس در برابر زلزله"),
        "hidden": add_item(kn, orgs["isfahan"], title="آسیب‌پذیری مدارس شیراز", language="fa",
                           summary="ارزیابی آسیب‌پذیری ساختمان مدارس در برابر زلزله",
                           visibility=Visibility.MEMBERS),
        "unrelated": add_item(kn, orgs["isfahan"], title="Community flood drill", language="en",
                              summary="A neighbourhood evacuation exercise for river floods"),
        "chinese": add_item(kn, orgs["tehran"], title="社區應急管理培訓", language="zh",
                            summary="社区应急管理志愿者培训经验"),
        "chinese_neighbour": add_item(kn, orgs["isfahan"], title="社区应急管理演练", language="zh",
                                      summary="街道社区应急管理演练总结"),
    }
    engine.reindex()
    return items


def test_neighbours_by_words_in_their_language_and_permissions(shelf, people):
    public = related_items(shelf["study"], AnonymousUser())
    assert public and public[0].pk == shelf["neighbour"].pk
    assert shelf["hidden"].pk not in [i.pk for i in public]
    assert shelf["unrelated"].pk not in [i.pk for i in public]
    member = [i.pk for i in related_items(shelf["study"], people["isfahan"])]
    assert shelf["hidden"].pk in member

    chinese = related_items(shelf["chinese"], AnonymousUser())
    assert [i.pk for i in chinese][:1] == [shelf["chinese_neighbour"].pk]


def test_the_item_page_lists_them(shelf, client):
    html = client.get("/en" + shelf["study"].url[3:]).content.decode()
    assert "آسیب‌پذیری مدارس اصفهان" in html
    assert "آسیب‌پذیری مدارس شیراز" not in html


def test_without_the_engine_the_database_ranks_by_shared_topics(shelf, settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    quake = shelf["study"].hazards.first()
    shelf["unrelated"].hazards.add(quake)
    shelf["unrelated"].save()
    assert [i.pk for i in related_items(shelf["study"], AnonymousUser())] == [shelf["unrelated"].pk]
