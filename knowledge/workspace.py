"""What knowledge adds to the members' workspace: the organisation's submissions with their review
state and the reviewers' last comment, and the secretariat's decisions on them since the last visit."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState

from portal import roles
from portal.dates import isolate
from resolutions import workspace

from . import submissions
from .models import KnowledgeItem

SHOWN = 50
DECISIONS = {
    TaskState.STATUS_APPROVED: _("The secretariat approved “%(title)s”"),
    TaskState.STATUS_REJECTED: _("The secretariat asked for changes to “%(title)s”"),
}


def submissions_section(space):
    """The organisation's submissions, as "My submissions" shows them (newest first)."""
    if space.organisation is None:
        return None
    pages = submissions.submissions_of_organisation(space.organisation, space.user)[:SHOWN]
    return {"submission_rows": [submissions.submission_row(page) for page in pages],
            "may_share": submissions.may_submit(space.user) and space.organisation == roles.organisation_of(space.user)}


def decisions_on_submissions(space):
    """The secretariat's review decisions on the organisation's items since the reader's last visit."""
    if space.organisation is None:
        return []
    item_ids = [str(pk) for pk in submissions.submissions_of_organisation(space.organisation, space.user)
                .values_list("pk", flat=True)]
    decided = list(TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=item_ids, finished_at__gt=space.since, status__in=list(DECISIONS),
    ).select_related("workflow_state"))
    pages = KnowledgeItem.objects.in_bulk([int(state.workflow_state.object_id) for state in decided])
    news = []
    for state in decided:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        news.append(workspace.News(
            when=state.finished_at, sentence=str(DECISIONS[state.status]) % {"title": isolate(page.title)},
            url=page.url if page.live else "", title=state.comment,
        ))
    return news


def register():
    workspace.section("submissions", "knowledge/workspace_submissions.html", order=60)(submissions_section)
    workspace.news_source(decisions_on_submissions)
