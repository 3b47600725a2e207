"""Who sees what, through every channel: roles × objects × channels, one test per cell.

One world, built once for the module: each object carries a marker word of its own (in its title,
text or file) that nothing else carries. A cell asks one channel, as one role, whether the object's
marker (or, for the sitemap, its address) is there, and expects it exactly when the role may see
the object: no leak, and nothing a role may see hidden from it. What each role may see is written
out here (`MAY_SEE`, and the channels that differ), not asked of the code under test.

The rule under test: members of the network (the secretariat, city managers) see members-only
items, internal resolutions, follow-up reports and their files, pages behind a Wagtail login or
password restriction and documents in a collection behind one; the public, and a signed-in account
that belongs to no organisation, see none of them; a draft is published nowhere, and only its own
city and the secretariat reach it (admin, its file). Each owner's follow-up line (its status) is for
members only, wherever it shows. Feeds and the sitemap show everyone what the public sees.

Search and autocomplete ask the real Elasticsearch node (indexed once for the module).
"""

import csv
import io
import uuid
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from elasticsearch import Elasticsearch
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from knowledge.factories import add_item
from knowledge.models import KnowledgeDocument, KnowledgeIndexPage
from knowledge.tests.files import pdf_bytes
from portal import roles
from portal.factories import (
    HazardFactory,
    OrganisationFactory,
    PhaseFactory,
    UserFactory,
    city_manager,
    secretariat_editor,
)
from portal.models import HomePage, OrganisationKind
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus, MeetingIndexPage
from search import versions
from search.client import get_client
from search.tests.conftest import engine_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- the roles, the objects and who may see what -------------------------------------------------

ROLES = ["anonymous", "outsider", "manager_a", "manager_b", "secretariat"]  # outsider: signed in, no organisation
EVERYONE = frozenset(ROLES)
MEMBERS = frozenset({"manager_a", "manager_b", "secretariat"})
NOBODY = frozenset()

# Each object's marker: a word nothing else in the world contains.
MARKERS = {
    "public_item": "Vashtorel",
    "members_item": "Krendolith",
    "draft": "Plimsovar",
    "password_page": "Zorvanthe",  # a meeting behind a Wagtail password, with a public resolution and minutes
    "login_page": "Quillmarsh",  # a public study behind a Wagtail login restriction
    "internal_resolution": "Brantovex",
    "follow_up_report": "Glimmerhove",
    "report_attachment": "Tessolund",
    "minutes_file": "Corvellan",  # the password-protected meeting's minutes
    # The public ninth meeting's minutes, in a document collection behind a Wagtail login restriction;
    # the marker is in the file only (its title, on the meeting's page, says nothing).
    "collection_document": "Fendragor",
}
OBJECTS = list(MARKERS)

MAY_SEE = {
    "public_item": EVERYONE,
    "members_item": MEMBERS,
    "draft": NOBODY,  # published nowhere (its own city and the secretariat: admin and file, below)
    "password_page": MEMBERS,
    "login_page": MEMBERS,
    "internal_resolution": MEMBERS,
    "follow_up_report": MEMBERS,
    "report_attachment": MEMBERS,
    "minutes_file": MEMBERS,
    "collection_document": MEMBERS,
}
OWN_CITY = frozenset({"manager_a", "secretariat"})  # city manager A's city wrote the draft

# The admin, by id and through bulk actions: pages and documents as MAY_SEE says, and the draft for
# its own city; resolutions and reports only for the secretariat, the one role that manages them. Only
# members have an admin at all.
SECRETARIAT = frozenset({"secretariat"})
ADMIN_SEES = {obj: who & MEMBERS for obj, who in MAY_SEE.items()} | {
    "draft": OWN_CITY, "internal_resolution": SECRETARIAT, "follow_up_report": SECRETARIAT}


def public_view(obj):
    """Feeds and the sitemap show every reader what the public sees."""
    return EVERYONE if "anonymous" in MAY_SEE[obj] else NOBODY


# --- the world ------------------------------------------------------------------------------------

