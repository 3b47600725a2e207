"""Building the demo network: the ground's part, and the steps each app registers.

`load_demo` first sets the network up as `setup_portal` does (portal/setup.py: home page, Site
record, secretariat, the apps' index pages, roles), then creates the demo organisations, cities,
hazards and phases and runs the steps the apps registered from their AppConfig.ready()
(`demo_step`), in their order, each adding its pages and records to the `DemoNetwork` and reading
what earlier steps left there (the knowledge items answer the resolutions' demo). Every step is
safe to run again.
"""

from dataclasses import dataclass, field

from .setup import tree_roots, upsert_child  # noqa: F401 - the demo steps' helpers

# (order, function(network)), run in ascending order.
DEMO_STEPS = []


def page_intros(page, intros):
    """Give one of the site's own pages its introduction in the other interface languages
    ({language: HTML}; titles keep their defaults) and publish it, so the page's latest revision,
    which the admin edits, holds them too."""
    from .models import PageText

    changed = False
    for language, intro in intros.items():
        text, created = PageText.objects.get_or_create(page=page, language=language, defaults={"intro": intro})
        stale = not created and text.intro != intro
        if stale:
            text.intro = intro
            text.save(update_fields=["intro"])
        changed = changed or created or stale
    if changed:
        page.save_revision().publish()


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
    # The pages the apps' setup steps made ({"meetings": MeetingIndexPage, "knowledge": …}).
    pages: dict = field(default_factory=dict)
    # The demo's people by username ("secretariat", "isfahan"), made before the steps run.
    users: dict = field(default_factory=dict)
    # What one step leaves for the next ("resolutions": {(meeting, number): Resolution}, …).
    made: dict = field(default_factory=dict)
