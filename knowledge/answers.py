"""Items submitted in answer to a resolution, and which owners have sent one.

`answers_for(resolution, user)` is what the resolution page shows (template
`knowledge/includes/answers.html`, which expects it as `answers`).
"""

from dataclasses import dataclass, field

from django.urls import reverse

from portal import roles

from .models import KnowledgeItem


@dataclass
class OwnerAnswer:
    organisation: object
    items: list  # the published answers the viewer may read
    line_status: str = ""
    line_status_label: str = ""

    @property
    def sent(self):
        return bool(self.items)


@dataclass
class Answers:
    resolution: object
    items: list = field(default_factory=list)
    owners: list = field(default_factory=list)  # OwnerAnswer per follow-up owner
    others: list = field(default_factory=list)  # answers from organisations that do not own it
    share_url: str = ""  # offered to an owner city that has not sent anything yet

    @property
    def sent_count(self):
        return sum(1 for owner in self.owners if owner.sent)

    @property
    def missing(self):
        return [owner for owner in self.owners if not owner.sent]


def answers_for(resolution, user):
    items = list(
        KnowledgeItem.objects.visible_to(user)
        .filter(answers_resolution=resolution)
        .select_related("organisation")
        .order_by("organisation__name_en", "-first_published_at")
    )
    by_owner = {}
    for item in items:
        by_owner.setdefault(item.organisation_id, []).append(item)
    lines = {line.organisation_id: line for line in resolution.lines.all()}
    owners = sorted(resolution.expected_owners(), key=lambda o: o.name)
    answers = Answers(resolution=resolution, items=items)
    for organisation in owners:
        line = lines.get(organisation.pk)
        answers.owners.append(OwnerAnswer(
            organisation=organisation,
            items=by_owner.get(organisation.pk, []),
            line_status=line.status if line else "",
            line_status_label=line.get_status_display() if line else "",
        ))
    owner_ids = {o.pk for o in owners}
    answers.others = [item for item in items if item.organisation_id not in owner_ids]
    own = roles.organisation_of(user)
    if roles.is_member(user) and own is not None and own.pk in lines and own.pk not in by_owner:
        answers.share_url = reverse("knowledge:share") + f"?resolution={resolution.pk}"
    return answers
