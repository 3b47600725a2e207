"""API tokens in the Wagtail admin (Settings → API tokens): the clear token is shown once, on creation."""

from django.contrib import messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from portal.models import ApiToken


def token_message(token, clear):
    return format_html(
        "{} <code>{}</code><br>{}",
        _("API token “%(name)s” for %(organisation)s:")
        % {"name": token.name, "organisation": token.organisation},
        clear,
        _("Copy it now and give it to the organisation: it is not stored and will not be shown again."),
    )


class ApiTokenCreateView(CreateView):
    def save_instance(self):
        self.clear_token = self.form.instance.set_new_token()
        return super().save_instance()

    def save_action(self):
        messages.warning(self.request, token_message(self.object, self.clear_token))
        return super().save_action()


class ApiTokenViewSet(SnippetViewSet):
    model = ApiToken
    icon = "key"
    menu_label = gettext_lazy("API tokens")
    add_to_settings_menu = True
    add_view_class = ApiTokenCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["organisation", "name", "hint", "created_at", "last_used_at", "revoked"]
    list_display = ["name", "organisation", "hint", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked", "organisation"]
    search_fields = ["name"]
    panels = [FieldPanel("organisation"), FieldPanel("name"), FieldPanel("revoked")]
