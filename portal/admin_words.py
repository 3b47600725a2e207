"""Wagtail's admin in the roles' languages: words its catalogues leave in English, and names it stores.

Wagtail's own Persian and Chinese catalogues lack some of the words on the screens the secretariat
and city managers use (the editor's side panels, the dashboard, the explorer). They are listed
below so that the portal's catalogue, which LOCALE_PATHS puts before Wagtail's, supplies them for
the same message ids. The workflow and its task are stored under English names ("Secretariat
review", "Secretariat approval", and Wagtail's default "Moderators approval"); the admin shows them
through `stored_name`, in the reader's language.
"""

from django.utils.translation import gettext, gettext_noop, ngettext_lazy

# Names the portal and Wagtail's migrations store; shown translated wherever the admin names them.
STORED_NAMES = {
    gettext_noop("Secretariat review"),
    gettext_noop("Secretariat approval"),
    gettext_noop("Moderators approval"),
    gettext_noop("Moderators"),
    gettext_noop("Root"),  # the page tree's root, as Wagtail's migrations title it
}


def stored_name(name):
    """A stored workflow, task or group name in the reader's language when the portal knows it."""
    name = "" if name is None else str(name)
    return gettext(name) if name in STORED_NAMES else name


# Wagtail's message ids, exactly as its code and templates write them.
WAGTAIL_WORDS = (
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("Any"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"),
    gettext_noop("Approve with comment"),
    gettext_noop("Request changes"),
    gettext_noop("In Moderation"),
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Saved"),
    gettext_noop("Checks"),
    gettext_noop("Issues found"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("Comments"),
    gettext_noop("Comment notifications"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Exploring"),
    gettext_noop("Filter by"),
    gettext_noop("First published"),
    gettext_noop("Has child pages"),
    gettext_noop("Page type"),
    gettext_noop("just now"),
    gettext_noop("Locking: "),
    gettext_noop("Page visibility: "),
    gettext_noop("Status: "),
    gettext_noop("meta description"),
    gettext_noop("title tag"),
    gettext_noop("The descriptive text displayed underneath a headline in search engine results."),
    gettext_noop("The name of the page displayed on search engine results as the clickable headline."),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Set schedule"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Visible to all"),
    gettext_noop("Side panel width"),
    gettext_noop("Sort menu order"),
    gettext_noop("Usage"),
    gettext_noop("View details"),
    gettext_noop("View history"),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times"),
)


def with_stored_names(text):
    """`text` with every stored name it holds in the reader's language ("Submit to Secretariat review")."""
    text = str(text)
    for name in sorted(STORED_NAMES, key=len, reverse=True):
        if name in text:
            text = text.replace(name, gettext(name))
    return text


def name_workflows_in_action_menu(menu_items, request, context):
    """construct_page_action_menu: "Submit to …" and "Resubmit to …" name the workflow in the reader's language."""
    from wagtail.admin.action_menu import SubmitForModerationMenuItem

    for item in menu_items:
        if isinstance(item, SubmitForModerationMenuItem) and not hasattr(item, "wagtail_context_data"):
            item.wagtail_context_data = item.get_context_data

            def get_context_data(parent_context, item=item):
                data = item.wagtail_context_data(parent_context)
                data["label"] = with_stored_names(data.get("label", ""))
                return data

            item.get_context_data = get_context_data


def install():
    """Name stored workflows in the reader's language in the action menu and the editor's status panel."""
    from wagtail import hooks
    from wagtail.admin.templatetags import wagtailadmin_tags

    hooks.register("construct_page_action_menu", name_workflows_in_action_menu)
    wagtail_status = wagtailadmin_tags.workflow_status_with_date

    def workflow_status_with_date(workflow_state):
        return with_stored_names(wagtail_status(workflow_state))

    wagtailadmin_tags.register.simple_tag(workflow_status_with_date, name="workflow_status_with_date")
