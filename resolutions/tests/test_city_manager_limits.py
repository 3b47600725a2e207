"""What a city manager cannot do to resolutions and lines, tried through the admin's URLs."""

import pytest
from django.urls import reverse

from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus, Resolution


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    own = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Isfahan's task")
    other = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]], text="Tehran's task")
    return locals()


@pytest.mark.parametrize("which", ["own", "other"])
def test_city_manager_cannot_edit_resolutions_in_the_admin(client, world, people, which):
    resolution = world[which]
    client.force_login(people["isfahan"])
    url = reverse("wagtailsnippets_resolutions_resolution:edit", args=[resolution.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"meeting": resolution.meeting.pk, "number": resolution.number,
                                 "text": "Rewritten by a city", "language": "en", "status": "done"})
    assert response.status_code in (302, 403)
    resolution.refresh_from_db()
    assert resolution.text != "Rewritten by a city"


def test_city_manager_cannot_change_another_organisations_line(client, world, people, orgs):
    line = world["other"].lines.get()
    client.force_login(people["isfahan"])
    url = reverse("wagtailsnippets_resolutions_followupline:edit", args=[line.pk])
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"resolution": line.resolution_id, "organisation": orgs["tehran"].pk, "status": "done"})
    response = client.post(reverse("resolutions:post_report", args=[line.pk]),
                           {"text": "Done for them", "status": LineStatus.DONE})
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.status == LineStatus.OPEN and not FollowUpReport.objects.exists()


def test_city_manager_reports_on_its_own_line_only(client, world, people):
    client.force_login(people["isfahan"])
    own_line = world["own"].lines.get()
    assert client.post(reverse("resolutions:post_report", args=[own_line.pk]),
                       {"text": "Sent", "status": LineStatus.DONE}).status_code == 302
    page = client.get(world["other"].get_url()).content.decode()
    assert "Report progress" not in page  # no form for a line it does not own
    assert Resolution.objects.get(pk=world["own"].pk).status == "done"


def test_city_manager_cannot_open_the_import_view(client, world, people):
    client.force_login(people["isfahan"])
    assert client.get("/admin/import-minutes/").status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/import-minutes/" not in menu
