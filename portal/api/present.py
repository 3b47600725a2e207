"""What the API shows of the ground's objects, as plain dictionaries (shaped by schemas.py).

Each app's API presents its own objects with a subclass (resolutions/api/present.py,
knowledge/api.py). Never shown: people; an organisation's contact e-mail only to members (the key
is left out for the public).
"""

from django.urls import reverse

from portal import roles
from portal.addresses import absolute_url


class Presenter:
    """Shows objects to one caller."""

    def __init__(self, request):
        self.request = request
        self.member = roles.is_member(request.user)

    @staticmethod
    def absolute(url):
        return absolute_url(url)

    # --- small pieces ----------------------------------------------------------------------

    @staticmethod
    def names(obj):
        return {"fa": obj.name_fa, "en": obj.name_en, "zh": obj.name_zh}

    def organisation_ref(self, organisation):
        return {"slug": organisation.slug, "name": organisation.name, "names": self.names(organisation)}

    def term(self, term):
        return {"slug": term.slug, "name": term.name, "names": self.names(term)}

    # --- organisations ---------------------------------------------------------------------

    def organisation(self, organisation):
        data = {
            "slug": organisation.slug,
            "name": organisation.name,
            "names": self.names(organisation),
            "kind": organisation.kind,
            "city": organisation.city,
            "country": organisation.country,
            "joined_on": organisation.joined_on,
            "is_active": organisation.is_active,
            "website": organisation.website,
            "url": self.absolute(reverse("organisation", args=[organisation.slug])),
        }
        if self.member:
            data["contact_email"] = organisation.contact_email
        return data

    def organisations(self, organisations):
        return [self.organisation(o) for o in organisations]


def translations(obj):
    """What people translated of a resolution or an item (portal.translations), by interface language."""
    return {language: {"title": title, "summary": summary} for language, (title, summary) in obj.summaries().items()}
