"""Submission → secretariat review → publication, through the share form and Wagtail's admin URLs."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from knowledge.models import KnowledgeItem
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus

SHARE = "/fa/knowledge/share/"


@pytest.fixture
def submitted(client, site_tree, people, share_form_data, pdf):
    """Isfahan's manager shares a study and submits it at once."""
    client.force_login(people["isfahan"])
    response = client.post(SHARE, share_form_data(action="submit", documents=[pdf()]))
    assert response.status_code == 302
    return KnowledgeItem.objects.get(owner=people["isfahan"]).specific


def act(client, user, item, action, comment=""):
    """A reviewer's decision, posted the way the admin's workflow buttons post it."""
    client.force_login(user)
    task_state = item.current_workflow_task_state
    assert task_state is not None, "the item is not awaiting review"
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code in (200, 302), response.content[:500]
    return KnowledgeItem.objects.get(pk=item.pk).specific


def actions(item):
    return list(PageLogEntry.objects.filter(page=item).order_by("timestamp", "pk").values_list("action", flat=True))


def mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_submission_review_and_publication(client, submitted, site_tree, people):
    item = submitted
    assert not item.live
    assert item.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert item.current_workflow_state.workflow.name == "Secretariat review"
    # The secretariat is told by e-mail and on its dashboard.
    [notice] = mail_to("sec@example.org")
    assert item.title in notice.subject + notice.body
    assert notice.from_email
    client.force_login(people["secretariat"])
    assert item.title in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).status_code == 200
    # Nobody else sees it yet.
    client.logout()
    assert item.title not in client.get(site_tree["knowledge"].url).content.decode()

    mail.outbox = []
    item = act(client, people["secretariat"], item, "approve", comment="Thank you, a useful study.")
    assert item.live
    assert item.current_workflow_state is None
    assert mail_to("isf@example.org"), "the submitter is told it was approved"
    client.logout()
    listing = client.get(site_tree["knowledge"].url).content.decode()
    assert item.title in listing
    assert client.get(item.url).status_code == 200
    history = actions(item)
    assert history.index("wagtail.workflow.start") < history.index("wagtail.workflow.approve") \
        < history.index("wagtail.publish")
    # The submitter's list says so, with the reviewer's comment in the history.
    client.force_login(people["isfahan"])
    detail = client.get(reverse("knowledge:submission", args=[item.pk])).content.decode()
    assert "state-published" in detail and "Thank you, a useful study." in detail
    # Its document is now public.
    client.logout()
    assert client.get(item.documents.get().document.url).status_code == 200


def test_request_changes_then_resubmit_and_publish(client, submitted, site_tree, people, share_form_data):
    item = act(client, people["secretariat"], submitted, "reject", comment="Please add the flood maps.")
    state = item.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES and not item.live
    [notice] = mail_to("isf@example.org")
    assert "Please add the flood maps." in notice.body
    client.force_login(people["isfahan"])
    mine = client.get("/fa/knowledge/mine/").content.decode()
    assert "state-changes_requested" in mine and "Please add the flood maps." in mine
    # The submitter changes it from the site and submits it again: the same workflow resumes.
    url = reverse("knowledge:submission", args=[item.pk])
    response = client.post(url, share_form_data(title="With flood maps", action="submit"))
    assert response.status_code == 302
    item = KnowledgeItem.objects.get(pk=item.pk).specific
    assert item.current_workflow_state.pk == state.pk
    assert item.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    item = act(client, people["secretariat"], item, "approve")
    assert item.live and item.title == "With flood maps"
    assert {"wagtail.workflow.reject", "wagtail.workflow.resume", "wagtail.publish"} <= set(actions(item))


def test_rejected_item_stays_private_and_can_be_withdrawn(client, submitted, site_tree, people):
    item = act(client, people["secretariat"], submitted, "reject", comment="Out of scope for the network.")
    document_url = item.documents.get().document.url
    client.logout()
    assert item.title not in client.get(site_tree["knowledge"].url).content.decode()
    assert client.get(f"/fa/knowledge/{item.slug}/").status_code == 404
    assert client.get(document_url).status_code == 403
    client.force_login(people["tehran"])
    assert client.get(document_url).status_code == 403
    # The submitter takes it back: a plain draft again, with the decision kept in its history.
    client.force_login(people["isfahan"])
    response = client.post(reverse("knowledge:withdraw", args=[item.pk]))
    assert response.status_code == 302
    item = KnowledgeItem.objects.get(pk=item.pk)
    assert item.current_workflow_state is None and not item.live
    assert {"wagtail.workflow.reject", "wagtail.workflow.cancel"} <= set(actions(item))
    detail = client.get(reverse("knowledge:submission", args=[item.pk])).content.decode()
    assert "state-draft" in detail and "Out of scope for the network." in detail


def test_city_managers_cannot_approve_their_own_items(client, submitted, people):
    client.force_login(people["isfahan"])
    task_state = submitted.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    assert not KnowledgeItem.objects.get(pk=submitted.pk).live


def test_publishing_an_answer_marks_the_citys_open_line_in_progress(client, site_tree, people, orgs,
                                                                    share_form_data):
    meeting = add_meeting(site_tree["meetings"], 9)
    resolution = ResolutionFactory(meeting=meeting, number=2, owned_by_all_members=True)
    client.force_login(people["isfahan"])
    client.post(SHARE, share_form_data(action="submit", answers_resolution=resolution.pk))
    item = KnowledgeItem.objects.get(owner=people["isfahan"])
    line = resolution.lines.get(organisation=orgs["isfahan"])
    assert line.status == LineStatus.OPEN  # not before the secretariat approves
    act(client, people["secretariat"], item, "approve")
    line.refresh_from_db()
    assert line.status == LineStatus.IN_PROGRESS
    assert item.title in line.reports.get().text
    assert resolution.lines.get(organisation=orgs["tehran"]).status == LineStatus.OPEN