def stored_document(title, filename, *, by=None, collection=None, content=None):
    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node(),
                                    uploaded_by_user=by)
    document.file.save(filename, ContentFile(pdf_bytes(content or title)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def build_world():
    root = Page.get_first_root_node()
    for welcome in root.get_children().filter(slug="home"):
        welcome.delete()
    home = HomePage(title="Network", slug="home")
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults=dict(hostname="localhost", root_page=home))
    meetings = home.add_child(instance=MeetingIndexPage(title="Meetings", slug="meetings"))
    knowledge = home.add_child(instance=KnowledgeIndexPage(title="Knowledge", slug="knowledge"))
    roles.ensure_roles()

    secretariat_org = OrganisationFactory(slug="network-secretariat", name_en="Network secretariat",
                                          kind=OrganisationKind.NETWORK_SECRETARIAT)
    city_a = OrganisationFactory(slug="city-a", name_en="City A")
    city_b = OrganisationFactory(slug="city-b", name_en="City B")
    people = {
        "outsider": UserFactory(username="outsider"),
        "manager_a": city_manager(city_a, username="manager-a"),
        "manager_b": city_manager(city_b, username="manager-b"),
        "secretariat": secretariat_editor(secretariat_org, username="secretariat"),
    }
    response = PhaseFactory(slug="response", name_en="Response")
    hazards = {obj: HazardFactory(slug=f"hazard-{n}", name_en=f"Hazard {n}") for n, obj in enumerate(OBJECTS)}

    def item(obj, slug, **fields):
        marker = MARKERS[obj]
        return add_item(knowledge, city_a, title=f"{marker} study", slug=slug, summary=f"{marker} summary",
                        hazards=[hazards[obj]], phases=[response], **fields)

    anchor = add_item(knowledge, city_a, title="Anchor study", slug="anchor", phases=[response])
    public_item = item("public_item", "item-one")
    members_item = item("members_item", "item-two", visibility="members")
    login_page = item("login_page", "item-three")
    PageViewRestriction.objects.create(page=login_page, restriction_type=PageViewRestriction.LOGIN)
    draft = item("draft", "item-four", publish=False, owner=people["manager_a"])
    draft_file = stored_document(f"{MARKERS['draft']} annex", "annex-four.pdf", by=people["manager_a"])
    KnowledgeDocument.objects.create(page=draft, document=draft_file)
    draft.save_revision(user=people["manager_a"])

    private_collection = Collection.get_first_root_node().add_child(name="Signed-in readers")
    CollectionViewRestriction.objects.create(collection=private_collection,
                                             restriction_type=CollectionViewRestriction.LOGIN)
    collection_document = stored_document("Ninth meeting minutes", "minutes-nine.pdf", collection=private_collection,
                                          content=f"{MARKERS['collection_document']} minutes")
    meeting = add_meeting(meetings, 9, title="Ninth meeting", minutes_document=collection_document)
    public_resolution = ResolutionFactory(meeting=meeting, number=1, owners=[city_a, city_b],
                                          text="Train volunteers in every district")
    internal = ResolutionFactory(meeting=meeting, number=2, is_public=False, owned_by_all_members=True,
                                 text=f"{MARKERS['internal_resolution']} shelters before winter")
    internal.hazards.set([hazards["internal_resolution"]])
    attachment = stored_document(f"{MARKERS['report_attachment']} invoice", "invoice-seven.pdf",
                                 by=people["manager_a"])
    report = public_resolution.lines.get(organisation=city_a).record_report(
        author=people["manager_a"], text=f"{MARKERS['follow_up_report']} volunteers trained",
        status=LineStatus.DONE, attachments=[attachment])

    minutes = stored_document(f"{MARKERS['minutes_file']} minutes", "minutes-eight.pdf")
    protected = add_meeting(meetings, 12, title=f"{MARKERS['password_page']} meeting", minutes_document=minutes)
    protected_resolution = ResolutionFactory(meeting=protected, number=1, owned_by_all_members=True,
                                             text=f"{MARKERS['password_page']} evacuation routes")
    protected_resolution.hazards.set([hazards["password_page"]])
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD,
                                       password="twelve")  # noqa: S106

    clients = {"anonymous": Client()}
    for role, user in people.items():
        clients[role] = Client()
        clients[role].force_login(user)
    # Every object a test may ask for, by the name MARKERS gives it.
    objects = {"public_item": public_item, "members_item": members_item, "draft": draft,
               "password_page": protected, "login_page": login_page, "internal_resolution": internal,
               "follow_up_report": report, "report_attachment": attachment, "minutes_file": minutes,
               "collection_document": collection_document}
    return SimpleNamespace(clients=clients, objects=objects, hazards=hazards, anchor=anchor, meeting=meeting,
                           public_resolution=public_resolution, protected_resolution=protected_resolution,
                           draft_file=draft_file, people=people, responses={})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, in a transaction rolled back after the module; each test runs in a savepoint of it."""
    prefix = f"test-matrix-{uuid.uuid4().hex[:10]}"
    overrides = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), ELASTICSEARCH_URL="",
                                  SEARCH_INDEX_PREFIX=prefix)
    overrides.enable()
    try:
        with django_db_blocker.unblock(), translation.override("en"):
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield build_world()
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
    finally:
        overrides.disable()


@pytest.fixture(scope="module")
def engine_index(world, django_db_blocker):
    """The world indexed once into an index of its own on the real node; deleted after the module."""
    url = engine_url()
    try:
        Elasticsearch(url, request_timeout=5, max_retries=0).cluster.health()
    except Exception as exc:  # noqa: BLE001 - any failure means the same to the reader
        pytest.fail(f"The search cells need a running Elasticsearch node at {url} ({exc}): start one with "
                    "`scripts/search-engine start` or point ELASTICSEARCH_URL at one.", pytrace=False)
    with override_settings(ELASTICSEARCH_URL=url), django_db_blocker.unblock():
        client = get_client()
        versions.swap_alias(client, versions.create_version(client))
        try:
            versions.update(client=client)
            yield url
        finally:
            for name in client.indices.get(index=f"{versions.conf.index_prefix()}-*", expand_wildcards="all"):
                client.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture
def reader(world, db):
    """get(role, url) -> the answer, read once per role and address for the whole module."""

    def get(role, url):
        key = (role, url)
        if key not in world.responses:
            response = world.clients[role].get(url)
            world.responses[key] = SimpleNamespace(status=response.status_code, text=readable(response),
                                                   context=response.context, json=_json(response))
        return world.responses[key]

    return get


def _json(response):
    return response.json() if response.get("Content-Type", "").startswith("application/json") else None


def readable(response):
    """The answer as text, whatever it is (an XLSX export cell by cell, a file as its bytes)."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith(XLSX):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


