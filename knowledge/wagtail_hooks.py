from django.db.models import Q
from wagtail import hooks

from portal import roles

from .models import KnowledgeItem


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisations_drafts(parent_page, pages, request):
    """A city manager sees published items and its own organisation's drafts, nothing else."""
    user = request.user
    if roles.is_secretariat(user) or not roles.is_city_manager(user):
        return pages
    others_drafts = KnowledgeItem.objects.filter(live=False).exclude(
        organisation=roles.organisation_of(user)
    )
    return pages.exclude(Q(pk__in=others_drafts.values("pk")))
