"""The read API: what the public and members see, filters, pagination, errors, CORS, the schema."""

import pytest
from django.urls import resolve, reverse

from portal.tests import test_api_fixtures
from portal.tests.test_api_fixtures import (
    INTERNAL_NOTE,
    INTERNAL_TEXT,
    MEMBERS_TITLE,
    SECRET_EMAIL,
    anonymous_secrets,
)

world = test_api_fixtures.world  # the shared fixture
LISTS = ["/api/meetings/", "/api/resolutions/", "/api/knowledge/", "/api/organisations/"]


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), (url, response.status_code)
    return response


def ok(client, url, **params):
    response = get(client, url, **params)
    assert response.status_code == 200, (url, params, response.content[:500])
    return response.json()


def numbers(data):
    return sorted((r["meeting"]["number"], r["number"]) for r in data["results"])


# --- who sees what ---------------------------------------------------------------------------------

def test_anonymous_answers_contain_nothing_private(client, world):
    urls = LISTS + [
        f"/api/meetings/{world['m9'].number}/",
        f"/api/meetings/{world['m10'].number}/",
        f"/api/resolutions/{world['flood_public'].pk}/",
        f"/api/knowledge/{world['public_study'].pk}/",
        "/api/organisations/tehran/",
        "/api/resolutions/?page_size=100&status=open&status=in_progress&status=done",
        "/api/knowledge/?page_size=100&hazard=flood",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in anonymous_secrets():
            assert secret not in text, (url, secret)
        assert '"lines"' not in text, url


def test_anonymous_sees_public_resolutions_of_published_meetings_only(client, world):
    data = ok(client, "/api/resolutions/")
    assert data["count"] == 3
    assert numbers(data) == [(9, 1), (9, 2), (10, 1)]
    assert all(r["is_public"] for r in data["results"])
    assert get(client, f"/api/resolutions/{world['internal'].pk}/").status_code == 404
    assert get(client, f"/api/resolutions/{world['unpublished'].pk}/").status_code == 404
    assert get(client, "/api/meetings/11/").status_code == 404


def test_members_see_internal_resolutions_and_follow_up_lines(client, world, people):
    client.force_login(people["isfahan"])
    data = ok(client, "/api/resolutions/")
    assert numbers(data) == [(9, 1), (9, 2), (10, 1), (10, 2)]
    internal = ok(client, f"/api/resolutions/{world['internal'].pk}/")
    assert internal["text"] == INTERNAL_TEXT
    assert internal["is_public"] is False
    assert [line["organisation"]["slug"] for line in internal["lines"]] == ["isfahan"]
    # The internal note is for the secretariat's eyes only, never in the API.
    client.force_login(people["secretariat"])
    assert INTERNAL_NOTE not in client.get(f"/api/resolutions/{world['internal'].pk}/").content.decode()


def test_outsiders_signed_in_see_what_the_public_sees(client, world, people):
    client.force_login(people["outsider"])
    assert ok(client, "/api/resolutions/")["count"] == 3
    assert SECRET_EMAIL not in client.get("/api/organisations/tehran/").content.decode()


def test_resolution_fields(client, world):
    data = ok(client, f"/api/resolutions/{world['flood_public'].pk}/")
    assert data["meeting"]["number"] == 9
    assert data["owners"][0]["slug"] == "isfahan"
    assert data["status"] == "open" and data["overdue"] is True
    assert data["hazards"][0]["slug"] == "flood"
    assert data["url"].startswith("http://testserver/") and data["url"].endswith("/resolutions/1/")
    everyone = ok(client, f"/api/resolutions/{world['everyone'].pk}/")
    assert everyone["owned_by_all_members"] is True


def test_knowledge_items_public_and_members_only(client, world, people):
    data = ok(client, "/api/knowledge/")
    assert sorted(i["title"] for i in data["results"]) == ["Isfahan earthquake drill", "Public flood study"]
    assert get(client, f"/api/knowledge/{world['members_item'].pk}/").status_code == 404
    assert get(client, f"/api/knowledge/{world['draft'].pk}/").status_code == 404
    client.force_login(people["tehran"])
    titles = [i["title"] for i in ok(client, "/api/knowledge/")["results"]]
    assert MEMBERS_TITLE in titles and "Tehran unfinished draft" not in titles
    assert ok(client, f"/api/knowledge/{world['members_item'].pk}/")["visibility"] == "members"


def test_knowledge_item_fields(client, world):
    data = ok(client, f"/api/knowledge/{world['public_study'].pk}/")
    assert data["type"] == "study" and data["title"] == "Public flood study"
    assert data["organisation"]["slug"] == "tehran" and data["year"] == 2019
    assert [h["slug"] for h in data["hazards"]] == ["flood"]
    assert [p["slug"] for p in data["phases"]] == ["preparedness"]
    assert data["url"].startswith("http://testserver/")
    training = ok(client, f"/api/knowledge/{world['training'].pk}/")
    assert training["type"] == "training" and "people_trained" in training


def test_organisations_contact_email_for_members_only(client, world, people):
    anonymous = ok(client, "/api/organisations/tehran/")
    assert "contact_email" not in anonymous
    assert anonymous["names"]["en"] == "Tehran"
    client.force_login(people["isfahan"])
    assert ok(client, "/api/organisations/tehran/")["contact_email"] == SECRET_EMAIL
    listed = ok(client, "/api/organisations/", page_size=100)["results"]
    assert {o["slug"]: o.get("contact_email") for o in listed}["tehran"] == SECRET_EMAIL


def test_meetings(client, world, people):
    data = ok(client, "/api/meetings/")
    assert [m["number"] for m in data["results"]] == [10, 9]
    m10 = ok(client, "/api/meetings/10/")
    assert m10["resolution_count"] == 1 and [r["number"] for r in m10["resolutions"]] == [1]
    m9 = ok(client, "/api/meetings/9/")
    assert sorted(p["slug"] for p in m9["participants"]) == ["isfahan", "tehran"]
    client.force_login(people["isfahan"])
    assert ok(client, "/api/meetings/10/")["resolution_count"] == 2


# --- filters -----------------------------------------------------------------------------------------

RESOLUTION_FILTERS = [
    ({"meeting": 9}, [(9, 1), (9, 2)]),
    ({"meeting": [9, 10]}, [(9, 1), (9, 2), (10, 1)]),
    ({"organisation": "tehran"}, [(9, 2), (10, 1)]),  # owner, or a line through "all members"
    ({"organisation": ["tehran", "isfahan"]}, [(9, 1), (9, 2), (10, 1)]),
    ({"city": "hamedan"}, [(9, 1), (9, 2)]),
    ({"hazard": "flood"}, [(9, 1)]),
    ({"lang": "fa"}, [(9, 2)]),
    ({"year": 2015}, [(10, 1)]),
    ({"status": "done"}, []),
    ({"status": "open"}, [(9, 1), (9, 2), (10, 1)]),
    ({"overdue": "true"}, [(9, 1)]),
    ({"overdue": "false"}, [(9, 2), (10, 1)]),
    ({"meeting": 9, "hazard": "earthquake"}, [(9, 2)]),
]

KNOWLEDGE_FILTERS = [
    ({"type": "study"}, ["Public flood study"]),
    ({"type": "training_experience"}, ["Isfahan earthquake drill"]),
    ({"type": ["study", "training_experience"]}, ["Isfahan earthquake drill", "Public flood study"]),
    ({"type": "experience_report"}, []),  # the names before one vocabulary: still accepted
    ({"type": "training"}, ["Isfahan earthquake drill"]),
    ({"type": ["study", "report"]}, ["Public flood study"]),
    ({"organisation": "isfahan"}, ["Isfahan earthquake drill"]),
    ({"city": "Tehran"}, ["Public flood study"]),
    ({"hazard": "flood"}, ["Public flood study"]),
    ({"phase": "preparedness"}, ["Public flood study"]),
    ({"lang": "fa"}, ["Isfahan earthquake drill"]),
    ({"year": 2019}, ["Public flood study"]),
    ({"year": [2019, 2021]}, ["Isfahan earthquake drill", "Public flood study"]),
]


def test_resolution_filters(client, world):
    for params, expected in RESOLUTION_FILTERS:
        assert numbers(ok(client, "/api/resolutions/", **params)) == expected, params


def test_knowledge_filters(client, world):
    for params, expected in KNOWLEDGE_FILTERS:
        titles = sorted(i["title"] for i in ok(client, "/api/knowledge/", **params)["results"])
        assert titles == expected, params


def test_knowledge_hazard_filter_for_members_includes_members_only(client, world, people):
    client.force_login(people["isfahan"])
    titles = sorted(i["title"] for i in ok(client, "/api/knowledge/", hazard="flood")["results"])
    assert titles == [MEMBERS_TITLE, "Public flood study"]


def test_meeting_and_organisation_filters(client, world):
    assert [m["number"] for m in ok(client, "/api/meetings/", year=2012)["results"]] == [9]
    assert [m["number"] for m in ok(client, "/api/meetings/", organisation="isfahan")["results"]] == [9]
    assert [m["number"] for m in ok(client, "/api/meetings/", city="TABRIZ")["results"]] == [10]
    former = ok(client, "/api/organisations/", active="false")["results"]
    assert [o["slug"] for o in former] == ["retired-city"]
    secretariats = ok(client, "/api/organisations/", kind="network_secretariat")["results"]
    assert [o["slug"] for o in secretariats] == ["network-secretariat"]
    assert [o["slug"] for o in ok(client, "/api/organisations/", city="isfahan")["results"]] == ["isfahan"]


@pytest.mark.parametrize("url, params, status, message", [
    ("/api/resolutions/", {"hazard": "volcano"}, 400, "Unknown hazard: volcano."),
    ("/api/resolutions/", {"organisation": "atlantis"}, 400, "Unknown organisation: atlantis."),
    ("/api/knowledge/", {"phase": "nope"}, 400, "Unknown phase: nope."),
    ("/api/resolutions/", {"status": "finished"}, 422, "status"),
    ("/api/resolutions/", {"year": "last"}, 422, "year"),
    ("/api/resolutions/", {"meeting": "-3"}, 422, "meeting"),
    ("/api/knowledge/", {"type": "poem"}, 422, "type"),
    ("/api/knowledge/", {"lang": "de"}, 422, "lang"),
    ("/api/knowledge/", {"hazard": "<script>"}, 422, "hazard"),
    ("/api/organisations/", {"kind": "club"}, 422, "kind"),
    ("/api/meetings/", {"page_size": 101}, 422, "page_size"),
    ("/api/meetings/", {"page": 0}, 422, "page"),
    ("/api/meetings/", {"city": "a\x00b"}, 422, "city"),
    ("/api/meetings/abc/", {}, 422, "number"),
    ("/api/meetings/99999999999999999999999/", {}, 422, "number"),
    ("/api/resolutions/99999999999999999999999/", {}, 422, "id"),
    ("/api/organisations/no such/", {}, 422, "slug"),
])
def test_invalid_filters_are_clear_client_errors(client, db, url, params, status, message):
    response = get(client, url, **params)
    assert response.status_code == status, response.content
    assert message in response.content.decode()


def test_unknown_objects_are_404(client, db):
    for url in ("/api/meetings/77/", "/api/resolutions/987654/", "/api/knowledge/987654/",
                "/api/organisations/atlantis/"):
        response = get(client, url)
        assert response.status_code == 404 and response.json() == {"detail": "Not found."}


# --- pagination --------------------------------------------------------------------------------------

def test_pagination(client, world):
    first = ok(client, "/api/resolutions/", page_size=2, lang="en")
    assert first["count"] == 2 and first["next"] is None and first["previous"] is None
    first = ok(client, "/api/resolutions/", page_size=2)
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    assert first["next"].startswith("http://testserver/api/resolutions/?")
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert "page=1" in second["previous"]
    seen = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert len(seen) == 3
    beyond = ok(client, "/api/resolutions/", page=9, page_size=2)
    assert beyond["results"] == [] and beyond["next"] is None and "page=2" in beyond["previous"]
    # Filters are kept in the links.
    assert "meeting=9" in ok(client, "/api/resolutions/", page_size=1, meeting=9)["next"]


# --- CORS, the schema, the search route --------------------------------------------------------------

def test_cors_only_for_listed_origins(client, site_tree, settings):
    assert "Access-Control-Allow-Origin" not in client.get("/api/meetings/", HTTP_ORIGIN="https://x.example")
    settings.API_CORS_ALLOWED_ORIGINS = ["https://data.example.org"]
    response = client.get("/api/meetings/", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "https://data.example.org"
    assert "Origin" in response["Vary"]
    assert "Access-Control-Allow-Credentials" not in response
    other = client.get("/api/meetings/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/en/feeds/resolutions/", HTTP_ORIGIN="https://data.example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_openapi_schema(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Metropolitan Crisis Management Network API"
    assert schema["info"]["version"] == "1.0.0" and schema["info"]["description"]
    for path in ("/api/meetings/", "/api/meetings/{number}/", "/api/resolutions/", "/api/resolutions/{id}/",
                 "/api/knowledge/", "/api/knowledge/{id}/", "/api/organisations/",
                 "/api/organisations/{slug}/", "/api/follow-up/reports/"):
        assert path in schema["paths"], path
    post = schema["paths"]["/api/follow-up/reports/"]["post"]
    assert "curl -X POST" in post["description"] and "Authorization: Bearer" in post["description"]
    assert post["security"] == [{"TokenAuth": []}]


def test_search_api_route_still_reaches_the_search_app(db):
    assert reverse("search_api:search") == "/api/search/"
    match = resolve("/api/search/")
    assert match.func.__module__ == "search.views"
    assert resolve("/api/meetings/").func.__module__.startswith("ninja")


def test_details_carry_every_translation_people_wrote(client, world):
    resolution, study = world["flood_public"], world["public_study"]
    resolution.simplified_chinese_summary = "与其他城市共享洪水地图。"
    resolution.save()
    study.persian_title, study.persian_summary = "مطالعه سیل", "خلاصه فارسی"
    study.save_revision().publish()
    data = client.get(f"/api/resolutions/{resolution.pk}/").json()
    assert data["translations"]["zh-hans"] == {"title": "", "summary": "与其他城市共享洪水地图。"}
    item = client.get(f"/api/knowledge/{study.pk}/").json()
    assert item["translations"]["fa"] == {"title": "مطالعه سیل", "summary": "خلاصه فارسی"}
    assert "en" not in item["translations"]  # the original is English
