"""Keep follow-up lines in step with owners, however a resolution or organisation is saved."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from portal.models import Organisation

from .models import Resolution
from .models.resolutions import CLOSED_STATUSES


def _sync_after_commit(resolution):
    # After commit: the admin saves many-to-many owners after the row itself.
    transaction.on_commit(lambda: Resolution.objects.get(pk=resolution.pk).sync_lines())


def resolution_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync_after_commit(instance)


def owners_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Resolution):
        _sync_after_commit(instance)


def organisation_saved(sender, instance, raw=False, **kwargs):
    """A city that joins (or leaves) changes who owes "all member metropolises" resolutions."""
    if raw:
        return
    for resolution in Resolution.objects.filter(owned_by_all_members=True).exclude(
        status__in=CLOSED_STATUSES
    ):
        _sync_after_commit(resolution)


def connect():
    post_save.connect(resolution_saved, sender=Resolution, dispatch_uid="resolutions_resolution_saved")
    m2m_changed.connect(owners_changed, sender=Resolution.owners.through, dispatch_uid="resolutions_owners_changed")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid="resolutions_organisation_saved")
