"""Fixtures for the API and feed tests (no tests here): a small network with two published meetings
and an unpublished one, public and internal resolutions, public, members-only and draft knowledge
items, and an organisation with a contact e-mail. Test modules import `world` from here."""

import datetime

import pytest

from knowledge.factories import add_item
from portal.factories import HazardFactory, PhaseFactory
from resolutions.factories import ResolutionFactory, add_meeting

SECRET_EMAIL = "duty-desk@tehran.example"  # noqa: S105
INTERNAL_TEXT = "Confidential budget resolution"
INTERNAL_NOTE = "Budget talks with the ministry"
MEMBERS_TITLE = "Members-only drill notes"
DRAFT_TITLE = "Tehran unfinished draft"
HIDDEN_MEETING_TEXT = "Resolution of an unpublished meeting"


@pytest.fixture
def world(site_tree, orgs, people):
    tehran = orgs["tehran"]
    tehran.contact_email = SECRET_EMAIL
    tehran.city = "Tehran"
    tehran.save()
    orgs["isfahan"].city = "Isfahan"
    orgs["isfahan"].save()

    flood = HazardFactory(slug="flood", name_en="Flood", name_fa="سیل")
    quake = HazardFactory(slug="earthquake", name_en="Earthquake")
    preparedness = PhaseFactory(slug="preparedness", name_en="Preparedness")

    m9 = add_meeting(site_tree["meetings"], 9, host_city="Hamedan", starts_on=datetime.date(2012, 10, 10))
    m9.participants.set([orgs["isfahan"], tehran])
    m9.save()
    m10 = add_meeting(site_tree["meetings"], 10, host_city="Tabriz", starts_on=datetime.date(2015, 5, 4))
    hidden = add_meeting(site_tree["meetings"], 11, host_city="Mashhad", starts_on=datetime.date(2016, 1, 1))
    hidden.unpublish()

    flood_public = ResolutionFactory(meeting=m9, number=1, owners=[orgs["isfahan"]], text="Share flood maps",
                                     due_on=datetime.date(2013, 1, 1))
    flood_public.hazards.set([flood])
    tehran_public = ResolutionFactory(meeting=m9, number=2, owners=[tehran], text="Train volunteers",
                                      language="fa")
    tehran_public.hazards.set([quake])
    everyone = ResolutionFactory(meeting=m10, number=1, owned_by_all_members=True, text="Every city drills")
    internal = ResolutionFactory(meeting=m10, number=2, owners=[orgs["isfahan"]], is_public=False,
                                 text=INTERNAL_TEXT, internal_note=INTERNAL_NOTE)
    unpublished = ResolutionFactory(meeting=hidden, number=1, owners=[tehran], text=HIDDEN_MEETING_TEXT)

    knowledge = site_tree["knowledge"]
    public_study = add_item(knowledge, tehran, title="Public flood study", language="en",
                            document_date=datetime.date(2019, 3, 1))
    public_study.hazards.set([flood])
    public_study.phases.set([preparedness])
    public_study.save()
    training = add_item(knowledge, orgs["isfahan"], title="Isfahan earthquake drill", kind="training",
                        language="fa", document_date=datetime.date(2021, 6, 1))
    training.hazards.set([quake])
    training.save()
    members_item = add_item(knowledge, tehran, title=MEMBERS_TITLE, visibility="members")
    members_item.hazards.set([flood])
    members_item.save()
    draft = add_item(knowledge, tehran, title=DRAFT_TITLE, publish=False, owner=people["tehran"])
    return locals()


def anonymous_secrets():
    """Strings no anonymous answer may contain."""
    return [SECRET_EMAIL, "@example.org", INTERNAL_TEXT, INTERNAL_NOTE, MEMBERS_TITLE, DRAFT_TITLE,
            HIDDEN_MEETING_TEXT, "contact_email", "internal_note"]
