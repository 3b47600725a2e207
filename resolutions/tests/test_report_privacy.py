"""A follow-up report's attachments are as private as the report (members only) unless the reporter
makes them public; the form says which."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from knowledge.tests import files
from portal import documents
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus

PDF = files.pdf_bytes("Flood shelter survey")
HIDDEN = (302, 403, 404)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    public = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]])
    internal = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"]], is_public=False)
    return {"public": public, "internal": internal}


def page_url(resolution):
    """The resolution's page in English."""
    return "/en/" + resolution.get_url().split("/", 2)[2]


def report(client, resolution, *, make_public, name="survey.pdf"):
    data = {"text": "Survey of flood shelters attached.", "status": LineStatus.IN_PROGRESS,
            "attachment": SimpleUploadedFile(name, PDF, content_type="application/pdf")}
    if make_public:
        data["attachment_public"] = "on"
    line = resolution.lines.get()
    assert client.post(reverse("resolutions:post_report", args=[line.pk]), data).status_code == 302
    return FollowUpReport.objects.filter(line=line).latest("created_at")


def test_the_form_says_who_may_download_the_attachment(client, world, people):
    client.force_login(people["isfahan"])
    html = client.get(page_url(world["public"])).content.decode()
    assert 'name="attachment_public"' in html and 'type="checkbox"' in html
    assert "Anyone may download the attachment" in html
    assert "for members of the network only, unless you tick the box below" in html


def test_an_attachment_is_members_only_like_its_report(client, world, people):
    client.force_login(people["isfahan"])
    document = report(client, world["public"], make_public=False).attachments.get()
    assert not documents.is_public_document(document)
    assert Client().get(document.url).status_code in HIDDEN
    member = Client()
    member.force_login(people["tehran"])
    assert member.get(document.url).status_code == 200
    page = Client().get(page_url(world["public"])).content.decode()
    assert document.url not in page and "Survey of flood shelters attached." not in page
    assert "members only" in client.get(page_url(world["public"])).content.decode()


def test_an_attachment_the_reporter_made_public_is_public_but_the_report_is_not(client, world, people):
    client.force_login(people["isfahan"])
    saved = report(client, world["public"], make_public=True)
    assert saved.attachments_public
    document = saved.attachments.get()
    assert documents.is_public_document(document)
    assert Client().get(document.url).status_code == 200
    page = Client().get(page_url(world["public"])).content.decode()
    assert document.url in page and "Public documents" in page
    assert "Survey of flood shelters attached." not in page  # the report's text stays for members


def test_a_public_attachment_on_an_internal_resolution_stays_private(client, world, people):
    client.force_login(people["isfahan"])
    document = report(client, world["internal"], make_public=True, name="internal.pdf").attachments.get()
    assert not documents.is_public_document(document)
    assert Client().get(document.url).status_code in HIDDEN
