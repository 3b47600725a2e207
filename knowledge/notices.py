"""Review e-mails about a submitted item send its submitter to the item in "My submissions"."""

from django.urls import reverse

from portal import review_notices

from .models import KnowledgeItem
from .submissions import may_submit


def submission_page(page, user):
    """The submitter's own page for the item, where they edit it and read the reviews."""
    if isinstance(page, KnowledgeItem) and page.owner_id == user.pk and may_submit(user):
        return reverse("knowledge:submission", kwargs={"page_id": page.pk})
    return None


def register():
    review_notices.requester_page(submission_page)
