from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FollowUpLine, FollowUpReport, Resolution


class ResolutionViewSet(SnippetViewSet):
    model = Resolution
    icon = "tasks"
    list_display = ["__str__", "status", "due_on", "is_public"]
    list_filter = ["meeting", "status", "is_public", "owned_by_all_members"]
    search_fields = ["text", "english_summary"]
    ordering = ["-meeting__number", "number"]


class FollowUpLineViewSet(SnippetViewSet):
    model = FollowUpLine
    icon = "list-ul"
    list_display = ["resolution", "organisation", "status"]
    list_filter = ["status", "organisation"]


class FollowUpReportViewSet(SnippetViewSet):
    model = FollowUpReport
    icon = "doc-full"
    list_display = ["__str__", "status", "reported_on"]
    list_filter = ["status"]


class FollowUpViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Follow-up")
    menu_icon = "tasks"
    menu_order = 150
    items = (ResolutionViewSet, FollowUpLineViewSet, FollowUpReportViewSet)


register_snippet(FollowUpViewSetGroup)
