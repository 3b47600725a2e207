"""Start here: the reading path generated for a newly joined metropolis, and the secretariat's reading lists."""

import datetime

import pytest

from knowledge.factories import add_item
from knowledge.models import ReadingList, ReadingListEntry
from knowledge.start_here import reading_path
from portal.factories import OrganisationFactory
from resolutions.factories import ResolutionFactory, add_meeting

START = "/en/start/"


@pytest.fixture
def network(site_tree, orgs, terms):
    orgs["isfahan"].joined_on = datetime.date(2007, 11, 1)
    orgs["isfahan"].save()
    newcomer = OrganisationFactory(slug="qazvin", name_en="Qazvin", joined_on=datetime.date(2019, 1, 15))
    meeting = add_meeting(site_tree["meetings"], 9)
    everyone = ResolutionFactory(meeting=meeting, number=2, owned_by_all_members=True, text="Send hazard studies")
    everyone.hazards.set([terms["flood"]])
    ResolutionFactory(meeting=meeting, number=3, owners=[orgs["isfahan"]], text="Isfahan sends its plan")
    done = ResolutionFactory(meeting=meeting, number=4, owned_by_all_members=True, text="Already done",
                             status="cancelled")
    study = add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran flood study")
    study.hazards.set([terms["flood"]])
    study.phases.set([terms["prevention"]])
    study.save()
    hidden = add_item(site_tree["knowledge"], orgs["tehran"], title="Members-only flood drill", kind="training",
                      visibility="members")
    hidden.hazards.set([terms["flood"]])
    hidden.save()
    reading_list = ReadingList.objects.create(title="First month", introduction="Read these first.")
    ReadingListEntry.objects.create(reading_list=reading_list, item=study, note="A model study")
    ReadingListEntry.objects.create(reading_list=reading_list, item=hidden, note="For members")
    return {"newcomer": newcomer, "everyone": everyone, "done": done, "study": study}


def test_the_path_defaults_to_the_most_recently_joined_member(client, network):
    response = client.get(START)
    assert response.status_code == 200
    path = response.context["path"]
    assert path.city == network["newcomer"] and path.chosen_by == "newest"
    assert path.resolutions == [network["everyone"]]  # cancelled ones are not on the path
    assert [line.resolution for line in path.checklist] == [network["everyone"]]
    assert [item.title for item in path.items] == ["Tehran flood study"]  # members-only hidden
    html = response.content.decode()
    assert "First month" in html and "A model study" in html and "For members" not in html


def test_a_city_can_be_chosen_and_a_member_gets_its_own(client, network, people, orgs):
    path = client.get(START + "?city=isfahan").context["path"]
    assert path.city == orgs["isfahan"]
    assert {line.resolution.number for line in path.checklist} == {2, 3}
    client.force_login(people["tehran"])
    assert client.get(START).context["path"].city == orgs["tehran"]
    # A city's own items are not suggested to it (but its reading lists stay); members also get
    # members-only items.
    tehran_path = reading_path("", people["tehran"])
    assert [stage.kind for stage in tehran_path.stages] == ["reading_list"]
    assert {item.title for item in reading_path("", people["isfahan"]).items} == {
        "Tehran flood study", "Members-only flood drill"}


def test_an_unknown_city_falls_back_to_the_newest_member(client, network):
    response = client.get(START + "?city=%3Cscript%3E")
    assert response.status_code == 200
    assert response.context["path"].city == network["newcomer"]


def test_start_here_in_persian_is_right_to_left(client, network):
    html = client.get("/fa/start/").content.decode()
    assert 'dir="rtl"' in html


