"""A security sweep through every way in: pages, exports, feeds, sitemap, the API, search, downloads
and the admin.

- Hidden things (drafts, members-only items and their documents, internal resolutions, reports,
  another city's drafts and attachments, the secretariat's internal notes) answer 403/404 where
  they are asked for, and no title, slug, text or file name of them shows anywhere else, facets
  and suggestions included; anonymously and as a city manager of another organisation.
- Hostile text in titles, rich text, file names and search queries comes out inert: no script,
  no event handler, no javascript: link in HTML; escaped in Atom; plain data in JSON.
- Every URL and every form refuses a POST without its CSRF token, and nothing is written.
"""

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from knowledge.factories import add_item
from knowledge.models import BodyBlock, KnowledgeDocument, KnowledgeItem
from knowledge.submissions import submit_for_review
from knowledge.tests.files import pdf_bytes, upload
from portal.documents import downloadable, may_download
from portal.factories import HazardFactory, OrganisationFactory
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus
from search.tests.conftest import engine, engine_address  # noqa: F401 - fixtures

ATOM = "{http://www.w3.org/2005/Atom}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    """Uploads in a folder of their own; no search engine unless a test asks for `engine`."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(params=[pytest.param("engine", marks=pytest.mark.search_engine), "database"])
def search_mode(request):
    """Search answered by the real engine or by the database fallback; call it once content exists."""
    if request.param == "engine":
        return request.getfixturevalue("engine").reindex
    return lambda: None


