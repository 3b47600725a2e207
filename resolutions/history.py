"""A resolution's history: who changed what and when, across the resolution, its follow-up lines and
their reports (deleted ones too), and restoring an earlier version of the resolution."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from portal.dates import format_date
from portal.models import Organisation

from .models import FollowUpLine, FollowUpReport, Resolution

# Bookkeeping that says nothing a reader would call a change.
SKIPPED_FIELDS = {"id", "created_at", "updated_at"}
# What a restore brings back; the meeting and number stay, so a restore never collides with another.
RESTORED_FIELDS = ["text", "language", "english_summary", "owned_by_all_members", "due_on", "status",
                   "closed_on", "is_public", "internal_note", "carried_over_to"]

# Fields only the secretariat sees in a history (the internal note is theirs alone).
SECRETARIAT_ONLY_FIELDS = frozenset({"internal_note"})

ACTIONS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


@dataclass
class Change:
    field: str  # the field's label
    old: str  # "" when the version is the first one
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: object  # a user or None (a script, a migration)
    subject: str  # "Resolution", "Follow-up line · Isfahan", "Report · Isfahan"
    kind: str  # "resolution", "line" or "report"
    action: str  # "+", "~" or "-"
    reason: str
    changes: list = field(default_factory=list)
    record: object = None  # the historical record

    @property
    def action_label(self):
        return ACTIONS.get(self.action, self.action)

    @property
    def restorable(self):
        return self.kind == "resolution" and self.action != "-"


def _display(record, name, value):
    """A value as a reader would want it: labels of choices, names of related objects, local dates."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many rows
        return "، ".join(sorted(_display(record, name, v) for v in value)) or "—"
    if isinstance(value, DeletedObject):
        return _("%(type)s (deleted)") % {"type": value.model._meta.verbose_name}
    try:
        model_field = record.instance_type._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed from the model
        model_field = None
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


def _value(record, model_field):
    """A field's value on a historical row; a related object that is gone becomes a DeletedObject."""
    if not model_field.is_relation:
        return getattr(record, model_field.attname)
    if getattr(record, model_field.attname) is None:
        return None
    try:
        return getattr(record, model_field.name)
    except ObjectDoesNotExist:
        return DeletedObject(model_field.related_model, getattr(record, model_field.attname))


def _label(record, name):
    try:
        return str(record.instance_type._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _m2m_targets(record, name, rows):
    model_field = record.instance_type._meta.get_field(name)
    target = get_m2m_reverse_field_name(model_field)
    return [row[target] for row in rows]


def _changes(record, previous, hidden=frozenset()):
    """Field by field, from the previous version (or from nothing, for the first one); not `hidden` ones."""
    if record.history_type == "-":
        return []
    if previous is None:
        changes = []
        for model_field in record.instance_type._meta.concrete_fields:
            if model_field.name in SKIPPED_FIELDS | hidden or not hasattr(record, model_field.attname):
                continue  # not tracked
            value = _value(record, model_field)
            if value not in (None, "", False):
                changes.append(Change(_label(record, model_field.name), "",
                                      _display(record, model_field.name, value)))
        for name in (f.name for f in getattr(record, "_history_m2m_fields", [])):
            target = get_m2m_reverse_field_name(record.instance_type._meta.get_field(name))
            values = [_value(row, row._meta.get_field(target)) for row in getattr(record, name).all()]
            if values:
                changes.append(Change(_label(record, name), "", _display(record, name, values)))
        return changes
    delta = record.diff_against(previous, excluded_fields=SKIPPED_FIELDS | hidden, foreign_keys_are_objs=True)
    changes = []
    m2m_names = {f.name for f in getattr(record, "_history_m2m_fields", [])}
    for change in delta.changes:
        old, new = change.old, change.new
        if change.field in m2m_names:
            old, new = _m2m_targets(record, change.field, old), _m2m_targets(record, change.field, new)
        changes.append(Change(_label(record, change.field), _display(record, change.field, old),
                              _display(record, change.field, new)))
    return changes


def _entries(records, kind, subject, hidden=frozenset()):
    entries, previous = [], {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changes = _changes(record, before, hidden)
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue  # a save that changed nothing worth showing
        entries.append(Entry(when=record.history_date, who=record.history_user, subject=subject(record),
                             kind=kind, action=record.history_type, reason=record.history_change_reason or "",
                             changes=changes, record=record))
    return entries


def timeline(resolution, *, for_secretariat=True):
    """Every recorded change to the resolution, its lines and its reports, newest first.

    Other readers do not see changes to the secretariat's own fields (SECRETARIAT_ONLY_FIELDS).
    """
    organisations = {org.pk: org for org in Organisation.objects.all()}

    def org_name(organisation_id):
        org = organisations.get(organisation_id)
        return str(org) if org else _("a deleted organisation")

    line_records = list(
        FollowUpLine.history.filter(resolution_id=resolution.pk).select_related("history_user")
    )
    line_owner = {r.id: r.organisation_id for r in line_records}
    report_records = list(
        FollowUpReport.history.filter(line_id__in=list(line_owner)).select_related("history_user")
    )
    entries = _entries(Resolution.history.filter(id=resolution.pk).select_related("history_user"),
                       "resolution", lambda r: _("Resolution"),
                       hidden=frozenset() if for_secretariat else SECRETARIAT_ONLY_FIELDS)
    entries += _entries(line_records, "line",
                        lambda r: _("Follow-up line · %(owner)s") % {"owner": org_name(r.organisation_id)})
    entries += _entries(report_records, "report",
                        lambda r: _("Report · %(owner)s") % {"owner": org_name(line_owner.get(r.line_id))})
    return sorted(entries, key=lambda e: (e.when, e.record.history_id), reverse=True)


@transaction.atomic
def restore_version(resolution, record, *, reason=""):
    """Bring the resolution back to ``record``'s fields and owners; the restore is itself recorded."""
    if record.id != resolution.pk or record.history_type == "-":
        raise ValueError("This version does not belong to the resolution.")
    old = record.instance
    for name in RESTORED_FIELDS:
        model_field = Resolution._meta.get_field(name)
        setattr(resolution, model_field.attname, getattr(old, model_field.attname))
    successor_id = resolution.carried_over_to_id
    if successor_id and not Resolution.objects.filter(pk=successor_id).exists():
        resolution.carried_over_to = None
    resolution._change_reason = reason or _("Restored the version of %(when)s") % {
        "when": date_format(record.history_date, "DATETIME_FORMAT")
    }
    resolution.save()
    owner_ids = [row.organisation_id for row in record.owners.all()]
    resolution.owners.set(Organisation.objects.filter(pk__in=owner_ids))
    resolution.sync_lines()
    return resolution
