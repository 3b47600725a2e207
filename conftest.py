"""Fixtures every test suite shares: a small page tree, organisations and one user per role."""

from pathlib import Path

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from knowledge.models import KnowledgeIndexPage
from portal import roles
from portal.factories import OrganisationFactory, UserFactory, city_manager, secretariat_editor
from portal.models import HomePage, OrganisationKind
from resolutions.models import MeetingIndexPage

SEEDS = Path(__file__).resolve().parent.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code under test outside a request speaks English; requests pick their own language.

    Without this, the language a previous test's request activated leaks into the next test.
    """
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_city_names():
    """The city table is cached in memory; a test's rolled-back cities must not reach the next."""
    from portal.models.taxonomy import forget_city_names

    forget_city_names()
    yield
    forget_city_names()


@pytest.fixture
def seeds():
    if not SEEDS.is_dir():
        pytest.fail(f"The sample documents are missing: expected them in {SEEDS}")
    return SEEDS


@pytest.fixture
def site_tree(db):
    root = Page.get_first_root_node()
    if root is None:  # a live-server test before this one left the database emptied: Wagtail's root again
        from django.conf import settings

        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    for welcome in root.get_children().filter(slug="home"):
        welcome.delete()
    home = HomePage(title="Network", slug="home")
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults=dict(hostname="localhost", root_page=home))
    meetings = MeetingIndexPage(title="Meetings", slug="meetings")
    home.add_child(instance=meetings)
    knowledge = KnowledgeIndexPage(title="Knowledge", slug="knowledge")
    home.add_child(instance=knowledge)
    roles.ensure_roles()  # grants city managers the new knowledge index
    return {"home": home, "meetings": meetings, "knowledge": knowledge}


@pytest.fixture
def orgs(db):
    return {
        "secretariat": OrganisationFactory(slug="network-secretariat", name_en="Network secretariat",
                                           kind=OrganisationKind.NETWORK_SECRETARIAT),
        "isfahan": OrganisationFactory(slug="isfahan", name_en="Isfahan"),
        "tehran": OrganisationFactory(slug="tehran", name_en="Tehran"),
        "retired": OrganisationFactory(slug="retired-city", name_en="Retired city", is_active=False),
    }


@pytest.fixture
def people(orgs):
    return {
        "secretariat": secretariat_editor(orgs["secretariat"], username="sec"),
        "isfahan": city_manager(orgs["isfahan"], username="isf"),
        "tehran": city_manager(orgs["tehran"], username="teh"),
        "outsider": UserFactory(username="outsider"),
    }