def stored_document(title, filename, *, by=None):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node(),
                                    uploaded_by_user=by)
    document.file.save(filename, ContentFile(pdf_bytes(title)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


# --- what must stay hidden ----------------------------------------------------------------------

DRAFT_TITLE = "Quarry collapse contingency draft"
DRAFT_SLUG = "quarry-collapse-contingency-draft"
DRAFT_SUMMARY = "Unreleased casualty figures"
DRAFT_FILE_TITLE = "Quarry casualty estimates"
DRAFT_FILE = "quarry-casualty-estimates.pdf"
DRAFT_HAZARD = "quarry-collapse"
MEMBERS_TITLE = "Tunnel evacuation notes"
MEMBERS_SLUG = "tunnel-evacuation-notes"
MEMBERS_SUMMARY = "Where the tunnel exits are"
MEMBERS_FILE_TITLE = "Tunnel exit plans"
MEMBERS_FILE = "tunnel-exit-plans.pdf"
MEMBERS_HAZARD = "tunnel-fire"
INTERNAL_TEXT = "Repair the siren network before winter"
INTERNAL_NOTE = "Siren budget agreed with the governor"
INTERNAL_REPORT = "Forty sirens were replaced"
INTERNAL_FILE = "siren-invoice.pdf"
PUBLIC_LINE_REPORT = "Volunteers trained in district five"

# What nobody outside the network may read.
PUBLIC_SECRETS = [DRAFT_TITLE, DRAFT_SLUG, DRAFT_SUMMARY, DRAFT_FILE_TITLE, DRAFT_FILE.removesuffix(".pdf"),
                  MEMBERS_TITLE, MEMBERS_SLUG, MEMBERS_SUMMARY, MEMBERS_FILE_TITLE,
                  MEMBERS_FILE.removesuffix(".pdf"), INTERNAL_TEXT, INTERNAL_NOTE, INTERNAL_REPORT,
                  INTERNAL_FILE.removesuffix(".pdf"), PUBLIC_LINE_REPORT]
# What a city manager of another organisation may not read: Tehran's draft, the secretariat's note.
CITY_SECRETS = [DRAFT_TITLE, DRAFT_SLUG, DRAFT_SUMMARY, DRAFT_FILE_TITLE, DRAFT_FILE.removesuffix(".pdf"),
                INTERNAL_NOTE]


@pytest.fixture
def hidden(site_tree, orgs, people):
    """Tehran's draft with its attachment, a members-only item with its document, an internal
    resolution with Tehran's report and attachment, and Tehran's report on a public resolution."""
    tehran, tehran_manager = orgs["tehran"], people["tehran"]
    knowledge = site_tree["knowledge"]
    public_item = add_item(knowledge, tehran, title="Flood shelters of Tehran")
    public_document = stored_document("Flood shelter map", "flood-shelter-map.pdf")
    KnowledgeDocument.objects.create(page=public_item, document=public_document)

    draft = add_item(knowledge, tehran, title=DRAFT_TITLE, slug=DRAFT_SLUG, summary=DRAFT_SUMMARY,
                     publish=False, owner=tehran_manager, document_date=datetime.date(1999, 5, 1))
    draft.hazards.set([HazardFactory(slug=DRAFT_HAZARD, name_en="Quarry collapse")])
    draft.save()
    draft_document = stored_document(DRAFT_FILE_TITLE, DRAFT_FILE, by=tehran_manager)
    KnowledgeDocument.objects.create(page=draft, document=draft_document)
    draft.save_revision(user=tehran_manager)

    members_item = add_item(knowledge, tehran, title=MEMBERS_TITLE, slug=MEMBERS_SLUG,
                            summary=MEMBERS_SUMMARY, visibility="members",
                            document_date=datetime.date(1998, 5, 1))
    members_item.hazards.set([HazardFactory(slug=MEMBERS_HAZARD, name_en="Tunnel fire")])
    members_item.save()
    members_item.save_revision().publish()
    members_document = stored_document(MEMBERS_FILE_TITLE, MEMBERS_FILE)
    KnowledgeDocument.objects.create(page=members_item, document=members_document)

    meeting = add_meeting(site_tree["meetings"], 9)
    public_resolution = ResolutionFactory(meeting=meeting, number=1, owners=[tehran, orgs["isfahan"]],
                                          text="Train volunteers in every district")
    internal = ResolutionFactory(meeting=meeting, number=2, owners=[tehran], is_public=False,
                                 text=INTERNAL_TEXT, internal_note=INTERNAL_NOTE)
    internal_file = stored_document(INTERNAL_FILE.removesuffix(".pdf"), INTERNAL_FILE, by=tehran_manager)
    internal.lines.get().record_report(author=tehran_manager, text=INTERNAL_REPORT, status=LineStatus.DONE,
                                       attachments=[internal_file])
    tehran_line = public_resolution.lines.get(organisation=tehran)
    tehran_line.record_report(author=tehran_manager, text=PUBLIC_LINE_REPORT, status=LineStatus.IN_PROGRESS)
    return SimpleNamespace(**locals())


def readable(response):
    """The answer as text, whatever it is (an XLSX export is read cell by cell)."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith(XLSX):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def sweep(client, urls, secrets):
    """GET each URL, check its status, and that its answer names none of the secrets.

    `urls` maps a URL to the statuses it may answer. A secret that is part of the URL itself (the
    slug of the page asked for) may be echoed back: the caller already knows it.
    """
    problems = []
    for url, statuses in urls.items():
        response = client.get(url)
        if response.status_code not in statuses:
            problems.append(f"{url}: {response.status_code}, expected {statuses}")
            continue
        text = readable(response)
        leaked = [s for s in secrets if s in text and s not in url]
        if leaked:
            problems.append(f"{url} shows {leaked}")
    assert not problems, "\n".join(problems)


OK = (200,)
SIGN_IN = (302,)
HIDDEN = (403, 404)
GONE = (404,)


def page_urls(hidden):
    return {
        "/en/": OK, "/fa/": OK, "/zh-hans/": OK,
        hidden.site_tree["knowledge"].url: OK,
        hidden.site_tree["knowledge"].url + f"?hazard={MEMBERS_HAZARD}": OK + (400,),
        hidden.site_tree["knowledge"].url + f"?hazard={DRAFT_HAZARD}": OK + (400,),
        hidden.site_tree["knowledge"].url + "?year=1999": OK + (400,),
        hidden.public_item.url: OK,
        hidden.site_tree["meetings"].url: OK,
        hidden.meeting.url: OK,
        hidden.public_resolution.get_url(): OK,
        "/en/start/": OK + GONE,
        "/en/organisations/": OK,
        "/en/organisations/tehran/": OK,
        "/en/minutes/9/": OK, "/en/minutes/9.csv": OK, "/en/minutes/9.xlsx": OK,
        "/en/feeds/resolutions/": OK, "/en/feeds/resolutions/status/": OK, "/en/feeds/knowledge/": OK,
        f"/en/feeds/knowledge/{MEMBERS_HAZARD}/": OK + GONE,
        f"/en/feeds/knowledge/{DRAFT_HAZARD}/": OK + GONE,
        "/sitemap.xml": OK, "/en/sitemap.xml": GONE,  # one sitemap, listing every language
        "/api/meetings/": OK, "/api/meetings/9/": OK,
        "/api/resolutions/": OK, f"/api/resolutions/{hidden.public_resolution.pk}/": OK,
        "/api/knowledge/": OK, f"/api/knowledge/?hazard={MEMBERS_HAZARD}": OK,
        "/api/knowledge/?year=1999": OK,
        f"/api/knowledge/{hidden.public_item.pk}/": OK,
        "/api/organisations/": OK, "/api/organisations/tehran/": OK, "/api/openapi.json": OK,
        hidden.public_document.url: OK,
        # Asked for by address: refused.
        hidden.draft.url: GONE,
        hidden.members_item.url: SIGN_IN,
        hidden.meeting.resolution_url(2): GONE,
        f"/api/resolutions/{hidden.internal.pk}/": GONE,
        f"/api/knowledge/{hidden.draft.pk}/": GONE,
        f"/api/knowledge/{hidden.members_item.pk}/": GONE,
        hidden.draft_document.url: HIDDEN,
        hidden.members_document.url: HIDDEN,
        hidden.internal_file.url: HIDDEN,
        reverse("wagtaildocs_serve", args=[hidden.draft_document.pk, "other-name.pdf"]): HIDDEN,
        f"/en/resolutions/{hidden.internal.pk}/history/": SIGN_IN,
        "/en/board/": SIGN_IN,
        f"/en/knowledge/mine/{hidden.draft.pk}/": SIGN_IN,
        f"/admin/pages/{hidden.draft.pk}/edit/": SIGN_IN,
        f"/admin/pages/{hidden.draft.pk}/view_draft/": SIGN_IN,
    }


SEARCHES = ["", "quarry", "tunnel", "siren", "sirens", "volunteers", "casualty", "exits", "1999", "1998"]
FACET_FILTERS = [{"hazard": DRAFT_HAZARD}, {"hazard": MEMBERS_HAZARD}, {"year": "1999"}, {"year": "1998"},
                 {"type": "study"}, {"type": "follow_up_report"}, {"organisation": "tehran"},
                 {"status": "done"}, {"lang": "en"}]
PREFIXES = ["Quarry", "Tunnel", "Siren", "Repair", "Forty", "Volunteers", "Unreleased", "Where"]


def search_urls():
    urls = {}
    for q in SEARCHES:
        urls[f"/en/search/?q={q}"] = OK
        urls[f"/api/search/?q={q}"] = OK
    for filters in FACET_FILTERS:
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        urls[f"/en/search/?q=&{query}"] = OK
        urls[f"/api/search/?q=&{query}"] = OK
    for prefix in PREFIXES:
        urls[f"/api/search/autocomplete/?q={prefix}"] = OK
    return urls


def facet_counts(client, url):
    """{(facet, value): count} of a search API answer."""
    facets = client.get(url).json()["facets"]
    return {(name, v["value"]): v["count"] for name, values in facets.items() for v in values}


def hidden_facet_values(client, hazards, years):
    """Facet values with a count that only hidden items could give them."""
    found = {}
    for filters in [{}] + FACET_FILTERS:
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        for key, count in facet_counts(client, f"/api/search/?q=&{query}").items():
            if count and key in {("hazard", h) for h in hazards} | {("year", y) for y in years}:
                found[key] = count
    return found


# --- the public -------------------------------------------------------------------------------

def test_the_public_finds_no_trace_of_hidden_content(client, hidden):
    sweep(client, page_urls(hidden), PUBLIC_SECRETS)


def test_search_shows_the_public_no_trace_of_hidden_content(client, hidden, search_mode):
    search_mode()
    sweep(client, search_urls(), PUBLIC_SECRETS)
    assert not hidden_facet_values(client, [DRAFT_HAZARD, MEMBERS_HAZARD], ["1998", "1999"])
    # The test can fail: the public item is found, with its facets.
    found = BeautifulSoup(client.get("/en/search/?q=shelters").content.decode(), "html.parser")
    assert "Flood shelters of Tehran" in found.get_text()  # (the engine marks "shelters" in it)
    assert facet_counts(client, "/api/search/?q=")[("organisation", "tehran")] >= 1


# --- a city manager of another organisation ----------------------------------------------------

def city_manager_urls(hidden):
    draft = hidden.draft
    knowledge_index = hidden.site_tree["knowledge"]
    urls = {
        url: statuses for url, statuses in page_urls(hidden).items()
        if not url.startswith(("/en/knowledge/mine/", "/admin/", "/en/board/", "/en/resolutions/"))
    }
    urls |= {
        # Members read members-only items, internal resolutions and their files…
        hidden.members_item.url: OK,
        hidden.members_document.url: OK,
        hidden.meeting.resolution_url(2): OK,
        f"/api/resolutions/{hidden.internal.pk}/": OK,
        f"/api/knowledge/{hidden.members_item.pk}/": OK,
        "/en/board/": OK,
        f"/en/resolutions/{hidden.internal.pk}/history/": OK,
        f"/en/resolutions/{hidden.public_resolution.pk}/history/": OK,
        "/en/knowledge/mine/": OK,
        "/en/account/reminders/": OK,
        # …but not another city's draft, nor its attachment.
        f"/en/knowledge/mine/{draft.pk}/": GONE,
        hidden.draft_document.url: HIDDEN,
        hidden.internal_file.url: OK,
        "/admin/": OK,
        f"/admin/pages/{knowledge_index.pk}/": OK,
        "/admin/pages/search/?q=quarry": OK,
        f"/admin/pages/{draft.pk}/edit/": (302,) + HIDDEN,
        f"/admin/pages/{draft.pk}/view_draft/": (302,) + HIDDEN,
        f"/admin/pages/{draft.pk}/history/": (302,) + HIDDEN,
        f"/admin/pages/{draft.pk}/revisions/compare/earliest...latest/": (302, 403, 404),
        # Views that show any page named in their URL: the explorer, moving, the chooser, bulk actions.
        f"/admin/pages/{draft.pk}/": HIDDEN,
        f"/admin/pages/{draft.pk}/results/": HIDDEN,
        f"/admin/pages/{draft.pk}/move/{knowledge_index.pk}/confirm/": HIDDEN,
        f"/admin/pages/{draft.pk}/move/": (302,) + HIDDEN,
        f"/admin/choose-page/{draft.pk}/": HIDDEN,
        **{f"/admin/bulk/wagtailcore/page/{action}/?id={draft.pk}": HIDDEN
           for action in ("delete", "publish", "unpublish", "move")},
        f"/admin/bulk/wagtailcore/page/delete/?id={hidden.public_item.pk}&id={draft.pk}": HIDDEN,
        f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={knowledge_index.pk}": OK,
        # Only the draft matches: nothing is left to act on (Django then tries a language-prefixed URL).
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={knowledge_index.pk}&q=quarry": (302, 404),
        "/admin/documents/": OK + (302, 403),
        "/admin/documents/chooser/?q=quarry": OK + (302, 403),
        "/admin/documents/chooser/results/?q=quarry": OK + (302, 403),
        f"/admin/documents/edit/{hidden.draft_document.pk}/": (302, 403),
        f"/admin/choose-page/{knowledge_index.pk}/": OK,
        "/admin/choose-page/search/?q=quarry": OK,
        "/admin/api/main/pages/?search=quarry": OK + (403,),
        f"/admin/api/main/pages/?child_of={knowledge_index.pk}": OK + (403,),
        # (a 404 here becomes Django's redirect to a language-prefixed URL, which 404s in turn)
        f"/admin/api/main/pages/{draft.pk}/": (302, 403, 404),
        "/admin/api/main/documents/": OK + (403,),
        f"/admin/api/main/documents/{hidden.draft_document.pk}/": (302, 403, 404),
        f"/admin/snippets/resolutions/resolution/edit/{hidden.internal.pk}/": (302, 403),
        "/admin/snippets/resolutions/followupreport/": (302, 403),
    }
    return urls


def test_a_city_manager_finds_no_trace_of_another_citys_draft_or_the_secretariats_notes(
    client, hidden, people,
):
    client.force_login(people["isfahan"])
    sweep(client, city_manager_urls(hidden), CITY_SECRETS)
    # The sweep sees what members see: the members-only item, the internal resolution.
    assert MEMBERS_TITLE in client.get(hidden.site_tree["knowledge"].url).content.decode()
    assert INTERNAL_TEXT in client.get(hidden.meeting.resolution_url(2)).content.decode()


def test_drafts_stay_in_reach_of_their_city_and_the_secretariat(client, hidden, people):
    draft = hidden.draft
    urls = [f"/admin/pages/{draft.pk}/", f"/admin/choose-page/{draft.pk}/",
            f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}",
            f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={hidden.site_tree['knowledge'].pk}"]
    for reader in ("secretariat", "tehran"):
        client.force_login(people[reader])
        for url in urls[:2] + (urls[2:] if reader == "secretariat" else []):
            response = client.get(url)
            assert response.status_code == 200 and DRAFT_TITLE in response.content.decode(), (reader, url)


def test_a_city_manager_searches_without_seeing_another_citys_draft(client, hidden, people, search_mode):
    search_mode()
    client.force_login(people["isfahan"])
    sweep(client, search_urls(), CITY_SECRETS)
    assert not hidden_facet_values(client, [DRAFT_HAZARD], ["1999"])
    assert facet_counts(client, "/api/search/?q=")[("hazard", MEMBERS_HAZARD)] == 1  # members see it


def test_admin_document_lists_follow_the_download_rule(hidden, people):
    """The admin's choosers list what `may_download` would let each reader have, and nothing else."""
    stored_document("Unused upload", "unused-upload.pdf", by=people["isfahan"])
    documents = get_document_model().objects.all()
    for user in (*people.values(), AnonymousUser()):
        listed = set(downloadable(documents, user).values_list("pk", flat=True))
        assert listed == {d.pk for d in documents if may_download(d, user)}, user


def rows_written():
    """Rows inserted, changed or deleted so far in this test's transaction (SQLite or PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                           "FROM pg_stat_xact_all_tables")
        else:
            pytest.fail(f"rows_written() does not know how to count writes on {connection.vendor}")
        return cursor.fetchone()[0]


def test_a_city_manager_cannot_act_on_another_citys_line_or_draft(client, hidden, people, orgs):
    client.force_login(people["isfahan"])
    for warm_up in ("/en/", "/admin/"):  # Wagtail keeps a profile per signed-in reader: not what is tested
        client.get(warm_up)
    tehran_line = hidden.public_resolution.lines.get(organisation=orgs["tehran"])
    reports = FollowUpReport.objects.count()
    before = rows_written()
    report = {"text": "Done", "status": LineStatus.DONE}
    first_version = hidden.internal.history.last().history_id
    attempts = {
        reverse("resolutions:post_report", args=[tehran_line.pk]): report,
        reverse("resolutions:post_report", args=[hidden.internal.lines.get().pk]): report,
        reverse("knowledge:withdraw", args=[hidden.draft.pk]): {},
        reverse("knowledge:submission", args=[hidden.draft.pk]): {"title": "Hijacked", "summary": "x",
                                                                  "kind": "study"},
        reverse("resolutions:cancel", args=[hidden.public_resolution.pk]): {"reason": "x"},
        reverse("resolutions:restore", args=[hidden.internal.pk, first_version]): {},
        f"/admin/pages/{hidden.draft.pk}/edit/": {"title": "Hijacked"},
        f"/admin/pages/{hidden.draft.pk}/delete/": {},
        f"/admin/pages/{hidden.draft.pk}/unpublish/": {},
        f"/admin/documents/edit/{hidden.draft_document.pk}/": {"title": "Hijacked"},
        f"/admin/documents/delete/{hidden.draft_document.pk}/": {},
        f"/admin/snippets/resolutions/followupline/edit/{tehran_line.pk}/": {"status": "done"},
    }
    for url, data in attempts.items():
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/sign-in/" in response["Location"] or response["Location"].startswith("/admin/"), url
        assert rows_written() == before, f"{url} wrote to the database"
    assert FollowUpReport.objects.count() == reports
    hidden.draft.refresh_from_db()
    assert hidden.draft.title == DRAFT_TITLE and KnowledgeItem.objects.filter(pk=hidden.draft.pk).exists()


# --- hostile text -------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK_TEXT = "click here"


def draftail_html(text, url):
    """The rich text the admin's editor stores for a paragraph typed as `text` and linked to `url`."""
    features = BodyBlock.base_blocks["paragraph"].features
    contentstate = {
        "blocks": [{"key": "a1b2c", "type": "unstyled", "depth": 0, "text": f"{text} {LINK_TEXT}",
                    "inlineStyleRanges": [], "data": {},
                    "entityRanges": [{"offset": len(text) + 1, "length": len(LINK_TEXT), "key": 0}]}],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
    }
    return ContentstateConverter(features).to_database_format(json.dumps(contentstate))


@pytest.fixture
def hostile(site_tree, orgs, people, client):
    """Hostile text everywhere a person can type: the share form (title, summary, text, file name),
    the admin's rich text editor and document titles, resolutions, meetings, organisation names."""
    isfahan = people["isfahan"]
    client.force_login(isfahan)
    bad_file = upload(f"{IMG}.pdf", pdf_bytes(), "application/pdf")
    response = client.post("/en/knowledge/share/", {
        "kind": "study", "title": SCRIPT, "summary": IMG, "body": f"{SCRIPT}\n\n{IMG}", "language": "en",
        "audience": "specialists", "visibility": "public", "action": "save", "documents": [bad_file],
    })
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    shared = KnowledgeItem.objects.get(owner=isfahan).specific
    shared.get_latest_revision().publish()
    shared.refresh_from_db()

    organisation = OrganisationFactory(slug="hostile-city", name_en=f"Office {IMG}", city=SCRIPT)
    edited = add_item(site_tree["knowledge"], organisation, title=f"Edited {IMG}", slug="edited-in-the-admin",
                      authors=SCRIPT, english_summary=SCRIPT, language="fa",
                      body=[("paragraph", RichText(draftail_html(f"{SCRIPT} {IMG}", "javascript:alert(1)")))])
    titled = stored_document(IMG, "annex.pdf")
    KnowledgeDocument.objects.create(page=edited, document=titled)
    meeting = add_meeting(site_tree["meetings"], 12, title=f"Meeting {IMG}", slug="meeting-12")
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[organisation], text=SCRIPT,
                                   english_summary=IMG, language="fa")
    return SimpleNamespace(**locals())


def assert_inert(response):
    """Parsed as a browser would: no script of ours, no event handler, no javascript: URL.

    Scripts the site and Wagtail's admin write themselves are fine, and so is JSON data with its "<"
    escaped; a script that is not ours runs `alert(` (every hostile string here does) or comes from
    another origin.
    """
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    problems = []
    for script in soup.find_all("script"):
        content, source = script.string or "", urlsplit(script.get("src", ""))
        data = script.get("type") == "application/json" and "<" not in content  # never run; json_script
        foreign = source.netloc not in ("", "testserver")
        if ("alert(" in content + script.get("src", "") and not data) or foreign:
            problems.append(str(script)[:200])
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                problems.append(f"<{element.name} {name}=…>")
            values = value if isinstance(value, list) else [value]
            if name in ("href", "src", "action", "formaction") and any(
                re.sub(r"\s", "", v).lower().startswith("javascript:") for v in values
            ):
                problems.append(f"<{element.name} {name}={value!r}>")
    assert not problems, f"{response.wsgi_request.get_full_path()}: {problems}"
    return soup


def test_hostile_text_comes_out_inert_on_pages(client, hostile, people):
    pages = [
        "/en/", "/fa/", hostile.shared.url, hostile.edited.url, hostile.site_tree["knowledge"].url,
        hostile.meeting.url, hostile.resolution.get_url(), "/en/organisations/",
        "/en/organisations/hostile-city/",
        "/en/minutes/12/", "/en/start/?city=hostile-city",
    ]
    for user in (None, people["secretariat"]):
        if user:
            client.force_login(user)
            pages += ["/en/board/", f"/en/resolutions/{hostile.resolution.pk}/history/",
                      "/admin/pages/search/?q=alert", f"/admin/pages/{hostile.site_tree['knowledge'].pk}/",
                      f"/admin/pages/{hostile.edited.pk}/edit/", "/admin/documents/",
                      f"/admin/snippets/resolutions/resolution/edit/{hostile.resolution.pk}/"]
        for url in pages:
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
            if response.status_code == 200:
                assert_inert(response)
    # The hostile text is shown, as text: escaped, not dropped.
    client.logout()
    text = assert_inert(client.get(hostile.shared.url)).get_text()
    assert SCRIPT in text and IMG in text
    edited = assert_inert(client.get(hostile.edited.url))
    assert SCRIPT in edited.get_text() and IMG in edited.get_text()
    assert LINK_TEXT in edited.get_text()


def test_hostile_file_names_are_cleaned_and_downloads_sandboxed(client, hostile):
    [link] = hostile.shared.documents.all()
    name = link.document.filename
    assert not set('<>"') & set(name)
    response = client.get(link.document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "\n" not in response.get("Content-Disposition", "")


def test_hostile_text_is_escaped_in_feeds(client, hostile):
    for url in ("/en/feeds/knowledge/", "/en/feeds/resolutions/", "/fa/feeds/knowledge/"):
        response = client.get(url)
        assert response.status_code == 200
        feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
        entries = feed.findall(f"{ATOM}entry")
        assert entries, url
        titles = [e.findtext(f"{ATOM}title") for e in entries]
        for entry in entries:
            for element in entry.iter():
                assert element.tag.startswith(ATOM), f"{url}: markup became XML: {element.tag}"
            summary = entry.find(f"{ATOM}summary")
            if summary is not None and summary.get("type") in ("html", "xhtml"):
                # A reader renders this as markup: hostile text must have been escaped once more.
                fragment = BeautifulSoup(summary.text or "", "html.parser")
                assert not fragment.find_all(["script", "img"]), f"{url}: active summary {summary.text!r}"
        if "knowledge" in url:
            assert SCRIPT in titles and f"Edited {IMG}" in titles
    all_text = client.get("/en/feeds/knowledge/").content.decode()
    assert SCRIPT not in all_text and "&lt;script&gt;" in all_text


def test_hostile_text_is_plain_data_in_json(client, hostile):
    for url in ("/api/knowledge/", f"/api/knowledge/{hostile.shared.pk}/", "/api/resolutions/",
                "/api/organisations/hostile-city/", "/api/meetings/12/", f"/api/search/?q={SCRIPT}",
                "/api/search/?q=alert", "/api/search/autocomplete/?q=%3Cscript", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json"), url
        json.loads(response.content)
    titles = [item["title"] for item in client.get("/api/knowledge/").json()["results"]]
    assert SCRIPT in titles  # the raw string, as data


def test_hostile_search_queries_are_inert(client, hostile, search_mode):
    search_mode()
    queries = [SCRIPT, IMG, "alert", "onerror", f"{SCRIPT}{IMG}", "javascript:alert(1)",
               '"><svg onload=alert(1)>']
    for q in queries:
        for params in ({"q": q}, {"q": q, "hazard": SCRIPT}, {"q": "", "type": IMG}, {"q": q, "sort": IMG},
                       {"q": q, "page": IMG}):
            response = client.get("/en/search/", params)
            assert response.status_code in (200, 400), (params, response.status_code)
            assert_inert(response)
            data = client.get("/api/search/", params)
            assert data["Content-Type"].startswith("application/json")
            json.loads(data.content)
        answer = client.get("/api/search/autocomplete/", {"q": q})
        assert answer["Content-Type"].startswith("application/json")
        json.loads(answer.content)
    found = assert_inert(client.get("/en/search/", {"q": "alert"}))
    assert SCRIPT in found.get_text() or IMG in found.get_text()


# --- CSRF -----------------------------------------------------------------------------------------

# Views Django's CSRF check does not guard, and why that is safe: nothing here acts on a session.
CSRF_EXEMPT_PREFIXES = {
    "/api/": "the JSON API: reads only, and its one write needs an organisation's bearer token",
    "/admin/api/main/": "Wagtail's admin API: its session authentication checks the CSRF token itself",
}
PATH_SAMPLES = {"int": "1", "slug": "x", "str": "x", "path": "x",
                "uuid": "00000000-0000-0000-0000-000000000000"}
# URL patterns written as regular expressions, and a URL each matches.
REGEX_SAMPLES = {
    r"^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$":
        "1/revisions/compare/earliest...latest/",
    r"^.*/$": "x/",
    r"^(\d+)/(.*)$": "1/x.pdf",
    r"^((?:[\w\-]+/)*)$": "x/",
}


def sample_path(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: PATH_SAMPLES[m.group(1) or "str"], str(pattern))
    regex = pattern._regex
    plain = regex.removeprefix("^").removesuffix("$")
    if re.fullmatch(r"[\w/.-]*", plain):
        return plain
    assert regex in REGEX_SAMPLES, f"teach this test a URL matching the pattern {regex!r}"
    return REGEX_SAMPLES[regex]


def every_url(patterns=None, prefix=""):
    """One concrete URL for every pattern in the URL conf, with the view it names."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        path = prefix + sample_path(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from every_url(pattern.url_patterns, path)
        else:
            yield "/" + path, pattern.callback


def test_every_url_refuses_a_post_without_a_csrf_token(hidden, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["secretariat"])
    urls = {url for url, _ in every_url()}
    assert len(urls) > 300 and "/en/knowledge/share/" in urls and "/i18n/setlang/" in urls
    before = rows_written()
    problems = []
    for url in sorted(urls):
        with translation.override("en"):
            view = resolve(url).func
        response = client.post(url, {"text": "x", "status": "done", "title": "x", "language": "en"})
        exempt = next((why for prefix, why in CSRF_EXEMPT_PREFIXES.items() if url.startswith(prefix)), None)
        if getattr(view, "csrf_exempt", False) and exempt is None:
            problems.append(f"{url}: {view.__module__}.{view.__name__} is exempt from CSRF checks")
        elif exempt is None and not (response.status_code == 403 and b"CSRF" in response.content):
            problems.append(f"{url}: {response.status_code} without a CSRF token")
        elif exempt is not None and response.status_code < 400:
            problems.append(f"{url}: {response.status_code} for a session without a token")
        if rows_written() != before:
            problems.append(f"{url}: wrote to the database")
            before = rows_written()
    assert not problems, "\n".join(problems)


def post_forms(client, url):
    """The POST forms of a page: (action URL, fields as the browser would send them)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    forms = []
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() != "post":
            continue
        target = urlsplit(response.wsgi_request.build_absolute_uri(form.get("action") or url))
        action = target.path + (f"?{target.query}" if target.query else "")
        data = {}
        for field in form.find_all(["input", "textarea", "select"]):
            name = field.get("name")
            if not name or field.get("type") in ("submit", "button", "file"):
                continue
            if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            if field.name == "select":
                chosen = field.find("option", selected=True)
                data[name] = chosen.get("value", "") if chosen else ""
            else:
                data[name] = field.text if field.name == "textarea" else field.get("value", "on")
        forms.append((action, data))
    return forms


def form_pages(hidden, people):
    """Where each role finds the site's forms."""
    isfahan_draft = add_item(hidden.site_tree["knowledge"], hidden.orgs["isfahan"], title="Isfahan draft",
                             publish=False, owner=people["isfahan"])
    in_review = add_item(hidden.site_tree["knowledge"], hidden.orgs["isfahan"],
                         title="Isfahan study in review", publish=False, owner=people["isfahan"])
    submit_for_review(people["isfahan"], in_review)
    meeting_10 = add_meeting(hidden.site_tree["meetings"], 10)  # a later meeting to carry over to
    knowledge_pk = hidden.site_tree["knowledge"].pk
    earlier = hidden.public_resolution.history.earliest()  # a version that differs, to restore
    hidden.public_resolution.english_summary = "Volunteers trained in every district"
    hidden.public_resolution.save()
    return {
        None: ["/admin/login/"],
        "isfahan": [
            "/en/knowledge/share/", f"/en/knowledge/mine/{isfahan_draft.pk}/",
            f"/en/knowledge/mine/{in_review.pk}/", hidden.public_resolution.get_url(),
            "/en/account/reminders/", "/admin/account/", f"/admin/pages/{isfahan_draft.pk}/edit/",
            f"/admin/pages/add/knowledge/study/{knowledge_pk}/", "/admin/documents/multiple/add/",
        ],
        "secretariat": [
            hidden.public_resolution.get_url(), f"/en/resolutions/{hidden.public_resolution.pk}/history/",
            # The restore form is on its preview, which shows what the restore would change.
            f"/en/resolutions/{hidden.public_resolution.pk}/history/{earlier.history_id}/restore/",
            "/admin/import-minutes/", "/admin/snippets/portal/apitoken/add/",
            f"/admin/snippets/resolutions/resolution/edit/{hidden.public_resolution.pk}/",
            "/admin/snippets/portal/organisation/add/", f"/admin/pages/{hidden.public_item.pk}/edit/",
            f"/admin/pages/{meeting_10.pk}/edit/", f"/admin/pages/{hidden.public_item.pk}/unpublish/",
            f"/admin/pages/{hidden.public_item.pk}/delete/", reverse("wagtailusers_users:add"),
            "/admin/account/",
            f"/admin/documents/edit/{hidden.public_document.pk}/", "/admin/documents/multiple/add/",
        ],
    }


# Forms the sweep must find, by the name of the view they post to.
EXPECTED_FORMS = {
    "wagtailadmin_login", "knowledge:share", "knowledge:submission", "knowledge:withdraw",
    "resolutions:post_report", "tracking:reminder_settings", "resolutions:cancel", "resolutions:carry_over",
    "resolutions:restore", "resolutions_import_minutes", "wagtailsnippets_portal_apitoken:add",
    "wagtailsnippets_resolutions_resolution:edit", "wagtailadmin_pages:edit", "wagtailadmin_pages:add",
    "wagtailadmin_pages:unpublish", "wagtailadmin_pages:delete", "wagtaildocs:add_multiple",
    "wagtaildocs:edit", "wagtailusers_users:add",
}


def test_every_form_refuses_a_post_without_its_token_and_writes_nothing(hidden, people):
    found = {}
    for role, urls in form_pages(hidden, people).items():
        browser = Client(enforce_csrf_checks=True)
        if role:
            browser.force_login(people[role])
        for url in urls:
            for action, data in post_forms(browser, url):
                found[(role, action)] = (browser, data)
    with translation.override("en"):
        names = {resolve(urlsplit(action).path).view_name for _, action in found}
    assert EXPECTED_FORMS <= names, f"forms not found: {EXPECTED_FORMS - names}"

    problems = []
    before = rows_written()
    for (role, action), (browser, data) in found.items():
        assert "csrfmiddlewaretoken" in data, f"{action} ({role}) has no CSRF token field"
        without = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
        response = browser.post(action, without)
        if not (response.status_code == 403 and b"CSRF" in response.content):
            problems.append(f"{action} ({role}): {response.status_code}")
        forged = dict(without, csrfmiddlewaretoken="forged" * 6 + "abcd")
        if browser.post(action, forged).status_code != 403:
            problems.append(f"{action} ({role}): a forged token was accepted")
        if rows_written() != before:
            problems.append(f"{action} ({role}) wrote to the database")
            before = rows_written()
    assert not problems, "\n".join(problems)

    # The same form with its token goes through: the check above can tell a write from none.
    isfahan = Client(enforce_csrf_checks=True)
    isfahan.force_login(people["isfahan"])
    [(action, data)] = [(a, d) for a, d in post_forms(isfahan, hidden.public_resolution.get_url())
                        if "/report/" in a]
    response = isfahan.post(action, data | {"text": "Sent the study.", "status": LineStatus.DONE})
    assert response.status_code == 302 and rows_written() > before
