import time

from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import MultilingualName, other_spellings


class Term(MultilingualName):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]


class Hazard(Term):
    """A kind of hazard a study, experience or resolution is about (earthquake, flood…)."""

    class Meta(Term.Meta):
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")


class Phase(Term):
    """A phase of the crisis-management cycle (prevention, preparedness, response, reconstruction)."""

    class Meta(Term.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")


class City(Term):
    """A city, with its names in the network's languages.

    Organisations and meetings keep the city as the text their editors typed ("Tehran",
    «همدان»); this table says which texts name the same city, so search facets and pages show
    one city, in the reader's language, however it was written.
    """

    aliases = models.TextField(
        _("other spellings"), blank=True,
        help_text=_("One per line: other ways the city is written (e.g. with Arabic letters)."),
    )

    class Meta(Term.Meta):
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def all_names(self):
        return self.names() + other_spellings(self.aliases)

    @classmethod
    def named(cls, text):
        """The city a text names (any of its names or spellings), or None."""
        from portal.textnorm import matching_key

        return city_keys().get(matching_key(text or ""))

    @classmethod
    def written_as(cls, value, written):
        """Of the texts `written` (cities as editors typed them), those naming what `value` names.

        `value` is a known city's slug or any of its names and spellings (then every spelling of
        that city is found), or any other text (then the same text, in any case).
        """
        from portal.textnorm import matching_key

        value = (value or "").strip()
        city = cls.objects.filter(slug=value).first() or cls.named(value)
        if city is None:
            key = matching_key(value)
            return [text for text in written if matching_key(text) == key]
        return [text for text in written if cls.named(text) == city]

    @classmethod
    def name_for_reader(cls, text):
        """A city text in the reader's language when the city is known; else as written."""
        city = cls.named(text)
        return city.name if city else (text or "")


# Indexing thousands of documents asks for cities thousands of times: keep the small table in
# memory for a minute (other server processes see a change within that minute).
CITY_NAMES_TTL = 60
_city_names = {"loaded_at": None, "keys": {}}


def city_keys():
    """matching key of every name and spelling → City."""
    from portal.textnorm import matching_key

    now = time.monotonic()
    if _city_names["loaded_at"] is None or now - _city_names["loaded_at"] > CITY_NAMES_TTL:
        _city_names["keys"] = {
            matching_key(name): city for city in City.objects.all() for name in city.all_names()
        }
        _city_names["loaded_at"] = now
    return _city_names["keys"]


def forget_city_names(**kwargs):
    _city_names["loaded_at"] = None


models.signals.post_save.connect(forget_city_names, sender=City)
models.signals.post_delete.connect(forget_city_names, sender=City)