# --- the channels ---------------------------------------------------------------------------------

def text_of(get, role, urls):
    return "\n".join(get(role, url).text for url in urls)


def marker_in(urls_of):
    """A channel that is a set of pages: is the object's marker in any of them?"""
    def probe(get, world, role, obj):
        return MARKERS[obj] in text_of(get, role, urls_of(world))

    return probe


def own_pages(world):
    o = world.objects
    return [o["public_item"].url, o["members_item"].url, "/en/knowledge/item-four/", o["login_page"].url,
            o["password_page"].url, world.protected_resolution.get_url(), o["internal_resolution"].get_url(),
            world.public_resolution.get_url()]


def listings(world):
    return ["/en/knowledge/", "/en/meetings/"]


def organisation_page(world):
    return ["/en/organisations/city-a/"]


def start_here(world):
    return ["/en/start/?city=city-b"]


def related_items(world):
    return [world.anchor.url]


def exports(world):
    return [f"/en/minutes/{n}{suffix}" for n in (9, 12) for suffix in ("/", ".csv", ".xlsx")]


def api_lists(world):
    return ["/api/knowledge/", "/api/meetings/", "/api/resolutions/"]


def api_details(world):
    o = world.objects
    return [f"/api/knowledge/{o[name].pk}/" for name in ("public_item", "members_item", "draft", "login_page")] + [
        "/api/meetings/12/", "/api/meetings/9/", f"/api/resolutions/{o['internal_resolution'].pk}/",
        f"/api/resolutions/{world.protected_resolution.pk}/"]


def feeds(world):
    return ["/en/feeds/knowledge/", "/en/feeds/resolutions/", "/en/feeds/resolutions/status/"]


def listing_count(get, world, role, obj):
    """The knowledge listing's count for the object's own hazard: it counts the object or not."""
    return get(role, f"/en/knowledge/?hazard={world.hazards[obj].slug}").context["page_obj"].paginator.count == 1


def download(get, world, role, obj):
    document = {"draft": world.draft_file, "report_attachment": world.objects["report_attachment"],
                "minutes_file": world.objects["minutes_file"],
                "collection_document": world.objects["collection_document"]}.get(obj)
    if document is None:
        return False
    answer = get(role, document.url)
    return answer.status == 200 and MARKERS[obj] in answer.text


def sitemap(get, world, role, obj):
    """The sitemap lists addresses: the object's own address is there or not."""
    o = world.objects
    address = {
        "public_item": "/item-one/", "members_item": "/item-two/", "draft": "/item-four/",
        "login_page": "/item-three/", "password_page": f"/{o['password_page'].slug}/",
        "internal_resolution": "/meeting-9/resolutions/2/",
    }.get(obj)
    return address is not None and address in get(role, "/sitemap.xml").text


