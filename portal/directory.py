"""The network's organisations as the public and the members may see them.

Rules (plain functions; the views and templates only show what these return):

- everyone sees every organisation's names, kind, city, country and date of joining;
- what an organisation owns is its follow-up lines on resolutions the reader may see
  (`Resolution.objects.visible_to`: the public only public resolutions of live meetings);
- what it submitted is its live knowledge items, members-only ones for members only;
- the contact e-mail is for members only, never for the public.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from portal import roles
from portal.models import Organisation, OrganisationKind


def _reader(user):
    return user if user is not None else AnonymousUser()


# Which language each stored name is written in (the Chinese names are in simplified characters).
NAME_LANGUAGES = {"name_fa": "fa", "name_en": "en", "name_zh": "zh-Hans"}


def displayed_name(organisation, language=None):
    """(name, language of that name) as the reader's interface language shows it, with fallbacks."""
    from django.utils.translation import get_language

    from portal.models.names import NAME_FALLBACKS

    language = (language or get_language() or "en")[:2]
    for field_name in NAME_FALLBACKS.get(language, NAME_FALLBACKS["en"]):
        if value := getattr(organisation, field_name).strip():
            return value, NAME_LANGUAGES[field_name]
    return "", ""


def other_names(organisation, language=None):
    """The organisation's names in the other languages, as (name, language) pairs."""
    shown, _shown_language = displayed_name(organisation, language)
    return [
        (value.strip(), lang)
        for field_name, lang in NAME_LANGUAGES.items()
        if (value := getattr(organisation, field_name)).strip() and value.strip() != shown
    ]


def listed_organisations():
    """Active organisations first (secretariats and national bodies, then cities), former ones after."""
    order = {
        OrganisationKind.NETWORK_SECRETARIAT: 0,
        OrganisationKind.CENTRAL_SECRETARIAT: 1,
        OrganisationKind.NATIONAL_BODY: 2,
        OrganisationKind.CITY_OFFICE: 3,
        OrganisationKind.OTHER: 4,
    }
    organisations = list(Organisation.objects.all())
    organisations.sort(key=lambda o: (not o.is_active, order.get(o.kind, 9), o.name.casefold()))
    return organisations


def can_see_contact(user):
    """Contact e-mails are shown to members only."""
    return roles.is_member(_reader(user))


def owned_lines(organisation, user):
    """The organisation's follow-up lines on resolutions `user` may read, newest meeting first."""
    from resolutions.models import FollowUpLine, Resolution

    visible = Resolution.objects.visible_to(_reader(user))
    return list(
        FollowUpLine.objects.filter(organisation=organisation, resolution__in=visible)
        .select_related("resolution__meeting")
        .order_by("-resolution__meeting__number", "resolution__number")
    )


def submitted_items(organisation, user):
    """The organisation's live knowledge items `user` may read, newest first."""
    from knowledge.models import KnowledgeItem

    return list(
        KnowledgeItem.objects.visible_to(_reader(user))
        .filter(organisation=organisation)
        .order_by("-document_date", "-first_published_at")
        .specific()
    )


@dataclass
class OrganisationProfile:
    organisation: Organisation
    lines: list = field(default_factory=list)
    items: list = field(default_factory=list)
    contact_email: str = ""

    @property
    def open_lines(self):
        return [line for line in self.lines if line.status != "done"]


def profile(organisation, user):
    """Everything the organisation page shows `user`."""
    return OrganisationProfile(
        organisation=organisation,
        lines=owned_lines(organisation, user),
        items=submitted_items(organisation, user),
        contact_email=organisation.contact_email if can_see_contact(user) else "",
    )


def network_facts(user):
    """How many cities, meetings, resolutions and shared items the reader's view of the network has."""
    from knowledge.models import KnowledgeItem
    from resolutions.models import MeetingPage, Resolution

    user = _reader(user)
    return {
        "cities": Organisation.objects.member_metropolises().count(),
        "meetings": MeetingPage.objects.live().count(),
        "resolutions": Resolution.objects.visible_to(user).count(),
        "items": KnowledgeItem.objects.visible_to(user).count(),
    }
