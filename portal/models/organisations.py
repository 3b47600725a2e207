from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from .names import MultilingualName, other_spellings


class OrganisationKind(models.TextChoices):
    CITY_OFFICE = "city_office", _("City crisis-management office")
    NETWORK_SECRETARIAT = "network_secretariat", _("Network secretariat")
    CENTRAL_SECRETARIAT = "central_secretariat", _("Central secretariat")
    NATIONAL_BODY = "national_body", _("National body")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet):
    def member_metropolises(self):
        """Active city offices: the cities an "all member metropolises" resolution binds."""
        return self.filter(kind=OrganisationKind.CITY_OFFICE, is_active=True)


class Organisation(index.Indexed, MultilingualName):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=120, blank=True)
    joined_on = models.DateField(_("joined the network on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    aliases = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_("One per line: the other ways minutes and letters name this organisation."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Shown to members only, never to the public.")
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_fa"), FieldPanel("name_en"), FieldPanel("name_zh"), FieldPanel("slug")],
            heading=_("Names"),
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_active")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country"), FieldPanel("joined_on")]),
        FieldPanel("aliases"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("contact_email")]),
    ]

    search_fields = [
        index.SearchField("name_fa"),
        index.SearchField("name_en"),
        index.SearchField("name_zh"),
        index.SearchField("aliases"),
        index.AutocompleteField("name_en"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name_en", "name_fa"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def is_member_metropolis(self):
        return self.is_active and self.kind == OrganisationKind.CITY_OFFICE

    def alias_list(self):
        return other_spellings(self.aliases)

    def learned_alias_list(self):
        """Spellings the secretariat taught the minutes import (`OrganisationAlias`)."""
        return [alias.text for alias in self.learned_aliases.all()] if self.pk else []

    def all_names(self):
        """Every name and alias, for matching owners written in minutes."""
        return self.names() + self.alias_list() + self.learned_alias_list()

    def matches_name(self, text):
        from portal.textnorm import matching_key

        key = matching_key(text)
        return any(matching_key(name) == key for name in self.all_names())
