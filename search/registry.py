"""What is indexed: each document type, its model, which rows belong in the index, who sees them.

The same definitions serve indexing, `search_index check` and the database fallback, so the
index and the fallback apply one set of rules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from django.apps import apps
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from portal import roles

from . import prepare


class Ref(NamedTuple):
    """An object to (re)index or remove: its model label and primary key."""

    label: str
    pk: int


@dataclass(frozen=True)
class IndexedType:
    name: str  # the document's `type`
    model_label: str  # "knowledge.study"
    label: object  # shown on the search page
    prepare: Callable
    indexable: Callable  # () -> QuerySet of the rows that belong in the index
    members_only: Callable  # (QuerySet) -> the part only members may see
    # (list of objects) -> None: reads what `prepare` needs of a whole batch at once
    attach: Callable = lambda objects: None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def queryset(self):
        return self.indexable()

    def ready(self, objects):
        """The objects in a list, ready for `prepare` (see `attach`)."""
        objects = list(objects)
        self.attach(objects)
        return objects

    def batches(self, objects, size):
        """The objects in lists of `size`, each ready for `prepare`."""
        objects = iter(objects)
        while batch := self.ready(islice(objects, size)):
            yield batch

    def visible_to(self, user):
        qs = self.indexable()
        if roles.is_member(user):
            return qs
        return qs.exclude(pk__in=self.members_only(qs).values("pk"))

    def ref(self, pk):
        return Ref(self.model_label, pk)


# --- which rows are indexable: published, and not behind a page view restriction -------------

def _public_pages(model_label):
    return apps.get_model(model_label).objects.live().public()


def _knowledge(model_label):
    def indexable():
        return (
            _public_pages(model_label)
            .select_related("organisation")
            # Documents, whose extracted text is indexed (attachments.py): one query per batch,
            # into a plain list (prepare.prefetched); Django builds a queryset per item for
            # prefetches read through the manager. Hazards and phases: prepare.attach_terms.
            .prefetch_related(
                Prefetch("documents", queryset=apps.get_model("knowledge.knowledgedocument").objects
                         .select_related("document"), to_attr=prepare.prefetched_name("documents")),
            )
        )

    return indexable


def _meetings():
    return _public_pages("resolutions.meetingpage").prefetch_related("participants")


def _resolutions():
    return (
        apps.get_model("resolutions.resolution")
        .objects.filter(meeting__in=_public_pages("resolutions.meetingpage"))
        .select_related("meeting")
        .prefetch_related("owners", "hazards", "lines__organisation")
    )


def _follow_up_reports():
    return (
        apps.get_model("resolutions.followupreport")
        .objects.filter(line__resolution__in=_resolutions().values("pk"))
        .select_related("line__organisation", "line__resolution__meeting")
        .prefetch_related("line__resolution__hazards")
    )


TYPES = [
    IndexedType(
        name=type_name,
        model_label=model_label,
        label=label,
        prepare=prepare.prepare_knowledge_item,
        indexable=_knowledge(model_label),
        members_only=lambda qs: qs.filter(visibility=prepare.MEMBERS),
        attach=prepare.attach_terms,
    )
    for model_label, type_name, label in (
        ("knowledge.study", "study", _("Study")),
        ("knowledge.trainingexperience", "training_experience", _("Training experience")),
        ("knowledge.experiencereport", "experience_report", _("Experience report")),
    )
] + [
    IndexedType(
        name=prepare.MEETING,
        model_label="resolutions.meetingpage",
        label=_("Meeting"),
        prepare=prepare.prepare_meeting,
        indexable=_meetings,
        members_only=lambda qs: qs.none(),
    ),
    IndexedType(
        name=prepare.RESOLUTION,
        model_label="resolutions.resolution",
        label=_("Resolution"),
        prepare=prepare.prepare_resolution,
        indexable=_resolutions,
        members_only=lambda qs: qs.filter(is_public=False),
    ),
    IndexedType(
        name=prepare.FOLLOW_UP_REPORT,
        model_label="resolutions.followupreport",
        label=_("Follow-up report"),
        prepare=prepare.prepare_follow_up_report,
        indexable=_follow_up_reports,
        members_only=lambda qs: qs,
    ),
]

BY_NAME = {t.name: t for t in TYPES}
BY_LABEL = {t.model_label: t for t in TYPES}


def type_of(instance_or_label):
    label = instance_or_label if isinstance(instance_or_label, str) else instance_or_label._meta.label_lower
    return BY_LABEL.get(label)


def ref_of(instance):
    indexed = type_of(instance)
    return indexed.ref(instance.pk) if indexed else None


# --- what else changes when an object changes ------------------------------------------------

def refs_for(instance):
    """The object itself and the documents that show something of it."""
    refs = []
    if (ref := ref_of(instance)) is not None:
        refs.append(ref)
    label = instance._meta.label_lower
    if label == "resolutions.meetingpage":
        # Resolutions and reports inherit the meeting's publication and URL.
        for resolution in instance.resolutions.all():
            refs += _resolution_and_reports(resolution.pk)
    elif label == "resolutions.resolution":
        refs = _resolution_and_reports(instance.pk)
    elif label == "resolutions.followupreport":
        # A report moves its resolution's status.
        resolution_id = _resolution_id_of_report(instance)
        if resolution_id is not None:
            refs.append(BY_NAME[prepare.RESOLUTION].ref(resolution_id))
    return _unique(refs)


def refs_for_organisation(organisation):
    """Every document that carries the organisation's name or city."""
    Resolution = apps.get_model("resolutions.resolution")
    FollowUpReport = apps.get_model("resolutions.followupreport")
    KnowledgeItem = apps.get_model("knowledge.knowledgeitem")
    MeetingPage = apps.get_model("resolutions.meetingpage")

    refs = []
    for item in KnowledgeItem.objects.filter(organisation=organisation).specific(defer=True):
        if (ref := ref_of(item)) is not None:
            refs.append(ref)
    meetings = BY_NAME[prepare.MEETING]
    refs += [meetings.ref(pk) for pk in _pks(MeetingPage.objects.filter(participants=organisation))]
    resolutions = BY_NAME[prepare.RESOLUTION]
    resolution_ids = set(_pks(Resolution.objects.filter(owners=organisation)))
    resolution_ids |= set(_pks(Resolution.objects.filter(lines__organisation=organisation)))
    refs += [resolutions.ref(pk) for pk in sorted(resolution_ids)]
    reports = BY_NAME[prepare.FOLLOW_UP_REPORT]
    refs += [reports.ref(pk) for pk in _pks(FollowUpReport.objects.filter(line__organisation=organisation))]
    return _unique(refs)


def _resolution_and_reports(resolution_id):
    FollowUpReport = apps.get_model("resolutions.followupreport")
    reports = BY_NAME[prepare.FOLLOW_UP_REPORT]
    return [BY_NAME[prepare.RESOLUTION].ref(resolution_id)] + [
        reports.ref(pk) for pk in _pks(FollowUpReport.objects.filter(line__resolution_id=resolution_id))
    ]


def _resolution_id_of_report(report):
    FollowUpLine = apps.get_model("resolutions.followupline")
    return FollowUpLine.objects.filter(pk=report.line_id).values_list("resolution_id", flat=True).first()


def _pks(queryset):
    return queryset.values_list("pk", flat=True)


def _unique(refs):
    return list(dict.fromkeys(refs))
