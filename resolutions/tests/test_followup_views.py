"""Reports with attachments, and the secretariat's decisions, through URLs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from knowledge.tests import files
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus, Resolution, ResolutionStatus

PDF = files.pdf_bytes("Hazard study")


@pytest.fixture(autouse=True)
def english(client):
    """Actions have no language prefix: the browser's language decides, here English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    later = add_meeting(site_tree["meetings"], 10, slug="meeting-10")
    isfahan_owns = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]])
    tehran_owns = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]])
    return locals()


def post_report(client, line, upload=None, text="Sent the study."):
    data = {"text": text, "status": LineStatus.IN_PROGRESS}
    if upload is not None:
        data["attachment"] = upload
    return client.post(reverse("resolutions:post_report", args=[line.pk]), data)


# --- attachments ----------------------------------------------------------------------------

def test_report_with_an_attachment_keeps_the_document(client, world, people, orgs):
    client.force_login(people["isfahan"])
    line = world["isfahan_owns"].lines.get()
    response = post_report(client, line, SimpleUploadedFile("study.pdf", PDF, content_type="application/pdf"))
    assert response.status_code == 302
    report = FollowUpReport.objects.get()
    document = report.attachments.get()
    assert document.title == "study.pdf" and document.file_size == len(PDF)
    assert document.uploaded_by_user == people["isfahan"]
    page = client.get(world["isfahan_owns"].get_url()).content.decode()
    assert document.url in page and "study.pdf" in page
    # The report form on the page accepts files.
    assert 'enctype="multipart/form-data"' in page and 'name="attachment"' in page


@pytest.mark.parametrize("name, content, code", [
    ("tool.exe", b"MZ\x90\x00", "extension"),
    ("page.html", b"<script>alert(1)</script>", "extension"),
    ("report.pdf", files.EXE, "dangerous"),
    ("empty.pdf", b"", "empty"),
])
def test_refused_attachment_stores_nothing(client, world, people, name, content, code):
    client.force_login(people["isfahan"])
    line = world["isfahan_owns"].lines.get()
    response = post_report(client, line, SimpleUploadedFile(name, content), text="My careful report")
    assert response.status_code == 400
    form = response.context["report_form"]
    assert form.has_error("attachment", code)
    assert form.errors["attachment"][0] in response.content.decode()  # shown, in the page's language
    assert "My careful report" in response.content.decode()  # what was typed is kept
    assert not FollowUpReport.objects.exists()
    assert not get_document_model().objects.exists()
    line.refresh_from_db()
    assert line.status == LineStatus.OPEN


def test_attachment_over_the_size_limit_is_refused(client, world, people, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    client.force_login(people["isfahan"])
    response = post_report(client, world["isfahan_owns"].lines.get(),
                           SimpleUploadedFile("big.pdf", PDF + b"0" * 2000))
    assert response.status_code == 400
    assert response.context["report_form"].has_error("attachment", "too_big")
    assert not FollowUpReport.objects.exists() and not get_document_model().objects.exists()


def test_city_manager_cannot_attach_to_another_citys_line(client, world, people):
    client.force_login(people["isfahan"])
    response = post_report(client, world["tehran_owns"].lines.get(), SimpleUploadedFile("x.pdf", PDF))
    assert response.status_code == 403
    assert not get_document_model().objects.exists()


# --- cancelling, reopening, carrying over ---------------------------------------------------

def action(client, name, resolution, data=None):
    return client.post(reverse(f"resolutions:{name}", args=[resolution.pk]), data or {})


def test_secretariat_cancels_and_reopens_with_history(client, world, people):
    resolution = world["isfahan_owns"]
    client.force_login(people["secretariat"])
    page = client.get(resolution.get_url()).content.decode()
    assert reverse("resolutions:cancel", args=[resolution.pk]) in page

    assert action(client, "cancel", resolution, {"reason": "Overtaken by the new law"}).status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.CANCELLED and resolution.closed_on
    latest = resolution.history.latest()
    assert latest.history_change_reason == "Overtaken by the new law"
    assert latest.history_user == people["secretariat"]

    assert action(client, "reopen", resolution).status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.OPEN and resolution.closed_on is None


def test_secretariat_carries_over_to_a_later_meeting(client, world, people):
    resolution = world["isfahan_owns"]
    client.force_login(people["secretariat"])
    response = action(client, "carry_over", resolution, {"meeting": world["later"].pk, "number": 4})
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.CARRIED_OVER
    successor = resolution.carried_over_to
    assert (successor.meeting, successor.number) == (world["later"], 4)
    assert [line.organisation for line in successor.lines.all()] == [world["orgs"]["isfahan"]]
    assert "Carried over to meeting 10" in resolution.history.latest().history_change_reason


def test_carry_over_refuses_an_earlier_meeting_or_a_taken_number(client, world, people, site_tree):
    earlier = add_meeting(site_tree["meetings"], 8, slug="meeting-8")
    ResolutionFactory(meeting=world["later"], number=4)
    client.force_login(people["secretariat"])
    resolution = world["isfahan_owns"]
    for data in ({"meeting": earlier.pk, "number": 1}, {"meeting": world["later"].pk, "number": 4},
                 {"meeting": world["later"].pk, "number": ""}):
        response = action(client, "carry_over", resolution, data)
        assert response.status_code == 400, data
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.OPEN and resolution.carried_over_to is None
    assert Resolution.objects.count() == 3


@pytest.mark.parametrize("name, data", [("cancel", {}), ("reopen", {}),
                                        ("carry_over", {"number": 5})])
def test_only_the_secretariat_decides(client, world, people, name, data):
    resolution = world["isfahan_owns"]
    if "carry_over" == name:
        data = {**data, "meeting": world["later"].pk}
    if name == "reopen":
        Resolution.objects.filter(pk=resolution.pk).update(status=ResolutionStatus.CANCELLED)
    before = Resolution.objects.get(pk=resolution.pk).status
    client.force_login(people["isfahan"])  # even the owner
    assert action(client, name, resolution, data).status_code == 403
    client.logout()
    response = action(client, name, resolution, data)
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert Resolution.objects.get(pk=resolution.pk).status == before
    assert Resolution.objects.count() == 2


def test_city_manager_sees_no_secretariat_actions(client, world, people):
    client.force_login(people["isfahan"])
    page = client.get(world["isfahan_owns"].get_url()).content.decode()
    assert reverse("resolutions:cancel", args=[world["isfahan_owns"].pk]) not in page
    assert reverse("tracking:history", args=[world["isfahan_owns"].pk]) in page


def test_actions_need_post(client, world, people):
    client.force_login(people["secretariat"])
    assert client.get(reverse("resolutions:cancel", args=[world["isfahan_owns"].pk])).status_code == 405
