from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.textnorm import to_traditional

# Which stored name to try first for each interface language.
NAME_FALLBACKS = {
    "fa": ("name_fa", "name_en", "name_zh"),
    "en": ("name_en", "name_fa", "name_zh"),
    "zh": ("name_zh", "name_en", "name_fa"),
}
# Which language each stored name is written in (the Chinese names in Simplified characters).
NAME_LANGUAGE_TAGS = {"name_fa": "fa", "name_en": "en", "name_zh": "zh-Hans"}


def other_spellings(text):
    """The non-empty lines of an "other spellings" field (organisations, cities)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MultilingualName(models.Model):
    """A name kept in the network's three languages; at least one is required."""

    name_fa = models.CharField(_("name in Persian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    name_zh = models.CharField(_("name in Chinese"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name_in()

    def clean(self):
        super().clean()
        if not (self.name_fa.strip() or self.name_en.strip() or self.name_zh.strip()):
            raise ValidationError(_("Give a name in at least one language."))

    def name_in(self, language=None):
        return self.name_and_language(language)[0]

    def name_and_language(self, language=None):
        """(name, BCP 47 tag of the language it is written in) for a reader of `language`, with
        fallbacks. The Chinese name is kept in Simplified characters; Traditional Chinese readers
        get it converted (their catalogue is converted the same way)."""
        language = (language or get_language() or "en").lower()
        for field in NAME_FALLBACKS.get(language[:2], NAME_FALLBACKS["en"]):
            if value := getattr(self, field).strip():
                if field == "name_zh" and language == "zh-hant":
                    return to_traditional(value), "zh-Hant"
                return value, NAME_LANGUAGE_TAGS[field]
        return "", ""

    @property
    def name(self):
        return self.name_in()

    name.fget.short_description = _("name")  # the admin's listings head their column with it

    def names(self):
        return [n for n in (self.name_fa, self.name_en, self.name_zh) if n.strip()]
