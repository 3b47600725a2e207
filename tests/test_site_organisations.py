"""Organisation pages: who sees which follow-up lines, items and contact details."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from knowledge.contributions import submitted_items
from knowledge.factories import add_item
from portal import directory
from resolutions.contributions import owned_lines
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import MeetingPage


@pytest.fixture
def world(site_tree, orgs, people):
    orgs["isfahan"].contact_email = "duty-desk@isfahan.example"
    orgs["isfahan"].joined_on = datetime.date(2007, 11, 1)
    orgs["isfahan"].name_fa = "مدیریت بحران شهرداری اصفهان"
    orgs["isfahan"].save()
    meeting = add_meeting(site_tree["meetings"], 9)
    draft_meeting = add_meeting(site_tree["meetings"], 10, slug="meeting-10")
    MeetingPage.objects.filter(pk=draft_meeting.pk).update(live=False)
    public = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]],
                               text="Public isfahan duty")
    internal = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"]], is_public=False,
                                 text="Internal isfahan duty")
    unpublished = ResolutionFactory(meeting=draft_meeting, number=1, owners=[orgs["isfahan"]],
                                    text="Duty from an unpublished meeting")
    everyone = ResolutionFactory(meeting=meeting, number=3, owned_by_all_members=True, text="Everyone's duty")
    tehran_only = ResolutionFactory(meeting=meeting, number=4, owners=[orgs["tehran"]], text="Tehran's duty")
    public_item = add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan public study")
    members_item = add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan members notes",
                            visibility="members")
    draft_item = add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan draft", publish=False)
    return locals()


def texts(lines):
    return sorted(line.resolution.text for line in lines)


# --- rules --------------------------------------------------------------------------------

def test_public_sees_only_public_resolutions_of_live_meetings(world, orgs):
    assert texts(owned_lines(orgs["isfahan"], None)) == ["Everyone's duty", "Public isfahan duty"]


def test_members_see_every_resolution_of_live_meetings(world, orgs, people):
    for reader in ("isfahan", "tehran", "secretariat"):
        assert texts(owned_lines(orgs["isfahan"], people[reader])) == [
            "Everyone's duty", "Internal isfahan duty", "Public isfahan duty"]


def test_each_lines_own_status_for_members_only(world, orgs, people):
    public = owned_lines(orgs["isfahan"], people["outsider"])
    assert not public.shows_lines and [row.line for row in public] == [None, None]
    member = owned_lines(orgs["isfahan"], people["tehran"])
    assert member.shows_lines and {row.line.organisation for row in member} == {orgs["isfahan"]}


def test_an_outsider_account_reads_like_the_public(world, orgs, people):
    assert texts(owned_lines(orgs["isfahan"], people["outsider"])) == [
        "Everyone's duty", "Public isfahan duty"]
    assert not directory.can_see_contact(people["outsider"])


def test_submitted_items_members_only_for_members_and_never_drafts(world, orgs, people):
    def titles(user):
        return sorted(item.title for item in submitted_items(orgs["isfahan"], user))

    assert titles(None) == ["Isfahan public study"]
    assert titles(people["tehran"]) == ["Isfahan members notes", "Isfahan public study"]


def test_contact_email_for_members_only(world, orgs, people):
    assert directory.profile(orgs["isfahan"], None).contact_email == ""
    assert directory.profile(orgs["isfahan"], people["tehran"]).contact_email == "duty-desk@isfahan.example"


def test_listing_puts_secretariats_first_and_former_members_last(world, orgs):
    slugs = [o.slug for o in directory.listed_organisations()]
    assert slugs[0] == "network-secretariat" and slugs[-1] == "retired-city"


def test_names_fall_back_and_say_which_language_they_are_in(world, orgs):
    assert directory.displayed_name(orgs["isfahan"], "fa") == ("مدیریت بحران شهرداری اصفهان", "fa")
    assert directory.displayed_name(orgs["isfahan"], "en") == ("Isfahan", "en")
    assert directory.displayed_name(orgs["isfahan"], "zh-hans") == ("Isfahan", "en")
    assert directory.other_names(orgs["isfahan"], "en") == [("مدیریت بحران شهرداری اصفهان", "fa")]


# --- pages --------------------------------------------------------------------------------

def test_public_organisation_page(client, world, orgs):
    with translation.override("en"):
        url = reverse("organisation", args=["isfahan"])
    assert url == "/en/organisations/isfahan/"
    html = client.get(url).content.decode()
    assert "Public isfahan duty" in html and "Everyone&#x27;s duty" in html
    assert "Internal isfahan duty" not in html
    assert "unpublished meeting" not in html and "Tehran&#x27;s duty" not in html
    assert "Isfahan public study" in html
    assert "Isfahan members notes" not in html and "Isfahan draft" not in html
    assert "duty-desk@isfahan.example" not in html
    assert "Nov. 1, 2007" in html  # joined
    assert "data-line=" not in html and "Its follow-up" not in html  # each line's status: members only
    assert f'data-resolution="{world["public"].pk}"' in html  # the resolution's own status: public


def test_member_organisation_page(client, world, people):
    client.force_login(people["tehran"])
    html = client.get("/en/organisations/isfahan/").content.decode()
    assert "Internal isfahan duty" in html and "Isfahan members notes" in html
    assert "duty-desk@isfahan.example" in html
    line = world["public"].lines.get()
    assert f'data-line="{line.pk}" data-status="{line.status}"' in html


def test_persian_organisation_page_is_rtl_with_jalali_dates(client, world):
    html = client.get("/fa/organisations/isfahan/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "۱۰ آبان ۱۳۸۶" in html  # 2007-11-01
    assert '<span lang="fa" dir="rtl">مدیریت بحران شهرداری اصفهان</span>' in html
    assert '<li lang="en" dir="ltr">Isfahan</li>' in html


def test_organisation_index_lists_everyone_and_never_emails(client, world, orgs):
    orgs["tehran"].contact_email = "desk@tehran.example"
    orgs["tehran"].save()
    html = client.get("/en/organisations/").content.decode()
    for name in ("Isfahan", "Tehran", "Network secretariat", "Retired city"):
        assert name in html
    assert "Former members" in html
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_unknown_organisation_is_404(client, world):
    assert client.get("/en/organisations/atlantis/").status_code == 404
