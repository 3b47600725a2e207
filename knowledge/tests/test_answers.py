"""Answers to a resolution: each owner's answer in its row (beside its line), what the viewer may read,
answers from non-owners, and the include the resolution page uses."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from knowledge.answers import answers_by_owner, answers_for
from knowledge.factories import add_item
from portal.factories import OrganisationFactory
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus
from resolutions.owner_rows import owner_rows


@pytest.fixture
def every_city_owes(site_tree, orgs):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=2, owned_by_all_members=True)
    add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran hazard study", answers_resolution=resolution)
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan draft answer", answers_resolution=resolution,
             publish=False)
    return resolution


def answered(rows):
    return {row.organisation.slug: [item.title for item in row.answers] for row in rows}


def test_each_owner_row_shows_what_it_shared_beside_its_line(every_city_owes, people):
    rows = owner_rows(every_city_owes, people["outsider"])
    # Drafts do not count; retired cities owe nothing, so they have no row.
    assert answered(rows) == {"isfahan": [], "tehran": ["Tehran hazard study"]}
    # Publishing Tehran's answer moved its line (knowledge.signals): the row says so, in one place.
    member_rows = owner_rows(every_city_owes, people["tehran"])
    assert {row.organisation.slug: row.line.status for row in member_rows} == {
        "isfahan": "open", "tehran": "in_progress"}
    assert next(r for r in member_rows if r.organisation.slug == "tehran").latest_report is not None


def test_members_only_answers_show_to_members_only(site_tree, orgs, people, every_city_owes):
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Isfahan members-only answer", visibility="members",
             answers_resolution=every_city_owes)
    assert answers_by_owner(every_city_owes, people["outsider"]).get(orgs["isfahan"].pk) is None
    assert [i.title for i in answers_by_owner(every_city_owes, people["tehran"])[orgs["isfahan"].pk]] == [
        "Isfahan members-only answer"]


def test_a_city_that_has_not_answered_is_offered_the_share_form(every_city_owes, people):
    assert answers_for(every_city_owes, people["isfahan"]).share_url.endswith(f"?resolution={every_city_owes.pk}")
    assert answers_for(every_city_owes, people["tehran"]).share_url == ""
    assert answers_for(every_city_owes, people["outsider"]).share_url == ""


def test_a_newly_joined_city_gets_its_row(every_city_owes, people):
    OrganisationFactory(slug="qazvin", name_en="Qazvin")
    every_city_owes.sync_lines()  # what joining does (resolutions.signals, after commit)
    assert answered(owner_rows(every_city_owes, people["secretariat"]))["qazvin"] == []


def test_answers_from_organisations_that_do_not_own_the_resolution_are_listed_apart(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=8, owners=[orgs["secretariat"]])
    add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran training", answers_resolution=resolution)
    assert answered(owner_rows(resolution, people["outsider"])) == {"network-secretariat": []}
    assert [item.title for item in answers_for(resolution, people["outsider"]).others] == ["Tehran training"]


def test_the_include_lists_other_organisations_answers_and_the_share_button(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=8, owners=[orgs["isfahan"]])
    add_item(site_tree["knowledge"], orgs["tehran"], title="Tehran training", answers_resolution=resolution)
    request = RequestFactory().get("/en/")
    request.user = people["isfahan"]
    with translation.override("en"):
        html = render_to_string("knowledge/includes/answers.html",
                                {"answers": answers_for(resolution, request.user), "is_member": True},
                                request=request)
    # The title in its own language, marked as such on the English page.
    assert re.search(r'<a href="[^"]+" lang="fa" dir="rtl">Tehran training</a>', html)
    assert "Share your city&#x27;s answer" in html or "Share your city's answer" in html
    assert "Not sent yet" not in html  # no second notion beside the owner's line


def test_the_resolution_page_has_one_row_per_owner_with_line_report_and_answer(client, every_city_owes, people,
                                                                               orgs):
    tehran_line = every_city_owes.lines.get(organisation=orgs["tehran"])
    tehran_line.record_report(author=people["tehran"], text="Study shared.", status=LineStatus.DONE)
    client.force_login(people["isfahan"])
    html = client.get("/en" + every_city_owes.get_url().removeprefix("/fa").removeprefix("/en")).content.decode()
    row = html[html.index(f'data-line="{tehran_line.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "Done" in row and "Tehran hazard study" in row and people["tehran"].get_username() in row
    assert "Not sent yet" not in html and "Answers shared by the owners" not in html
