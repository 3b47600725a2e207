"""Who may do what, tried through URLs the way a browser or a script would."""

import pytest
from django.urls import reverse

from knowledge.factories import add_item
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    isfahan_owns = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]])
    tehran_owns = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]])
    everyone_owes = ResolutionFactory(meeting=meeting, number=3, owned_by_all_members=True)
    internal = ResolutionFactory(meeting=meeting, number=4, owners=[orgs["isfahan"]], is_public=False,
                                 internal_note="Budget talks")
    public_item = add_item(site_tree["knowledge"], orgs["tehran"], title="Public flood study")
    members_item = add_item(site_tree["knowledge"], orgs["tehran"], title="Members-only drill notes",
                            visibility="members")
    tehran_draft = add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran unfinished draft",
                            publish=False, owner=people["tehran"])
    return locals()


def report(client, line, text="We sent the study."):
    return client.post(reverse("resolutions:post_report", args=[line.pk]),
                       {"text": text, "status": LineStatus.DONE})


def line_of(resolution, organisation):
    return resolution.lines.get(organisation=organisation)


# --- follow-up reports ----------------------------------------------------------------------

def test_city_manager_reports_on_a_resolution_its_city_owns(client, world, people, orgs):
    client.force_login(people["isfahan"])
    response = report(client, line_of(world["isfahan_owns"], orgs["isfahan"]))
    assert response.status_code == 302
    assert FollowUpReport.objects.filter(line__organisation=orgs["isfahan"]).count() == 1


def test_city_manager_reports_through_all_member_metropolises(client, world, people, orgs):
    client.force_login(people["isfahan"])
    assert report(client, line_of(world["everyone_owes"], orgs["isfahan"])).status_code == 302


def test_city_manager_cannot_report_for_another_city(client, world, people, orgs):
    client.force_login(people["isfahan"])
    response = report(client, line_of(world["tehran_owns"], orgs["tehran"]))
    assert response.status_code == 403
    assert not FollowUpReport.objects.exists()
    # Nor on another city's line of a resolution both owe.
    assert report(client, line_of(world["everyone_owes"], orgs["tehran"])).status_code == 403
    assert not FollowUpReport.objects.exists()


def test_public_and_outsiders_cannot_report(client, world, people, orgs):
    line = line_of(world["isfahan_owns"], orgs["isfahan"])
    response = report(client, line)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    client.force_login(people["outsider"])
    assert report(client, line).status_code == 403
    assert not FollowUpReport.objects.exists()


def test_secretariat_reports_on_any_line(client, world, people, orgs):
    client.force_login(people["secretariat"])
    assert report(client, line_of(world["tehran_owns"], orgs["tehran"])).status_code == 302
    assert FollowUpReport.objects.count() == 1


def test_empty_report_is_refused_and_keeps_nothing_else(client, world, people, orgs):
    client.force_login(people["isfahan"])
    response = report(client, line_of(world["isfahan_owns"], orgs["isfahan"]), text="   ")
    assert response.status_code == 400
    assert not FollowUpReport.objects.exists()


# --- reading --------------------------------------------------------------------------------

def test_public_reads_public_resolutions_only(client, world):
    assert client.get(world["isfahan_owns"].get_url()).status_code == 200
    assert client.get(world["internal"].get_url()).status_code == 404
    meeting_page = client.get(world["meeting"].url).content.decode()
    assert "Budget talks" not in meeting_page
    assert world["internal"].text not in meeting_page


def test_public_never_sees_members_only_items_or_drafts(client, world):
    assert client.get(world["public_item"].url).status_code == 200
    response = client.get(world["members_item"].url)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    listing = client.get(world["site_tree"]["knowledge"].url).content.decode()
    assert "Public flood study" in listing
    assert "Members-only drill notes" not in listing
    assert "Tehran unfinished draft" not in listing


def test_members_read_members_only_items(client, world, people):
    client.force_login(people["isfahan"])
    assert client.get(world["members_item"].url).status_code == 200
    assert client.get(world["internal"].get_url()).status_code == 200


def test_public_never_sees_email_addresses(client, world, orgs):
    orgs["tehran"].contact_email = "duty-desk@tehran.example"
    orgs["tehran"].save()
    for url in (world["public_item"].url, world["meeting"].url, world["tehran_owns"].get_url()):
        assert "duty-desk@tehran.example" not in client.get(url).content.decode()


# --- the admin ------------------------------------------------------------------------------

def test_city_manager_cannot_open_another_citys_draft(client, world, people):
    client.force_login(people["isfahan"])
    draft = world["tehran_draft"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk])).status_code in (302, 403)
    listing = client.get(reverse("wagtailadmin_explore", args=[world["site_tree"]["knowledge"].pk]))
    assert listing.status_code == 200
    assert "Tehran unfinished draft" not in listing.content.decode()


def test_city_manager_edits_own_draft_but_cannot_publish(client, world, people):
    client.force_login(people["tehran"])
    draft = world["tehran_draft"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code == 200
    perms = draft.permissions_for_user(people["tehran"])
    assert perms.can_edit() and not perms.can_publish()
    assert not world["public_item"].permissions_for_user(people["tehran"]).can_unpublish()


def test_city_manager_creates_items_for_its_own_organisation_only(client, world, people, orgs):
    client.force_login(people["isfahan"])
    url = reverse("wagtailadmin_pages:add", args=["knowledge", "study", world["site_tree"]["knowledge"].pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.fields["organisation"].queryset) == [orgs["isfahan"]]


def test_city_manager_cannot_manage_resolutions_or_organisations(client, world, people):
    client.force_login(people["isfahan"])
    for url in (reverse("wagtailsnippets_resolutions_resolution:add"),
                reverse("wagtailsnippets_portal_organisation:add"),
                reverse("wagtailusers_users:index")):
        assert client.get(url).status_code in (302, 403), url


def test_secretariat_manages_everything(client, world, people):
    client.force_login(people["secretariat"])
    for url in (reverse("wagtailsnippets_resolutions_resolution:add"),
                reverse("wagtailsnippets_portal_organisation:add"),
                reverse("wagtailsnippets_portal_hazard:add"),
                reverse("wagtailusers_users:index"),
                reverse("wagtailadmin_pages:edit", args=[world["tehran_draft"].pk])):
        assert client.get(url).status_code == 200, url
    assert world["public_item"].permissions_for_user(people["secretariat"]).can_unpublish()
