"""Cities submitting knowledge items from the public site: drafts, review, what the submitter sees.

A submission is a real Wagtail page under the knowledge index, owned by the submitter, never live until
the secretariat approves it through the page's workflow ("Secretariat review").
"""

import html
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, PageSubscription, ReferenceIndex, TaskState, WorkflowState

from portal import roles
from resolutions.models import FollowUpReport, Resolution, ResolutionStatus

from .forms import TRANSLATION_FIELDS
from .kinds import KIND_DETAILS, KINDS, kind_of
from .models import KnowledgeDocument, KnowledgeIndexPage, KnowledgeItem

# The fields the share form writes, in the order the page stores them.
ITEM_FIELDS = ("title", "summary", "language", "audience", "visibility", "answers_resolution", *TRANSLATION_FIELDS)


class SubmissionState:
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"

    LABELS = {
        DRAFT: _("Draft"),
        IN_REVIEW: _("In review"),
        CHANGES_REQUESTED: _("Changes requested"),
        PUBLISHED: _("Published"),
    }


def state_of(page):
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return SubmissionState.CHANGES_REQUESTED
        return SubmissionState.IN_REVIEW
    return SubmissionState.PUBLISHED if page.live else SubmissionState.DRAFT


def reviews_of(page):
    """The secretariat's decisions on this page, newest first, with their comments."""
    return (
        TaskState.objects.filter(workflow_state__in=page.workflow_states.all())
        .exclude(status__in=[TaskState.STATUS_IN_PROGRESS, TaskState.STATUS_CANCELLED])
        .select_related("finished_by", "task")
        .order_by("-finished_at")
    )


def latest_review_comment(page):
    review = reviews_of(page).exclude(comment="").first()
    return review.comment if review else ""


# --- who may do what ---------------------------------------------------------------------------

def may_submit(user):
    """Members who act for an organisation may share items, for that organisation only."""
    return roles.is_member(user) and roles.organisation_of(user) is not None


def _submissions(**filters):
    return (
        KnowledgeItem.objects.filter(**filters)
        .select_related("organisation", "answers_resolution__meeting")
        .order_by("-latest_revision_created_at", "-pk")
    )


def submissions_of(user):
    return _submissions(owner=user)


def submissions_of_organisation(organisation, user):
    """What the organisation's people submitted, as `user` may see it: never another person's unsent draft."""
    sent = Q(_workflow_states__isnull=False) | Q(first_published_at__isnull=False)  # ever submitted or published
    return _submissions(organisation=organisation).filter(sent | Q(owner=user)).distinct()


def submission_row(page):
    """What "My submissions" and the workspace show of a submission: its state and the reviewers' last word."""
    state = state_of(page)
    return {"item": page, "state": state, "state_label": SubmissionState.LABELS[state],
            "comment": latest_review_comment(page)}


def submission_for(user, page_id):
    """The user's own submission, or None: another city's drafts are never found this way."""
    if not may_submit(user):
        return None
    page = submissions_of(user).filter(pk=page_id).first()
    if page is None or page.organisation_id != roles.organisation_of(user).pk:
        return None
    return page.specific


def may_edit(user, page):
    """Only the submitter edits from the public site, and only while it is a draft or sent back.

    Published items are edited in the admin, where the change goes through review again.
    """
    return (
        page.owner_id == user.pk
        and page.organisation_id == getattr(roles.organisation_of(user), "pk", None)
        and state_of(page) in (SubmissionState.DRAFT, SubmissionState.CHANGES_REQUESTED)
    )


def may_withdraw(user, page):
    workflow_state = page.current_workflow_state
    return bool(workflow_state and page.owner_id == user.pk and workflow_state.user_can_cancel(user))


def resolutions_to_answer(organisation):
    """Resolutions the organisation owns (directly or as a member metropolis), open ones first."""
    if organisation is None:
        return Resolution.objects.none()
    return (
        Resolution.objects.filter(meeting__live=True, lines__organisation=organisation)
        .distinct()
        .select_related("meeting")
        .annotate(closed=Case(
            When(status__in=[ResolutionStatus.OPEN, ResolutionStatus.IN_PROGRESS], then=Value(0)),
            default=Value(1), output_field=IntegerField(),
        ))
        .order_by("closed", "-meeting__number", "number")
    )


# --- body text ---------------------------------------------------------------------------------

