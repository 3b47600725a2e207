from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import dates, roles

from . import workspace
from .admin_bulk import ChangeStatusOrDueDate
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


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_secretariat(request.user)


# The secretariat's bulk change of status or due date, in the lists of resolutions and lines.
hooks.register("register_bulk_action", ChangeStatusOrDueDate)


@hooks.register("register_admin_urls")
def register_import_url():
    from .views.importing import import_minutes

    return [path("import-minutes/", import_minutes, name="resolutions_import_minutes")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return SecretariatMenuItem(
        _("Import minutes"), reverse("resolutions_import_minutes"), icon_name="doc-full-inverse", order=160
    )


class WorkspacePanel(Component):
    """On the admin's dashboard, what the member's organisation owes (the secretariat: every
    organisation) and the way to the site's workspace, where following up is done: without it a
    city manager who opened the admin met Wagtail's page counts and nothing of their own."""

    name = "workspace"
    order = 50
    template_name = "resolutions/admin/workspace_panel.html"

    def get_context_data(self, parent_context):
        from .reminders import counts_parts

        user = parent_context["request"].user
        today = timezone.localdate()
        if roles.is_secretariat(user):
            organisation = None
            rows = workspace.counts_per_organisation(today)
            overdue, still_open = sum(row.overdue for row in rows), sum(row.open - row.overdue for row in rows)
        else:
            organisation = roles.organisation_of(user)
            rows = workspace.open_lines(organisation, user, today) if organisation else []
            overdue = sum(row.overdue for row in rows)
            still_open = len(rows) - overdue
        # One count a line: a «·» between Persian digits reads as one more zero («۸ · ۲۰»).
        return {"organisation": organisation, "workspace_url": reverse("workspace"),
                "counts": [dates.local_digits_in_text(part) for part in counts_parts(overdue, still_open)]}


@hooks.register("construct_homepage_panels")
def add_workspace_panel(request, panels):
    if roles.is_member(request.user):
        panels.append(WorkspacePanel())
