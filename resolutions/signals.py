"""Keep follow-up lines in step with owners, however a resolution or organisation is saved, and the
resolution's status in step with its lines, however a line is deleted."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.models import Organisation

from .models import FollowUpLine, Resolution
from .models.resolutions import CLOSED_STATUSES


def _sync_after_commit(resolution):
    # After commit: the admin saves many-to-many owners after the row itself. A restore keeps every
    # line that exists (resolutions.history).
    remove = not getattr(resolution, "_keep_lines", False)
    transaction.on_commit(lambda: Resolution.objects.get(pk=resolution.pk).sync_lines(remove=remove))


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


def line_deleted(sender, instance, **kwargs):
    """A deleted line (the admin's delete or bulk delete) no longer counts in its resolution's status.

    After commit: when the whole resolution is being deleted, there is nothing left to refresh.
    """
    def refresh():
        resolution = Resolution.objects.filter(pk=instance.resolution_id).first()
        if resolution is not None:
            resolution.refresh_status()

    transaction.on_commit(refresh)


def connect():
    post_save.connect(resolution_saved, sender=Resolution, dispatch_uid="resolutions_resolution_saved")
    m2m_changed.connect(owners_changed, sender=Resolution.owners.through, dispatch_uid="resolutions_owners_changed")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid="resolutions_organisation_saved")
    post_delete.connect(line_deleted, sender=FollowUpLine, dispatch_uid="resolutions_line_deleted")
