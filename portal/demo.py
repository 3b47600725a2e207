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
    # What one step leaves for the next ("resolutions": {(meeting, number): Resolution}, …).
    made: dict = field(default_factory=dict)
