"""Answers to a resolution: who sent one, what the viewer may read, and the include the resolution page uses."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from knowledge.answers import answers_for
from knowledge.factories import add_item
from portal.factories import OrganisationFactory
from resolutions.factories import ResolutionFactory, add_meeting


@pytest.fixture
def every_city_owes(site_tree, orgs):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=2, owned_by_all_members=True)
    add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran hazard study", answers_resolution=resolution)
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan draft answer", answers_resolution=resolution,
             publish=False)
    return resolution


def sent_by(answers):
    return {owner.organisation.slug: owner.sent for owner in answers.owners}


def test_each_member_city_is_shown_as_sent_or_not(every_city_owes, people):
    answers = answers_for(every_city_owes, people["outsider"])
    assert sent_by(answers) == {"isfahan": False, "tehran": True}  # drafts do not count; retired cities owe nothing
    assert [item.title for item in answers.items] == ["Tehran hazard study"]
    assert answers.sent_count == 1 and [o.organisation.slug for o in answers.missing] == ["isfahan"]


def test_members_only_answers_count_for_members_only(site_tree, orgs, people, every_city_owes):
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan members-only answer", visibility="members",
             answers_resolution=every_city_owes)
    assert sent_by(answers_for(every_city_owes, people["outsider"]))["isfahan"] is False
    assert sent_by(answers_for(every_city_owes, people["tehran"]))["isfahan"] is True


def test_a_city_that_has_not_answered_is_offered_the_share_form(every_city_owes, people):
    assert answers_for(every_city_owes, people["isfahan"]).share_url.endswith(f"?resolution={every_city_owes.pk}")
    assert answers_for(every_city_owes, people["tehran"]).share_url == ""
    assert answers_for(every_city_owes, people["outsider"]).share_url == ""


def test_a_newly_joined_city_is_listed_as_not_sent(every_city_owes, people):
    OrganisationFactory(slug="qazvin", name_en="Qazvin")
    assert sent_by(answers_for(every_city_owes, people["secretariat"]))["qazvin"] is False


def test_answers_from_organisations_that_do_not_own_the_resolution_are_listed_apart(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=8, owners=[orgs["secretariat"]])
    add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran training", answers_resolution=resolution)
    answers = answers_for(resolution, people["outsider"])
    assert sent_by(answers) == {"network-secretariat": False}
    assert [item.title for item in answers.others] == ["Tehran training"]


def test_the_include_renders_sent_and_missing_cities(every_city_owes, people):
    request = RequestFactory().get("/en/")
    request.user = people["tehran"]
    with translation.override("en"):
        html = render_to_string("knowledge/includes/answers.html",
                                {"answers": answers_for(every_city_owes, request.user), "is_member": True},
                                request=request)
    assert "Tehran hazard study" in html
    assert "Isfahan" in html and "Not sent yet" in html
    assert 'dir="auto"' in html
