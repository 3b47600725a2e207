"""`setup_portal` on a database fresh from `migrate`: what a new network needs, and nothing of the demo."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Site, WorkflowPage

from knowledge.importing import import_documents
from knowledge.models import KnowledgeIndexPage, KnowledgeItem
from portal import roles
from portal.models import HomePage, Network, Organisation, OrganisationKind
from resolutions.models import MeetingIndexPage, MeetingPage, Resolution


def setup_portal(**options):
    out = io.StringIO()
    call_command("setup_portal", stdout=out, **options)
    return out.getvalue()


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live", "content_type__model")),
        "sites": sorted(Site.objects.values_list("hostname", "port", "root_page__url_path", "is_default_site")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "permissions": sorted(Group.objects.values_list("name", "permissions__codename")),
        "workflows": sorted(WorkflowPage.objects.values_list("page__url_path", "workflow__name")),
        "organisations": sorted(Organisation.objects.values_list("slug", "kind", "name_fa", "name_en", "name_zh")),
        "network": list(Network.objects.values_list("name_fa", "name_en", "name_zh_hans", "name_zh_hant")),
    }


@pytest.fixture
def no_terminal(monkeypatch):
    """Fail the test if the command asks anything."""
    def refuse(prompt=""):
        raise AssertionError(f"setup_portal asked {prompt!r}")

    monkeypatch.setattr("builtins.input", refuse)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)


def test_setup_twice_builds_the_skeleton_once_without_asking(db, no_terminal, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    out = setup_portal(no_input=True)
    first = snapshot()
    setup_portal(no_input=True)
    assert snapshot() == first
    assert "https://portal.example.org" in out

    home = HomePage.objects.get()
    assert home.live and home.get_parent().is_root()
    assert home.title == "شبکه مدیریت بحران کلان‌شهرها"  # the default name, in the site's language
    [site] = Site.objects.all()
    assert (site.hostname, site.port, site.root_page_id, site.is_default_site) == (
        "portal.example.org", 443, home.pk, True)
    assert site.root_url == "https://portal.example.org"
    meetings = MeetingIndexPage.objects.get()
    knowledge = KnowledgeIndexPage.objects.get()
    assert (meetings.slug, meetings.live, meetings.get_parent().pk) == ("meetings", True, home.pk)
    assert (knowledge.slug, knowledge.live, knowledge.get_parent().pk) == ("knowledge", True, home.pk)
    assert (meetings.title, knowledge.title) == ("نشست‌ها", "دانش و تجربه")
    assert {roles.SECRETARIAT, roles.CITY_MANAGERS} <= set(first["groups"])
    assert (knowledge.url_path, "Secretariat review") in first["workflows"]
    [secretariat] = Organisation.objects.all()
    assert secretariat.kind == OrganisationKind.NETWORK_SECRETARIAT and secretariat.is_active
    # Nothing of the demo: no meetings, resolutions, items, people or member cities.
    assert not MeetingPage.objects.exists() and not Resolution.objects.exists()
    assert not KnowledgeItem.objects.exists() and not get_user_model().objects.exists()


def test_names_and_secretariat_from_options_stay_on_the_next_run(db, no_terminal):
    setup_portal(no_input=True, name_fa="شبکه دفترهای بحران شهرها", name_en="City Crisis Offices Network",
                 name_zh_hans="城市应急办公室网络", name_zh_hant="城市應急辦公室網絡", secretariat="Coordination desk")
    setup_portal(no_input=True)
    network = Network.load()
    assert [network.name_in(code) for code in ("fa", "en", "zh-hans", "zh-hant")] == [
        "شبکه دفترهای بحران شهرها", "City Crisis Offices Network", "城市应急办公室网络", "城市應急辦公室網絡"]
    assert HomePage.objects.get().title == "شبکه دفترهای بحران شهرها"
    assert Organisation.objects.get().name_en == "Coordination desk"
    assert Site.objects.get().site_name == "City Crisis Offices Network"


def test_on_a_terminal_it_asks_for_what_the_options_did_not_give(db, monkeypatch):
    answers = iter(["", "Network of crisis offices", "", "", "دبیرخانه هماهنگی"])
    asked = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": asked.append(prompt) or next(answers))
    setup_portal()
    assert len(asked) == 5 and "Persian" in asked[0] and "secretariat" in asked[4]
    network = Network.load()
    assert (network.name_fa, network.name_en) == ("", "Network of crisis offices")  # Enter keeps the default
    assert Organisation.objects.get().name_fa == "دبیرخانه هماهنگی"


def test_the_header_and_citations_carry_the_networks_name(db, client, no_terminal):
    setup_portal(no_input=True, name_en="City Crisis Offices Network")
    assert "City Crisis Offices Network" in client.get("/en/").content.decode()


MINUTES = """Minutes of the first meeting of the network
1) The secretariat gathers the evacuation plans of the member cities. (Owner: Network secretariat)
2) Each member city names one contact person for floods. (Owner: all member cities)
"""


def test_documents_and_minutes_import_right_after_setup(db, tmp_path, no_terminal):
    setup_portal(no_input=True)
    lines = [
        {"title": "Flood shelters of a river city", "body": "Where people went.\n\nWhat they needed.",
         "language": "en", "kind": "study", "external_id": "setup-1"},
        {"title": "تمرین تخلیه مدرسه‌ها", "body": "گزارش کوتاه تمرین.", "language": "fa", "kind": "training",
         "date": "1402/08/01"},
    ]
    summary = import_documents(io.BytesIO("\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
                                          .encode("utf-8")))
    assert str(summary) == "created 2, updated 0, unchanged 0, skipped 0", summary.skipped
    secretariat = Organisation.objects.get(kind=OrganisationKind.NETWORK_SECRETARIAT)
    assert set(KnowledgeItem.objects.live().values_list("organisation", flat=True)) == {secretariat.pk}
    assert all(item.get_parent().specific_class is KnowledgeIndexPage for item in KnowledgeItem.objects.all())

    minutes = tmp_path / "minutes.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    out = io.StringIO()
    call_command("import_minutes", str(minutes), "--meeting-number", "1", "--date", "2024-03-05",
                 "--host-city", "Isfahan", "--publish", stdout=out)
    meeting = MeetingPage.objects.get(number=1)
    assert meeting.live and meeting.get_parent().specific_class is MeetingIndexPage
    assert meeting.resolutions.count() == 2
    assert list(meeting.resolutions.get(number=1).owners.all()) == [secretariat]


def test_the_secretariat_edits_the_networks_name_in_the_admin(client, people, no_terminal):
    setup_portal(no_input=True)
    client.force_login(people["secretariat"])
    url = f"/admin/settings/portal/network/{Network.load().pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name_fa": "", "name_en": "Renamed network", "name_zh_hans": "",
                                 "name_zh_hant": ""})
    assert response.status_code == 302
    assert Network.load().name_in("en") == "Renamed network"
    client.force_login(people["isfahan"])
    assert client.get(url).status_code in (302, 403)  # city managers may not
