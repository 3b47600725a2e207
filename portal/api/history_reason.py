"""Give every history record written inside `change_reason(...)` that reason.

`FollowUpLine.record_report` creates a report and saves the line and the resolution; each of these
writes a django-simple-history record. Inside the context manager they all get the same
`history_change_reason` (e.g. "API token Spreadsheet (Isfahan)"), so the resolution's history says
what did it even though no person is signed in. A context variable keeps concurrent requests apart.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_reason = ContextVar("portal_history_change_reason", default=None)


@contextmanager
def change_reason(reason):
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


@receiver(pre_create_historical_record, dispatch_uid="portal.api.history_reason")
def _apply_reason(sender, history_instance, **kwargs):
    reason = _reason.get()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason
