"""Wagtail's privacy on a document collection is part of the one download rule (portal.documents).

The document here is the minutes of a public meeting, which the public could download were it not
for its collection's restriction. Each kind of restriction answers as on a page: the public is sent
to sign in or shown Wagtail's password form, members pass a login or password restriction without
typing anything, a group restriction opens the file to its groups only, and a signed-in account
that belongs to no organisation reads what the public reads.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from portal import documents, roles
from resolutions.factories import add_meeting
from resolutions.models import MeetingPage

CONTENT = b"%PDF-1.4 the ninth meeting's minutes"


@pytest.fixture
def minutes(site_tree, settings, tmp_path):
    """A public meeting's minutes, in a collection of their own (restricted by each test)."""
    settings.MEDIA_ROOT = str(tmp_path)
    collection = Collection.get_first_root_node().add_child(name="Minutes")
    document = get_document_model()(title="Ninth meeting minutes", collection=collection)
    document.file.save("minutes-nine.pdf", ContentFile(CONTENT), save=False)
    document.save()
    add_meeting(site_tree["meetings"], 9, minutes_document=document)
    return document


def restrict(document, kind, **fields):
    restriction = CollectionViewRestriction.objects.create(collection=document.collection, restriction_type=kind,
                                                           **fields)
    document.refresh_from_db()
    return restriction


def browser(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def downloaded(response):
    return response.status_code == 200 and response.streaming and b"".join(response.streaming_content) == CONTENT


def test_without_a_restriction_the_public_downloads_the_minutes(minutes):
    assert downloaded(browser().get(minutes.url))
    assert documents.is_public_document(minutes)


def test_a_login_restriction_sends_the_public_to_sign_in_and_lets_members_through(minutes, people):
    restrict(minutes, CollectionViewRestriction.LOGIN)
    response = browser().get(minutes.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert browser(people["outsider"]).get(minutes.url).status_code == 403  # signed in, no member
    for member in ("isfahan", "secretariat"):
        assert downloaded(browser(people[member]).get(minutes.url)), member
    assert not documents.is_public_document(minutes)
    assert not documents.may_download(minutes, people["outsider"])
    assert documents.may_download(minutes, people["tehran"])


def test_a_password_shows_wagtails_form_opens_the_file_to_who_typed_it_and_never_asks_members(minutes, people):
    restriction = restrict(minutes, CollectionViewRestriction.PASSWORD, password="nine")  # noqa: S106
    public = browser()
    form = public.get(minutes.url)
    assert form.status_code == 200 and b"PDF" not in form.content
    action = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    assert action in form.content.decode()
    assert public.post(action, {"password": "nine", "return_url": minutes.url}).status_code == 302
    assert downloaded(public.get(minutes.url))
    assert not downloaded(browser().get(minutes.url))  # the password is this reader's, not everyone's
    assert downloaded(browser(people["tehran"]).get(minutes.url))
    assert not documents.is_public_document(minutes)


def test_a_group_restriction_opens_the_file_to_its_groups_only(minutes, people):
    restriction = restrict(minutes, CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=roles.CITY_MANAGERS)])
    assert downloaded(browser(people["isfahan"]).get(minutes.url))
    assert browser(people["secretariat"]).get(minutes.url).status_code == 403  # not in the group
    assert browser().get(minutes.url).status_code == 302  # to sign in
    # No list offers it, not even to the group's members (as with pages).
    listed = documents.downloadable(get_document_model().objects.all(), people["isfahan"])
    assert minutes not in listed


def test_a_restriction_on_a_parent_collection_holds_for_the_collections_under_it(minutes, people):
    parent = minutes.collection
    child = parent.add_child(name="Annexes")
    minutes.collection = child
    minutes.save()
    CollectionViewRestriction.objects.create(collection=parent, restriction_type=CollectionViewRestriction.LOGIN)
    assert browser().get(minutes.url).status_code == 302
    assert downloaded(browser(people["tehran"]).get(minutes.url))
    assert not documents.is_public_document(minutes)


def test_an_unpublished_meetings_file_stays_closed_to_whoever_typed_its_collections_password(minutes):
    """The collection's password opens what the public could otherwise read, nothing more."""
    MeetingPage.objects.get(minutes_document=minutes).unpublish()
    restriction = restrict(minutes, CollectionViewRestriction.PASSWORD, password="nine")  # noqa: S106
    public = browser()
    public.post(reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
                {"password": "nine", "return_url": minutes.url})
    assert public.get(minutes.url).status_code == 403
