"""Building the demo network: the ground's part, and the steps each app registers.

`load_demo` creates the organisations, cities, hazards, phases and the home page, then runs the
steps the apps registered from their AppConfig.ready() (`demo_step`), in their order, each adding
its pages and records to the `DemoNetwork` and reading what earlier steps left there (the
knowledge items answer the resolutions' demo). Every step is safe to run again.
"""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

# (order, function(network)), run in ascending order.
DEMO_STEPS = []


def demo_step(order):
    def register(function):
        DEMO_STEPS.append((order, function))
        DEMO_STEPS.sort(key=lambda step: step[0])
        return function

    return register


@dataclass
class DemoNetwork:
    home: object
    organisations: dict
    hazards: dict
    phases: dict
    # What one step leaves for the next ("resolutions": {(meeting, number): Resolution}, …).
    made: dict = field(default_factory=dict)


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
