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
    [flood] = [topic for topic in path.hazards if topic.term.slug == "flood"]
    assert [item.title for item in flood.items] == ["Tehran flood study"]  # members-only hidden
    html = response.content.decode()
    assert "First month" in html and "A model study" in html and "For members" not in html


def test_a_city_can_be_chosen_and_a_member_gets_its_own(client, network, people, orgs):
    path = client.get(START + "?city=isfahan").context["path"]
    assert path.city == orgs["isfahan"]
    assert {line.resolution.number for line in path.checklist} == {2, 3}
    client.force_login(people["tehran"])
    assert client.get(START).context["path"].city == orgs["tehran"]
    # A city's own items are not suggested to it; members also get members-only items.
    assert not [topic for topic in reading_path("", people["tehran"]).hazards if topic.term.slug == "flood"]
    [flood] = [topic for topic in reading_path("", people["isfahan"]).hazards if topic.term.slug == "flood"]
    assert {item.title for item in flood.items} == {"Tehran flood study", "Members-only flood drill"}


def test_an_unknown_city_falls_back_to_the_newest_member(client, network):
    response = client.get(START + "?city=%3Cscript%3E")
    assert response.status_code == 200
    assert response.context["path"].city == network["newcomer"]


def test_start_here_in_persian_is_right_to_left(client, network):
    html = client.get("/fa/start/").content.decode()
    assert 'dir="rtl"' in html
