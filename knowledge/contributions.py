"""What knowledge items add to the portal's shared pages and services, and to their own pages.

Registered once, from KnowledgeConfig.ready(): the organisation page's submitted items, the home
page's count and recent items, who may download the items' documents, the roles' permissions
and the review workflow on the knowledge index, the models whose changes refresh cached pages,
the knowledge index every network needs (`setup_portal`), the other cities' drafts no admin URL may
show a city manager, and the demo; the listing, related items and citation on the app's own pages.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal import admin_pages, demo, directory, documents, freshness, roles, setup
from portal.audiences import MEMBERS, PUBLIC
from portal.home import LATEST, front_page_list
from resolutions.owner_rows import answers_source
from resolutions.views.followup import resolution_page_part

from .answers import answers_by_owner, answers_for
from .browsing import browse
from .citation import citation_html
from .demo import demo_knowledge
from .models import (
    KnowledgeDocument,
    KnowledgeIndexPage,
    KnowledgeItem,
    ReadingList,
    ReadingListEntry,
    adds_to_context,
)
from .related import related_items
from .visibility import (
    knowledge_items_for,
    knowledge_items_visible_to,
    may_read_item,
    without_other_organisations_drafts,
)


def submitted_items(organisation, user):
    """The organisation's live knowledge items `user` may read, newest first."""
    return list(
        knowledge_items_visible_to(user)
        .filter(organisation=organisation)
        .order_by("-document_date", "-first_published_at")
        .specific()
    )


def recent_item_ids(user):
    items = knowledge_items_visible_to(user)
    # "Published by now" holds for every item with a publication date; the range lets SQLite read
    # them newest first through the publication-date index instead of sorting all of them.
    item_ids = list(
        items.filter(first_published_at__lte=timezone.now())
        .order_by("-first_published_at").values_list("pk", flat=True)[:LATEST]
    )
    if len(item_ids) < LATEST:  # then those live without one (made live directly, e.g. the demo)
        undated = items.filter(first_published_at__isnull=True).order_by("-pk")
        item_ids += undated.values_list("pk", flat=True)[:LATEST - len(item_ids)]
    return item_ids


def recent_items(user, ids):
    return freshness.in_order(knowledge_items_visible_to(user).select_related("organisation"), ids)


class ItemDocuments(documents.DocumentUses):
    """An item's documents are as visible as the item; its own city also gets its drafts' files."""

    def public(self):
        return KnowledgeDocument.objects.filter(page__in=knowledge_items_for(PUBLIC)).values("document")

    def published(self):
        return KnowledgeDocument.objects.filter(page__in=knowledge_items_for(MEMBERS)).values("document")

    def of_organisation(self, organisation):
        return KnowledgeDocument.objects.filter(page__organisation=organisation).values("document")

    def opened_by(self, document, request):
        items = KnowledgeItem.objects.live().filter(documents__document=document)
        return any(may_read_item(item, request.user, request) for item in items)


def grant_submissions(secretariat, managers):
    """City managers may add knowledge items and edit the ones they created; never publish."""
    from wagtail.models import GroupPagePermission, WorkflowPage

    review = roles.secretariat_review_workflow(secretariat)
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    for index_page in KnowledgeIndexPage.objects.all():
        GroupPagePermission.objects.get_or_create(group=managers, page=index_page, permission=add_page)
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": review})


def setup_knowledge(network_setup):
    """The knowledge index, at /<lang>/knowledge/ where the site's menu links, titled in the site's language.

    Cities submit to it under the secretariat's review (`grant_submissions`, run by the roles after
    this step). "Start here" (/<lang>/start/) is a view built from the content: no page to create.
    """
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Knowledge")
    network_setup.pages["knowledge"] = setup.ensure_child(network_setup.home, KnowledgeIndexPage, "knowledge",
                                                          title=title)


def item_page_context(item, request):
    return {"related": related_items(item, request.user, limit=5), "citation": citation_html(item, request)}


def register():
    adds_to_context(KnowledgeIndexPage)(lambda page, request: browse(request))
    adds_to_context(KnowledgeItem)(item_page_context)
    directory.profile_part("items")(submitted_items)
    directory.network_fact("items")(lambda user: knowledge_items_visible_to(user).count())
    front_page_list("recent_knowledge", recent_item_ids, recent_items)
    documents.publishes_documents(ItemDocuments())
    admin_pages.hides_pages(without_other_organisations_drafts)
    roles.grant("knowledge", roles.crud("readinglist"), then=grant_submissions)
    freshness.watch(KnowledgeDocument, ReadingList, ReadingListEntry)
    setup.setup_step(20)(setup_knowledge)
    demo.demo_step(20)(demo_knowledge)
    answers_source(answers_by_owner)  # each owner's answer, in its row of the resolution page
    resolution_page_part("answers", "knowledge/includes/answers.html")(answers_for)
