"""The durable queue of index changes the engine has not taken yet (PendingIndexChange rows)."""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import PendingIndexChange

INDEX = PendingIndexChange.Action.INDEX
DELETE = PendingIndexChange.Action.DELETE
MAX_ERROR_LENGTH = 2000


def record(refs, action, error):
    """Queue these objects (one row per object; a newer change updates the row)."""
    message = str(error)[:MAX_ERROR_LENGTH]
    for ref in refs:
        key = dict(model_label=ref.label, object_id=str(ref.pk))
        updated = PendingIndexChange.objects.filter(**key).update(
            action=action, last_error=message, attempts=F("attempts") + 1, updated_at=timezone.now()
        )
        if updated:
            continue
        try:
            with transaction.atomic():
                PendingIndexChange.objects.create(**key, action=action, last_error=message, attempts=1)
        except IntegrityError:  # another process queued it meanwhile
            PendingIndexChange.objects.filter(**key).update(
                action=action, last_error=message, updated_at=timezone.now()
            )


def pending_count():
    return PendingIndexChange.objects.count()


def summary():
    """(how many changes wait, when the newest was queued): one query, and it moves with every change.

    Asked before every search: plain SQL, where building the ORM query cost more than running it.
    The time is compared with an earlier summary only, as the database gives it.
    """
    table = connection.ops.quote_name(PendingIndexChange._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(updated_at) FROM {table}")  # noqa: S608
        count, newest = cursor.fetchone()
    return count, newest


def queued(refs):
    """The refs among these whose changes wait in the queue."""
    refs = list(refs)
    if not refs:
        return set()
    condition = Q()
    for ref in refs:
        condition |= Q(model_label=ref.label, object_id=str(ref.pk))
    rows = PendingIndexChange.objects.filter(condition).values_list("model_label", "object_id")
    waiting = {(label, object_id) for label, object_id in rows}
    return {ref for ref in refs if (ref.label, str(ref.pk)) in waiting}


@dataclass
class DrainResult:
    done: int = 0
    failed: dict = field(default_factory=dict)  # "label #pk" → error


def drain(apply, *, limit=None):
    """Replay the oldest queued changes with `apply` (indexing.apply); returns what happened.

    Raises when the engine is unreachable, leaving the queue as it was.
    """
    from .registry import Ref

    rows = PendingIndexChange.objects.order_by("created_at", "pk")
    rows = list(rows[:limit] if limit else rows)
    result = DrainResult()
    if not rows:
        return result
    refs = {}
    for row in rows:
        try:
            refs[Ref(row.model_label, int(row.object_id))] = row
        except ValueError:
            row.delete()  # not an object we could ever index
    try:
        failures = apply(list(refs))
    except Exception as exc:
        PendingIndexChange.objects.filter(pk__in=[row.pk for row in refs.values()]).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:MAX_ERROR_LENGTH]
        )
        raise
    for ref, row in refs.items():
        if ref in failures:
            # updated_at is left alone: the row still describes the change it was queued for.
            PendingIndexChange.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=str(failures[ref])[:MAX_ERROR_LENGTH]
            )
            result.failed[f"{ref.label} #{ref.pk}"] = failures[ref]
        else:
            # A row changed since we read it describes a newer change: leave it for next time.
            result.done += PendingIndexChange.objects.filter(pk=row.pk, updated_at=row.updated_at).delete()[0]
    return result


def forget_older_than(moment):
    """Drop changes a full rebuild started after `moment` has already covered."""
    return PendingIndexChange.objects.filter(updated_at__lt=moment).delete()[0]
