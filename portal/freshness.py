"""Caching what every reader of one kind sees, and forgetting it as soon as content changes.

The home page's blocks, the knowledge listing's filter choices and counts, an item's related items
and the read API's lists are the same for every reader of one *audience* (the public, or members,
who also read members-only material) and, for what has words in it, one interface language.
They are cached under keys that carry the site-wide *content version*:

    freshness.remember("home", request.user, compute, per_language=False)

Every change to what readers see (a page saved, published, unpublished, moved or deleted; an
organisation, city, hazard or phase saved or deleted; a resolution, follow-up line or report; a
document) moves the version, so the next request computes afresh. Entries of older versions are
never read again and leave the cache at their timeout. Changes made with queryset.update() or
bulk_create() send no signals: code that changes content that way calls bump_content_version().

The version is a row in the database (ContentVersion), not a cache entry: it moves in the same
transaction as the change, so no reader can cache old content under the new version; a rolled-back
change leaves it alone; every server process and host reads the same value; and a restored or
regenerated database never meets entries computed from other data.
"""

import contextlib
import contextvars
import functools
import hashlib
import secrets

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from portal.audiences import audience_of
from portal.models import ContentVersion

# A backstop: entries of the current version are recomputed at least this often (seconds).
CACHE_TIMEOUT = 600
_MISSING = object()


def _new_token():
    return secrets.token_hex(8)


# Inside one_reading(): {"version": the version read once, "values": {key: value read}}.
_reading = contextvars.ContextVar("freshness_reading", default=None)


@contextlib.contextmanager
def one_reading():
    """Cached reads inside share one content version, asked of the database once, and read each
    entry from the cache once: a search reads the names of four facets' values from one entry."""
    reset = _reading.set({"version": content_version(), "values": {}})
    try:
        yield
    finally:
        _reading.reset(reset)


def content_version():
    """The current content version (a token; it only ever changes to a value never used before)."""
    if reading := _reading.get():
        return reading["version"]
    # Asked for on every cached read, several times a page: plain SQL, where building the ORM
    # query cost four times as much as running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {ContentVersion._meta.db_table} WHERE id = %s", [1])  # noqa: S608
        row = cursor.fetchone()
    token = row[0] if row else None
    if token is None:  # a database emptied by hand or by a test flush: start a new line of versions
        token = ContentVersion.objects.get_or_create(
            pk=1, defaults={"token": _new_token(), "changed_at": timezone.now()}
        )[0].token
    return token


def bump_content_version():
    """Content changed: whatever was cached before is no longer read."""
    token, now = _new_token(), timezone.now()
    if not ContentVersion.objects.filter(pk=1).update(token=token, changed_at=now):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})


audience = audience_of  # the name callers of this module use


def cache_key(name, user, *parts, per_language=True):
    """The key of `name` (for these parts) as `user`'s audience sees it now.

    It carries the content version, the audience, the interface language (unless the value has
    no words in it) and today's date (overdue states change at midnight).
    """
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    language = (get_language() or "-") if per_language else "-"
    return ":".join([
        "portal", name, content_version(), audience(user), language, timezone.localdate().isoformat(), digest,
    ])


def remember(name, user, compute, *parts, per_language=True, timeout=CACHE_TIMEOUT):
    """compute()'s value, from the cache when this audience already had it at this version.

    compute() must return only what every reader of `user`'s audience may see.
    """
    key = cache_key(name, user, *parts, per_language=per_language)
    read = reading["values"] if (reading := _reading.get()) else {}
    value = read.get(key, _MISSING)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    read[key] = value
    return value


def in_order(queryset, ids):
    """The rows of `queryset` with these (cached) ids, in the ids' order: those it still holds, so
    a row hidden or deleted since the ids were cached is left out."""
    by_pk = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk]


# --- what moves the version ----------------------------------------------------------------------

# Models the apps show on cached pages, registered from their AppConfig.ready() (`watch`).
_WATCHED = []


def watch(*models):
    """Changes to rows of these models move the content version."""
    _WATCHED.extend(models)
    content_models.cache_clear()


@functools.cache
def content_models():
    """The models whose rows readers see on cached pages (pages include every page type)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageViewRestriction, Site

    from portal.models import City, Concept, Hazard, Organisation, OrganisationAlias, Phase

    return (
        Page, PageViewRestriction, Site, get_document_model(),
        Organisation, OrganisationAlias, City, Hazard, Phase, Concept,
        *_WATCHED,
    )


def _changed(sender, instance=None, **kwargs):
    if isinstance(instance, content_models()):
        bump_content_version()


def _relations_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and isinstance(instance, content_models()):
        bump_content_version()


def _page_event(sender, **kwargs):
    bump_content_version()


def connect():
    """Watch the content models (called once, when the portal app is ready)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_changed, dispatch_uid="portal.freshness.saved")
    post_delete.connect(_changed, dispatch_uid="portal.freshness.deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="portal.freshness.relations")
    # Saving a page already moves the version; the page events say so explicitly (a move
    # rewrites descendants' paths with queryset updates, which send no save signals).
    page_published.connect(_page_event, dispatch_uid="portal.freshness.published")
    page_unpublished.connect(_page_event, dispatch_uid="portal.freshness.unpublished")
    post_page_move.connect(_page_event, dispatch_uid="portal.freshness.moved")