def text_to_body(text):
    """Plain text, blank-line separated, as the page body's paragraph blocks."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()]
    return [("paragraph", linebreaks(escape(p))) for p in paragraphs]


def body_to_text(body):
    """The reverse of `text_to_body` for paragraphs and headings; None when the body holds more."""
    parts = []
    for block in body:
        if block.block_type == "heading":
            parts.append(str(block.value))
        elif block.block_type == "paragraph":
            source = re.sub(r"<br\s*/?>", "\n", block.value.source)
            source = re.sub(r"</p>\s*<p>", "\n\n", source)
            parts.append(html.unescape(re.sub(r"<[^>]+>", "", source)).strip())
        else:
            return None
    return "\n\n".join(parts)


# --- saving ------------------------------------------------------------------------------------

def _store_documents(user, files):
    Document = get_document_model()
    collection = Collection.get_first_root_node()
    stored = []
    for uploaded in files:
        document = Document(title=uploaded.name.rsplit(".", 1)[0], file=uploaded, collection=collection,
                            uploaded_by_user=user)
        document._set_document_file_metadata()
        document.save()
        stored.append(document)
    return stored


def delete_unused_attachments(item_id, document_ids, owner_id):
    """Delete, with their files, the documents among `document_ids` that the item's owner uploaded and
    nothing uses any more: no item attaches them, no follow-up report, no page or snippet links them.

    Run when attachments are removed from an item and when an item is deleted: otherwise the files
    would stay on disk for ever, in no listing anyone reads.
    """
    if owner_id is None:
        return
    for document in get_document_model().objects.filter(pk__in=document_ids, uploaded_by_user_id=owner_id):
        # The item's own references are stale until its next save, or gone with it.
        elsewhere = ReferenceIndex.get_references_to(document).exclude(
            base_content_type=ContentType.objects.get_for_model(Page), object_id=str(item_id))
        if (KnowledgeDocument.objects.filter(document=document).exists()
                or FollowUpReport.attachments.through.objects.filter(document=document).exists()
                or elsewhere.exists()):
            continue
        document.file.delete(save=False)
        document.delete()


def _remove_documents(page, links):
    links = list(links)
    for link in links:
        link.delete()
    delete_unused_attachments(page.pk, [link.document_id for link in links], page.owner_id)


def save_submission(user, data, files=(), page=None):
    """Create or update the user's draft from the share form's cleaned data; return the page.

    Nothing is left behind when it fails: database changes roll back and stored files are removed.
    """
    organisation = roles.organisation_of(user)
    if not may_submit(user) or (page is not None and not may_edit(user, page)):
        raise PermissionDenied
    stored = []
    try:
        with transaction.atomic():
            stored = _store_documents(user, files)
            page = _save_page(user, organisation, data, stored, page)
    except BaseException:
        for document in stored:
            document.file.delete(save=False)
        raise
    return page


def _save_page(user, organisation, data, documents, page):
    creating = page is None
    if creating:
        page = KINDS[data["kind"]](owner=user, live=False, organisation=organisation)
    for name in ITEM_FIELDS:
        setattr(page, name, data.get(name) or ("" if name != "answers_resolution" else None))
    if data.get("body") is not None:
        page.body = text_to_body(data["body"])
    for name in KIND_DETAILS[kind_of(page)]:
        if name in data:
            setattr(page, name, data[name])
    page.hazards = list(data.get("hazards") or [])
    page.phases = list(data.get("phases") or [])
    page.organisation = organisation  # whatever was posted: a city submits for itself only
    if creating:
        page.slug = ""
        KnowledgeIndexPage.objects.first().add_child(instance=page)
    else:
        page.save()  # never live, so the row itself is the draft (as Wagtail's editor does)
        _remove_documents(page, KnowledgeDocument.objects.filter(page=page, pk__in=data.get("remove_documents") or []))
    for document in documents:
        KnowledgeDocument.objects.create(page=page, document=document)
    page = KnowledgeItem.objects.get(pk=page.pk).specific  # children and m2m as stored
    page.save_revision(user=user, log_action=True)
    PageSubscription.objects.get_or_create(page=page, user=user, defaults={"comment_notifications": True})
    return page


def submit_for_review(user, page):
    """Start the review workflow (or resume it after changes were requested)."""
    if not may_edit(user, page):
        raise PermissionDenied
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
        return workflow_state
    workflow = page.get_workflow()
    if workflow is None:
        raise PermissionDenied("No review workflow applies to knowledge items.")
    return workflow.start(page, user)


def withdraw(user, page):
    """Take the item back from review; it becomes a draft again."""
    if not may_withdraw(user, page):
        raise PermissionDenied
    page.current_workflow_state.cancel(user=user)