def admin(get, world, role, obj):
    o = world.objects
    documents = {"report_attachment": o["report_attachment"], "minutes_file": o["minutes_file"],
                 "collection_document": o["collection_document"]}
    if obj in documents:
        urls = [f"/admin/documents/edit/{documents[obj].pk}/",
                f"/admin/bulk/wagtaildocs/document/delete/?id={documents[obj].pk}"]
    elif obj == "internal_resolution":
        urls = [f"/admin/snippets/resolutions/resolution/edit/{o[obj].pk}/",
                f"/admin/bulk/resolutions/resolution/delete/?id={o[obj].pk}"]
    elif obj == "follow_up_report":
        urls = [f"/admin/snippets/resolutions/followupreport/edit/{o[obj].pk}/",
                f"/admin/bulk/resolutions/followupreport/delete/?id={o[obj].pk}"]
    else:
        page = o[obj]
        urls = [f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/edit/",
                f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}",
                f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}"]
        if obj == "draft":  # and its attachment
            urls += [f"/admin/documents/edit/{world.draft_file.pk}/",
                     f"/admin/bulk/wagtaildocs/document/delete/?id={world.draft_file.pk}"]
    return MARKERS[obj] in text_of(get, role, urls)


def searched(get, world, role, obj):
    """The search page's hits and the search API's, asked for the marker (the page repeats the query)."""
    marker = MARKERS[obj]
    hits = BeautifulSoup(get(role, f"/en/search/?q={marker}").text, "html.parser").select(".results-list")
    api = get(role, f"/api/search/?q={marker}").json
    return any(marker in hit.get_text() for hit in hits) or marker in str(api["results"])


def facet_counts(get, world, role, obj):
    """Facet counts of the whole collection (no query): the object's hazard, or for the report its type."""
    facets = get(role, "/api/search/?q=").json["facets"]
    name, value = ("type", "follow_up_report") if obj == "follow_up_report" else ("hazard", world.hazards[obj].slug)
    return any(v["value"] == value and v["count"] > 0 for v in facets.get(name, []))


def autocompleted(get, world, role, obj):
    marker = MARKERS[obj]
    return marker in str(get(role, f"/api/search/autocomplete/?q={marker}").json["results"])


@dataclass(frozen=True)
class Channel:
    probe: object  # (get, world, role, obj) -> is the object there?
    carries: frozenset  # the objects this channel shows at all, to whoever may see them
    who: object = None  # obj -> the roles that see it here, when not MAY_SEE
    engine: bool = False  # asks the search engine


ITEMS = frozenset({"public_item", "members_item", "draft", "login_page"})
SHOWN_BY_NAME = frozenset(OBJECTS) - {"collection_document"}  # whose marker is in a title or text, not a file only
RESOLUTIONS = frozenset({"password_page", "internal_resolution"})
CHANNELS = {
    "page": Channel(marker_in(own_pages), SHOWN_BY_NAME),
    "listings": Channel(marker_in(listings), ITEMS | {"password_page"}),
    "organisation_page": Channel(marker_in(organisation_page), ITEMS | RESOLUTIONS),
    "start_here": Channel(marker_in(start_here), ITEMS | RESOLUTIONS),
    "related_items": Channel(marker_in(related_items), ITEMS),
    "listing_counts": Channel(listing_count, ITEMS),
    "exports": Channel(marker_in(exports), RESOLUTIONS),
    "downloads": Channel(download, frozenset({"draft", "report_attachment", "minutes_file", "collection_document"}),
                         who=lambda obj: OWN_CITY if obj == "draft" else MAY_SEE[obj]),
    "search": Channel(searched, ITEMS | RESOLUTIONS | {"follow_up_report"}, engine=True),
    "facet_counts": Channel(facet_counts, ITEMS | RESOLUTIONS | {"follow_up_report"}, engine=True),
    "autocomplete": Channel(autocompleted, ITEMS | {"password_page"}, engine=True),
    "api_list": Channel(marker_in(api_lists), ITEMS | RESOLUTIONS),
    "api_detail": Channel(marker_in(api_details), ITEMS | RESOLUTIONS),
    "feeds": Channel(marker_in(feeds), ITEMS | RESOLUTIONS, who=public_view),
    "sitemap": Channel(sitemap, ITEMS | RESOLUTIONS, who=public_view),
    "admin": Channel(admin, SHOWN_BY_NAME, who=ADMIN_SEES.get),
}


