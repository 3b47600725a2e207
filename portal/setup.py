"""Setting up a network: the ground's part of `setup_portal`, and the steps each app registers.

`set_up` creates what a real network needs and nothing more: the home page, the Wagtail Site
record on PORTAL_BASE_URL, the network's name in each language and its secretariat; then it runs
the steps the apps registered from their AppConfig.ready() (`setup_step`: the meetings index, the
knowledge index), in their order; last the roles, whose page permissions and review workflow need
the apps' pages. `load_demo` runs it before adding the demo content. Safe to run again: what
exists is kept (an editor may have renamed a page), what is missing is added.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import override
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from . import roles
from .addresses import site_record_fields
from .models import HomePage, Network, Organisation, OrganisationKind
from .textnorm import writes_arabic_script, writes_han

# (order, function(setup)), run in ascending order.
SETUP_STEPS = []

SECRETARIAT_SLUG = "network-secretariat"
# The network's name is asked for in these languages: {code: Network field}.
NAME_LANGUAGES = {"fa": "name_fa", "en": "name_en", "zh-hans": "name_zh_hans", "zh-hant": "name_zh_hant"}


class SetupRefused(Exception):
    """The database holds something setup must not overwrite; the message says what to do."""


def setup_step(order):
    def register(function):
        SETUP_STEPS.append((order, function))
        SETUP_STEPS.sort(key=lambda step: step[0])
        return function

    return register


@dataclass
class PortalSetup:
    home: HomePage
    site: Site
    network: Network
    secretariat: Organisation
    # What the steps made, for later steps and the demo: {"meetings": MeetingIndexPage, …}.
    pages: dict = field(default_factory=dict)


@transaction.atomic
def set_up(names=None, secretariat_name=""):
    """Create or complete the network's skeleton; `names` ({language: name}) and `secretariat_name`
    replace what is stored when given."""
    root = tree_roots()
    network, renamed = network_names(names or {})
    home = home_page(root, network, renamed)
    site = site_record(home, network)
    setup = PortalSetup(home=home, site=site, network=network, secretariat=secretariat(secretariat_name))
    for _order, step in SETUP_STEPS:
        step(setup)
    roles.ensure_roles()  # now that the apps' pages exist: city managers may add to them, under review
    return setup


def tree_roots():
    """Wagtail's migrations create the root page, collection and locale; a flushed database lacks them."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def network_names(names):
    """The Network record with the given names stored; (network, whether a name changed)."""
    network = Network.load()
    changed = False
    for language, name in names.items():
        name = " ".join((name or "").split())
        attribute = NAME_LANGUAGES[language]
        if name and getattr(network, attribute) != name:
            setattr(network, attribute, name)
            changed = True
    if changed:
        network.save()
    return network, changed


def home_page(root, network, renamed=False):
    """The one home page, titled with the network's name in the site's language."""
    title = network.name_in(settings.LANGUAGE_CODE)
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's installer leaves a plain welcome page with our slug; it has nothing worth keeping.
        for welcome in root.get_children().filter(slug="home", content_type__model="page"):
            welcome.delete()
        home = HomePage(title=title, slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    elif renamed and home.title != title:
        home.title = title
        home.save_revision().publish()
    return home


def site_record(home, network):
    """The default Site: the home page at PORTAL_BASE_URL's host and port."""
    address = site_record_fields()
    other = Site.objects.filter(**address).exclude(is_default_site=True).first()
    if other is not None:
        raise SetupRefused(f"Another site record ({other}) already answers on {other.hostname}:{other.port}; "
                           "delete it in the admin (Settings → Sites) or change PORTAL_BASE_URL.")
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = address["hostname"], address["port"]
    site.root_page = home
    site.site_name = network.name_in("en")
    site.save()
    return site


def name_field(name):
    """Which of an organisation's name fields a name written in this script belongs in."""
    if writes_arabic_script(name):
        return "name_fa"
    if writes_han(name):
        return "name_zh"
    return "name_en"


def existing_secretariat():
    """The network's active secretariat, as the document import finds its default owner."""
    return (Organisation.objects.filter(kind=OrganisationKind.NETWORK_SECRETARIAT, is_active=True)
            .order_by("pk").first())


def secretariat(name=""):
    """The network's secretariat, created when there is none; `name` replaces its name in that script."""
    found = existing_secretariat()
    if found is None:
        found = Organisation(kind=OrganisationKind.NETWORK_SECRETARIAT, slug=free_slug(SECRETARIAT_SLUG))
        for language, attribute in (("fa", "name_fa"), ("en", "name_en"), ("zh-hans", "name_zh")):
            with override(language):
                setattr(found, attribute, str(OrganisationKind.NETWORK_SECRETARIAT.label))
    name = " ".join((name or "").split())
    if name:
        setattr(found, name_field(name), name)
    if found.pk is None or name:
        found.save()
    return found


def free_slug(base):
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def ensure_child(parent, model, slug, **fields):
    """The page of this type (there is at most one), or a new live child of `parent` with these fields.

    An existing page is left as the editors made it.
    """
    page = model.objects.first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def upsert_child(parent, model, slug, **fields):
    """Find the child page by slug and update it, or add it; either way it ends up live."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.live = True
    page.save()
    return page
