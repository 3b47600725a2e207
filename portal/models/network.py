from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext, gettext_noop, override
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# The name of a network that has not given its own (setup_portal --no-input), in each language.
DEFAULT_NAME = gettext_noop("Metropolitan Crisis Management Network")


@register_setting(icon="site")
class Network(BaseGenericSetting):
    """The network's own name in each language: the site's header, page titles and citations.

    Asked for by `setup_portal`; the secretariat may change it in the admin (Settings → Network).
    """

    name_fa = models.CharField(_("name in Persian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name in Simplified Chinese"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name in Traditional Chinese"), max_length=255, blank=True)

    # The field for each language, then the ones to try when it is empty.
    NAME_FIELDS = {
        "fa": ("name_fa", "name_en", "name_zh_hans", "name_zh_hant"),
        "en": ("name_en", "name_fa", "name_zh_hans", "name_zh_hant"),
        "zh-hans": ("name_zh_hans", "name_zh_hant", "name_en", "name_fa"),
        "zh-hant": ("name_zh_hant", "name_zh_hans", "name_en", "name_fa"),
    }

    class Meta:
        verbose_name = _("network")

    def __str__(self):
        return self.name_in()

    def name_in(self, language=None):
        """The name in this language, else in another the network gave, else the default name."""
        language = (language or get_language() or settings.LANGUAGE_CODE).lower()
        for field in self.NAME_FIELDS.get(language, self.NAME_FIELDS["en"]):
            if value := getattr(self, field).strip():
                return value
        return default_name(language)


def default_name(language):
    """The default name as the site's catalogs translate it (zh-hant's is written from zh-hans)."""
    with override(language):
        return gettext(DEFAULT_NAME)