def expected(channel, role, obj):
    spec = CHANNELS[channel]
    if obj not in spec.carries:
        return False
    return role in (spec.who or MAY_SEE.get)(obj)


@pytest.mark.parametrize("obj", OBJECTS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_cell(channel, role, obj, world, reader, request, settings):
    if CHANNELS[channel].engine:
        settings.ELASTICSEARCH_URL = request.getfixturevalue("engine_index")
    shown = CHANNELS[channel].probe(reader, world, role, obj)
    want = expected(channel, role, obj)
    assert shown == want, f"{channel}: {role} {'sees' if shown else 'does not see'} {obj} ({MARKERS[obj]})"


# --- counts that carry no marker: the home page's numbers ------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_home_page_counts(role, world, reader):
    sees = {obj for obj, who in MAY_SEE.items() if role in who}
    facts = reader(role, "/en/").context["facts"]
    # The anchor study, the ninth meeting and its public resolution are public; the rest as MAY_SEE says.
    assert facts["items"] == 1 + len(sees & {"public_item", "members_item", "login_page"})
    assert facts["meetings"] == 1 + ("password_page" in sees)
    assert facts["resolutions"] == 1 + len(sees & {"internal_resolution", "password_page"})


# --- exports show the public what the public resolution page shows ---------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_exports_show_owners_lines_only_to_those_who_see_them_on_the_resolution_page(role, world, reader):
    """Each owner's line status and closing date: on the resolution page for members only, so in the
    print view, CSV and XLSX for members only."""
    members = role in MEMBERS
    page = reader(role, world.public_resolution.get_url()).text
    header = next(csv.reader(io.StringIO(reader(role, "/en/minutes/9.csv").text.lstrip("\ufeff"))))
    assert ("Line status" in header) is members
    assert ("Line status" in reader(role, "/en/minutes/9.xlsx").text) is members
    assert ("owners-table" in reader(role, "/en/minutes/9/").text) is members
    assert ("status-done" in page) is members  # City A's line is done; the resolution is not


@pytest.mark.parametrize("role", ROLES)
def test_the_organisation_page_shows_its_lines_only_to_those_who_see_them_on_the_resolution_page(
        role, world, reader):
    """City A's page lists the resolutions it follows up with their own (public) status to everyone,
    and its line's status (done, here) only to members."""
    members = role in MEMBERS
    page = reader(role, "/en/organisations/city-a/").text
    assert f'data-resolution="{world.public_resolution.pk}"' in page
    assert ("data-line=" in page) is members
    assert ("status-done" in page) is members
    assert ("Its follow-up" in page) is members


# --- what a password opens, and what a group restriction keeps ---------------------------------------

def test_a_password_opens_its_page_exports_and_files_to_an_anonymous_reader_but_no_list(world, db):
    browser = Client()
    meeting = world.objects["password_page"]
    marker, minutes = MARKERS["password_page"], world.objects["minutes_file"]
    assert marker not in browser.get(meeting.url).content.decode()  # the password form
    restriction = PageViewRestriction.objects.get(page=meeting)
    response = browser.post(reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, meeting.pk]),
                            {"password": "twelve", "return_url": meeting.url})
    assert response.status_code == 302
    assert marker in browser.get(meeting.url).content.decode()
    assert marker in browser.get("/en/minutes/12.csv").content.decode("utf-8-sig")
    assert browser.get(minutes.url).status_code == 200
    # Lists are the same for the whole public: the password is for this page and what belongs to it.
    assert marker not in browser.get("/en/meetings/").content.decode()
    assert marker not in str(browser.get("/api/meetings/").json())


def test_a_group_restriction_opens_the_page_to_its_groups_and_shows_it_in_no_list(world, db):
    item = world.objects["members_item"]
    restriction = PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=roles.SECRETARIAT)])
    marker = MARKERS["members_item"]
    secretariat, manager = Client(), Client()
    secretariat.force_login(world.people["secretariat"])
    manager.force_login(world.people["manager_b"])
    assert marker in secretariat.get(item.url).content.decode()
    assert manager.get(item.url).status_code == 403
    for browser in (secretariat, manager):
        assert marker not in browser.get("/en/knowledge/").content.decode()
        assert marker not in str(browser.get("/api/knowledge/").json())
    assert manager.get(f"/admin/bulk/wagtailcore/page/delete/?id={item.pk}").status_code == 403
