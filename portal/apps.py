from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs):
    # Run once, after the last app's permissions exist.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.label != last_app.label:
        return
    from .roles import ensure_roles

    ensure_roles()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Network")

    def ready(self):
        # Groups and permissions follow the code after every migrate, on every database.
        post_migrate.connect(_ensure_roles, dispatch_uid="portal.ensure_roles")
        # Cached pages are keyed by the content version; content changes move it.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import admin_pages, checks, freshness, home, page_privacy, thesaurus  # noqa: F401 - checks: system checks
        from .models import Concept, HomePage

        freshness.connect()
        # The portal's own review e-mails in place of Wagtail's (whole in the recipient's language).
        from . import admin_words, review_notices

        review_notices.connect()
        admin_words.install()  # the workflow's stored names in the admin reader's language
        admin_pages.hides_pages(page_privacy.without_hidden_admin_pages)
        HomePage.show(home.home_context)
        # The thesaurus matcher follows the concepts.
        post_save.connect(thesaurus.forget, sender=Concept, dispatch_uid="thesaurus_saved")
        post_delete.connect(thesaurus.forget, sender=Concept, dispatch_uid="thesaurus_deleted")
        m2m_changed.connect(thesaurus.forget, sender=Concept.broader.through, dispatch_uid="thesaurus_broader")
        # `flush` (a restore, a test between cases) empties the table without a delete signal, and
        # ends with post_migrate: a matcher built before it would tag with concepts that are gone.
        post_migrate.connect(thesaurus.forget, dispatch_uid="thesaurus_flushed")

