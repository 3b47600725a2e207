import datetime

import factory

from portal.factories import OrganisationFactory  # noqa: F401  (re-exported for tests)
from resolutions.models import MeetingIndexPage, MeetingPage, Resolution


def add_meeting(index: MeetingIndexPage, number: int, **fields) -> MeetingPage:
    fields.setdefault("title", f"Meeting {number}")
    fields.setdefault("slug", f"meeting-{number}")
    fields.setdefault("host_city", "Hamedan")
    fields.setdefault("starts_on", datetime.date(2012, 10, 10))
    meeting = MeetingPage(number=number, **fields)
    index.add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Resolution text {n}")
    language = "en"
    is_public = True

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)
        if create:
            self.sync_lines()