@pytest.fixture
def shelf(site_tree, orgs, terms):
    """Items of every kind, several tagged with two hazards, one on two reading lists."""
    index, tehran = site_tree["knowledge"], orgs["tehran"]

    def item(title, hazards=(), **fields):
        page = add_item(index, tehran, title=title, **fields)
        page.hazards.set([terms[h] for h in hazards])
        page.save()
        return page

    made = {
        "drill": item("Evacuation drill for schools", ["earthquake", "flood"], kind="training"),
        "plan": item("Master plan of Tehran", ["earthquake", "flood"], study_type="master_plan"),
        "quake": item("Earthquake and flood study", ["earthquake", "flood"], study_type="hazard_study"),
        "flood": item("Flood study", ["flood"], study_type="hazard_study"),
        "listed": item("Listed safety plan", ["flood"], study_type="safety_plan"),
    }
    first = ReadingList.objects.create(title="First month", persian_title="ماه نخست", sort_order=0)
    ReadingListEntry.objects.create(reading_list=first, item=made["listed"], sort_order=0,
                                    note="Read it before anything else", persian_note="پیش از همه این را بخوانید")
    again = ReadingList.objects.create(title="Plans again", sort_order=1)
    ReadingListEntry.objects.create(reading_list=again, item=made["listed"], sort_order=0)
    ReadingListEntry.objects.create(reading_list=again, item=made["quake"], sort_order=1)
    return made


def test_each_item_appears_once_in_reading_order(client, orgs, shelf):
    path = reading_path("isfahan", None)
    titles = [item.title for item in path.items]
    assert len(titles) == len(set(titles)) == 5
    # The secretariat's lists first (an item on two lists in the first only), then plans, then hazard
    # studies (each once although tagged with two hazards), then training.
    assert [(stage.kind, [stop.item.title for stop in stage.stops]) for stage in path.stages] == [
        ("reading_list", ["Listed safety plan"]),
        ("reading_list", ["Earthquake and flood study"]),
        ("plans", ["Master plan of Tehran"]),
        ("hazards", ["Flood study"]),
        ("training", ["Evacuation drill for schools"]),
    ]
    html = client.get(START + "?city=isfahan").content.decode()
    assert html.count("Earthquake and flood study</a>") == 1
    assert html.index("Listed safety plan") < html.index("Master plan of Tehran") < html.index("Flood study</a>")


def test_hazards_the_open_resolutions_name_come_first(site_tree, orgs, terms, shelf):
    quake_only = add_item(site_tree["knowledge"], orgs["tehran"], title="Quake microzonation",
                          study_type="hazard_study")
    quake_only.hazards.set([terms["earthquake"]])
    quake_only.save()
    meeting = add_meeting(site_tree["meetings"], 9)
    [hazards] = [stage for stage in reading_path("isfahan", None).stages if stage.kind == "hazards"]
    assert [stop.item.title for stop in hazards.stops] == ["Quake microzonation", "Flood study"]
    # Once an open resolution every member follows names floods, flood studies come first.
    ResolutionFactory(meeting=meeting, number=1, owned_by_all_members=True).hazards.set([terms["flood"]])
    [hazards] = [stage for stage in reading_path("isfahan", None).stages if stage.kind == "hazards"]
    assert [stop.item.title for stop in hazards.stops] == ["Flood study", "Quake microzonation"]


def test_reading_list_notes_in_the_readers_language(client, orgs, shelf):
    persian = client.get("/fa/start/?city=isfahan").content.decode()
    assert "پیش از همه این را بخوانید" in persian and "Read it before anything else" not in persian
    assert "ماه نخست" in persian
    # Without a note in their language readers get the one written, marked with its language.
    chinese = client.get("/zh-hans/start/?city=isfahan").content.decode()
    assert '<span lang="en" dir="ltr">Read it before anything else</span>' in chinese
    assert '<span lang="en" dir="ltr">First month</span>' in chinese


def test_line_statuses_are_for_members(client, network, people, orgs):
    """Each owner's line status is members-only (resolutions.visibility.sees_follow_up); the
    resolution's own status stays public."""
    line = network["everyone"].lines.get(organisation=network["newcomer"])
    public = client.get(START).content.decode()
    assert f'data-line="{line.pk}"' not in public and "follow-up:" not in public
    assert f'data-resolution="{network["everyone"].pk}"' in public
    client.force_login(people["isfahan"])
    member = client.get(START + "?city=qazvin").content.decode()
    assert f'data-line="{line.pk}"' in member and "Qazvin's follow-up:" in member
