"""Items shared in answer to a resolution.

An owner's answer shows in its row of the resolution page (`answers_by_owner`, registered with
`resolutions.owner_rows`), beside its follow-up line and latest report: one row per owner, no second
status. `answers_for(resolution, user)` is the rest of that page's part (template
`knowledge/includes/answers.html`, which expects it as `answers`): answers from organisations that do
not own the resolution, and the link an owner city uses to share its answer.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from portal import roles

from .visibility import knowledge_items_visible_to


def _answers(resolution, user):
    return list(
        knowledge_items_visible_to(user)
        .filter(answers_resolution=resolution)
        .select_related("organisation")
        .order_by("organisation__name_en", "-first_published_at")
    )


def answers_by_owner(resolution, user):
    """{organisation id: the published items it shared in answer that `user` may read}."""
    by_organisation = {}
    for item in _answers(resolution, user):
        by_organisation.setdefault(item.organisation_id, []).append(item)
    return by_organisation


@dataclass
class Answers:
    resolution: object
    items: list = field(default_factory=list)
    others: list = field(default_factory=list)  # answers from organisations that do not own it
    share_url: str = ""  # offered to an owner city that has not shared one yet


def answers_for(resolution, user):
    items = _answers(resolution, user)
    owner_ids = set(resolution.lines.values_list("organisation_id", flat=True))
    answers = Answers(resolution=resolution, items=items,
                      others=[item for item in items if item.organisation_id not in owner_ids])
    own = roles.organisation_of(user)
    answered = {item.organisation_id for item in items}
    if roles.is_member(user) and own is not None and own.pk in owner_ids and own.pk not in answered:
        answers.share_url = reverse("knowledge:share") + f"?resolution={resolution.pk}"
    return answers
