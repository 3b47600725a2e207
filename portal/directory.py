"""The network's organisations as the public and the members may see them.

Rules (plain functions; the views and templates only show what these return):

- everyone sees every organisation's names, kind, city, country and date of joining;
- what an organisation owns and submitted is shown by the apps, which register the parts of
  its page (resolutions: its follow-up lines; knowledge: its items), each asking its own
  visibility rule;
- the contact e-mail is for members only, never for the public.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from portal import roles
from portal.models import Organisation, OrganisationKind
from portal.models.names import NAME_LANGUAGE_TAGS
from portal.textnorm import to_traditional


def _reader(user):
    return user if user is not None else AnonymousUser()


# Which language each stored name is written in (the Chinese names are in simplified characters).
NAME_LANGUAGES = NAME_LANGUAGE_TAGS


def displayed_name(organisation, language=None):
    """(name, language of that name) as the reader's interface language shows it, with fallbacks."""
    return organisation.name_and_language(language)


def other_names(organisation, language=None):
    """The organisation's names in the other languages, as (name, language) pairs."""
    shown, _shown_language = displayed_name(organisation, language)
    names = [(getattr(organisation, field_name).strip(), lang) for field_name, lang in NAME_LANGUAGES.items()]
    # On a Traditional Chinese page the shown name is the Simplified one converted: not another name.
    return [(name, lang) for name, lang in names if name and shown not in (name, to_traditional(name))]


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


# --- what the apps add: registered from their AppConfig.ready() ------------------------------

# name -> function(organisation, reader) giving what the organisation page shows under that name
# (resolutions: the organisation's follow-up `lines`; knowledge: the `items` it submitted).
PROFILE_PARTS = {}
# name -> function(reader) counting what the reader's view of the network holds (the home page).
NETWORK_FACTS = {"cities": lambda user: Organisation.objects.member_metropolises().count()}


def profile_part(name):
    def register(function):
        PROFILE_PARTS[name] = function
        return function

    return register


def network_fact(name):
    def register(function):
        NETWORK_FACTS[name] = function
        return function

    return register


@dataclass
class OrganisationProfile:
    organisation: Organisation
    parts: dict = field(default_factory=dict)
    contact_email: str = ""

    def __getattr__(self, name):
        try:
            return self.__dict__["parts"][name]
        except KeyError:
            raise AttributeError(name) from None


def profile(organisation, user):
    """Everything the organisation page shows `user`."""
    user = _reader(user)
    return OrganisationProfile(
        organisation=organisation,
        parts={name: part(organisation, user) for name, part in PROFILE_PARTS.items()},
        contact_email=organisation.contact_email if can_see_contact(user) else "",
    )


def network_facts(user):
    """How many cities, meetings, resolutions and shared items the reader's view of the network has."""
    user = _reader(user)
    return {name: count(user) for name, count in NETWORK_FACTS.items()}
