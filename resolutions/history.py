"""A resolution's history: who changed what and when, across the resolution, its follow-up lines and
their reports (deleted ones too), and restoring an earlier version of the resolution.

A restore brings back the version's own fields and adds back owners it named; it never removes an
owner, a line or a report that exists now, and never sets what the rule derives (status, closed
date) or what only the secretariat decides (cancelled, carried over). `restore_plan` says all of
this before anything is written; the secretariat confirms it.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from portal.dates import format_date, format_datetime, isolate
from portal.models import Organisation

from .models import FollowUpLine, FollowUpReport, Resolution, ResolutionStatus

# Bookkeeping that says nothing a reader would call a change.
SKIPPED_FIELDS = {"id", "created_at", "updated_at"}
# What a restore brings back; the meeting and number stay, so a restore never collides with another.
# Status, closed date and the secretariat's decisions are never restored: the rule and the decisions own them.
RESTORED_FIELDS = ["text", "language", "persian_summary", "english_summary", "simplified_chinese_summary",
                   "traditional_chinese_summary", "due_on", "is_public", "internal_note"]

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
        return format_datetime(value)  # in the portal's time zone, like the list
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
        return isolate(str(org)) if org else _("a deleted organisation")  # set apart: it may be in another script

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


@dataclass
class RestorePlan:
    """What restoring `record` would do to `resolution`, said before anything is written."""

    resolution: Resolution
    record: object
    changes: list = field(default_factory=list)  # Change(field, old=now, new=after the restore)
    fields: dict = field(default_factory=dict)  # attname -> the value the restore writes
    owners_added: list = field(default_factory=list)  # organisations the version named, missing now
    not_restored: list = field(default_factory=list)  # sentences: what stays as it is, and why

    @property
    def when(self):
        return self.record.history_date

    @property
    def changes_anything(self):
        return bool(self.changes or self.owners_added)


def _owner_names(organisations):
    return "، ".join(sorted(str(o) for o in organisations))


def restore_plan(resolution, record):
    """Compare the version with now: what a restore changes, adds back, and cannot restore."""
    if record.id != resolution.pk or record.history_type == "-":
        raise ValueError("This version does not belong to the resolution.")
    old = record.instance
    plan = RestorePlan(resolution=resolution, record=record)
    for name in RESTORED_FIELDS:
        model_field = Resolution._meta.get_field(name)
        then, now = getattr(old, model_field.attname), getattr(resolution, model_field.attname)
        if then != now:
            plan.fields[model_field.attname] = then
            plan.changes.append(Change(_label(record, name), _display(record, name, now),
                                       _display(record, name, then)))

    # Owners: added back, never removed (removing one would remove its line).
    then_owners = set(Organisation.objects.filter(pk__in=[row.organisation_id for row in record.owners.all()]))
    now_owners = set(resolution.owners.all())
    plan.owners_added = sorted(then_owners - now_owners, key=str)
    if plan.owners_added:
        plan.changes.append(Change(_label(record, "owners"), _owner_names(now_owners) or "—",
                                   _owner_names(now_owners | then_owners)))
    if kept := now_owners - then_owners:
        plan.not_restored.append(_("Owners stay: %(owners)s. A restore never removes an owner, nor its "
                                   "follow-up line.") % {"owners": _owner_names(kept)})
    if old.owned_by_all_members and not resolution.owned_by_all_members:
        plan.fields["owned_by_all_members"] = True
        plan.changes.append(Change(_label(record, "owned_by_all_members"), _("no"), _("yes")))
    elif resolution.owned_by_all_members and not old.owned_by_all_members:
        plan.not_restored.append(_("“All member metropolises” stays on: turning it off would remove the "
                                   "member cities' lines."))

    # Status and closed date: the owners' lines and the secretariat's decisions, never a version.
    if old.status != resolution.status:
        if old.status in (ResolutionStatus.CANCELLED, ResolutionStatus.CARRIED_OVER):
            sentence = _("The status stays %(now)s: that version was %(then)s, which is a decision of the "
                         "secretariat, taken on the resolution's page, not restored.")
        elif resolution.is_decided:
            sentence = _("The status stays %(now)s: the secretariat decided it. Reopen the resolution on its "
                         "page to let its status follow the owners' lines again.")
        else:
            sentence = _("The status stays %(now)s (that version said %(then)s): it follows the owners' "
                         "follow-up lines as they are now.")
        plan.not_restored.append(sentence % {"now": resolution.get_status_display(),
                                             "then": _display(record, "status", old.status)})
    if old.carried_over_to_id != resolution.carried_over_to_id:
        plan.not_restored.append(_("“Carried over to” stays as it is: only carrying the resolution over "
                                   "sets it."))
    plan.not_restored.append(_("Follow-up lines and reports are not part of a version: they stay as they "
                               "are."))
    return plan


@transaction.atomic
def restore_version(resolution, record, *, reason=""):
    """Carry out `restore_plan(resolution, record)`; the restore is itself recorded. Returns the plan."""
    plan = restore_plan(resolution, record)
    if not plan.changes_anything:
        return plan  # nothing to write, nothing to record
    for attname, value in plan.fields.items():
        setattr(resolution, attname, value)
    resolution._change_reason = reason or _("Restored the version of %(when)s") % {
        "when": format_datetime(record.history_date)  # the portal's time zone, as the history shows it
    }
    resolution._keep_lines = True  # the owners' lines stay, whatever the version said
    resolution.save()  # the rule sets status and closed date from the lines
    if plan.owners_added:
        resolution.owners.add(*plan.owners_added)
    resolution.sync_lines(remove=False)
    return plan
